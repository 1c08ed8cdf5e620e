/**
 * Unread done right, end to end: messages that arrive while the user is not looking are counted
 * (with mentions) in the room list, the count and the read position survive a restart of the
 * app, and the room opens with a "New messages" divider above the first unread message, with
 * "Jump to first unread" and "Jump to latest" while they help.
 */
import type { Page } from '@playwright/test'
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

const generalButton = (page: Page) =>
  page.getByRole('list', { name: 'Your rooms' }).getByRole('button', { name: /^General, hosted/ })

test('counts what came while away, keeps it across a restart, and opens at New messages', async ({
  desktop,
  server,
  bob,
  relaunch,
}) => {
  await signIn(desktop.page, server.url)
  await openGeneral(desktop.page)
  const other = await bob()
  // The user looks elsewhere (the shell reports the window unfocused): the open room collects
  // unread like any other.
  desktop.service.setWindowFocused(false)
  const tag = Date.now()
  const bodies = Array.from({ length: 30 }, (_, i) =>
    i === 5 ? `@alice this one is for you (${tag})` : `while away ${i} (${tag})`,
  )
  for (const body of bodies) await other.service.sendMessage('alice/general', body)
  await expect(generalButton(desktop.page)).toHaveAccessibleName(
    /30 unread messages, 1 mention of you$/,
  )
  await expect(generalButton(desktop.page).locator('.mention-badge')).toHaveText('@1')

  const app = await relaunch()
  const { page } = app
  await expect(generalButton(page)).toHaveAccessibleName(/30 unread messages, 1 mention of you$/)
  await generalButton(page).click()
  const history = page.getByRole('log', { name: 'Message history' })
  await expect(messageRow(page, bodies[29]!)).toBeVisible()
  // Opened in a focused window: read, and the badges go.
  await expect(generalButton(page)).not.toHaveAccessibleName(/unread/)
  await expect(page.locator('.mention-badge')).toHaveCount(0)

  // The list opens at the end; the divider is far above: jump to it.
  const jumpFirst = page.getByRole('button', { name: /Jump to first unread/ })
  await expect(jumpFirst).toBeVisible()
  await jumpFirst.click()
  const divider = history.getByRole('separator', { name: 'New messages' })
  await expect(divider).toBeInViewport()
  await expect(divider).toHaveCount(1)
  // The first unread message is right below the divider.
  const firstRow = divider.locator('xpath=following-sibling::*[1]')
  await expect(firstRow).toContainText(bodies[0]!)
  await expect(jumpFirst).toHaveCount(0)
  await expect(messageRow(page, bodies[5]!).locator('mark.mention')).toHaveText('@alice')

  const jumpLatest = page.getByRole('button', { name: /Jump to latest/ })
  await expect(jumpLatest).toBeVisible()
  await jumpLatest.click()
  await expect(messageRow(page, bodies[29]!)).toBeInViewport()
  await expect(jumpLatest).toHaveCount(0)
  expect(app.pageErrors).toEqual([])
})

test('a room read before a restart opens without a divider', async ({
  desktop,
  server,
  relaunch,
}) => {
  await signIn(desktop.page, server.url)
  await openGeneral(desktop.page)
  const app = await relaunch()
  await openGeneral(app.page)
  await expect(app.page.getByRole('separator', { name: 'New messages' })).toHaveCount(0)
  await expect(app.page.getByRole('button', { name: /Jump to/ })).toHaveCount(0)
  expect(app.pageErrors).toEqual([])
})
