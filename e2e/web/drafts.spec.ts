/**
 * Drafts, end to end: text typed in one room stays there while another room is open, and is
 * still there after the app quits and starts again on the same profile (kept by the core in the
 * account's local store).
 */
import type { Page } from '@playwright/test'
import { expect, openGeneral, signIn, test } from './fixtures'

async function openStudyHall(page: Page): Promise<void> {
  await page
    .getByRole('list', { name: 'Your rooms' })
    .getByRole('button', { name: /^Study Hall/ })
    .click()
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()
}

test('keeps each room’s draft when switching rooms and across a restart', async ({
  desktop,
  server,
  relaunch,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  // A second room to switch to: alice joins Study Hall.
  await page.getByRole('button', { name: 'Browse rooms' }).click()
  const dialog = page.getByRole('dialog', { name: 'Browse rooms' })
  await dialog
    .getByRole('list', { name: 'Rooms on this server' })
    .getByRole('button', { name: 'Join Study Hall' })
    .click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()

  await openGeneral(page)
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill('Half a thought about quadratics')
  await openStudyHall(page)
  await expect(composer).toHaveValue('')
  await composer.fill('Notes for the study group')
  await openGeneral(page)
  await expect(composer).toHaveValue('Half a thought about quadratics')

  const app = await relaunch()
  await expect(app.page.getByRole('list', { name: 'Your rooms' })).toBeVisible()
  await openGeneral(app.page)
  const again = app.page.getByPlaceholder('Write a message')
  await expect(again).toHaveValue('Half a thought about quadratics')
  await openStudyHall(app.page)
  await expect(again).toHaveValue('Notes for the study group')

  // Sending clears it.
  await again.press('Enter')
  await expect(again).toHaveValue('')
  expect([...desktop.pageErrors, ...app.pageErrors]).toEqual([])
})
