/**
 * The language setting in real Chromium against the real core: switching to Deutsch turns the
 * whole window German at once (the core saves the choice and words its own texts in it), a reload
 * keeps it, and "System" goes back to the OS's language.
 */
import { expect, openGeneral, signIn, test } from './fixtures'

test('switching to Deutsch in settings shows the app in German, and System switches back', async ({
  desktop,
  server,
}) => {
  const { page, service } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  await expect(page.locator('html')).toHaveAttribute('lang', /^en/)

  await page.getByLabel('Language').selectOption('de')
  await expect(page.getByRole('button', { name: 'Räume durchsuchen' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Räume' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible()
  await expect(page.getByPlaceholder('Schreib eine Nachricht an #General')).toBeVisible()
  await expect(page.getByRole('log', { name: 'Nachrichtenverlauf' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Deine Räume' })).toBeVisible()
  await expect(page.locator('.room-meta')).toContainText(/\d+ Mitglieder?/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(page.getByText('Rooms', { exact: true })).toHaveCount(0)
  expect((await service.getSettings()).locale).toBe('de')

  // The choice lives in the core's settings: a fresh page starts German.
  await page.reload()
  await expect(page.getByRole('list', { name: 'Deine Räume' })).toBeVisible()
  await expect(page.getByLabel('Sprache')).toHaveValue('de')

  await page.getByLabel('Sprache').selectOption('system')
  await expect(page.getByRole('list', { name: 'Your rooms' })).toBeVisible()
  await expect(page.getByLabel('Language')).toHaveValue('system')
  expect(desktop.pageErrors).toEqual([])
})
