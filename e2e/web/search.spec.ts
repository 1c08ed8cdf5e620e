/**
 * Search in real Chromium against the real core (searching its real local store) and server:
 * Ctrl+F in the open room, Ctrl+Shift+F across rooms, highlighted matches, and jump-to-message
 * (the room opens, the message scrolls into view and is highlighted).
 */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('Ctrl+F finds messages of the open room, highlighted, and jumps to one far up', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const tag = `t${Date.now()}`
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill(`${tag} the proof on page 112`)
  await composer.press('Enter')
  await expect(messageRow(page, `${tag} the proof`).locator('.status-pending')).toHaveCount(0)
  // Enough later messages that the hit scrolls out of view.
  const other = await bob()
  for (let i = 0; i < 60; i++) await other.service.sendMessage('alice/general', `filler ${i}`)
  await expect(messageRow(page, 'filler 59')).toBeVisible()
  await expect(messageRow(page, `${tag} the proof`)).not.toBeInViewport()

  await page.keyboard.press('Control+F')
  const dialog = page.getByRole('dialog', { name: 'Search #General' })
  const field = dialog.getByRole('searchbox', { name: 'Search messages' })
  await expect(field).toBeFocused()
  await field.fill(`PROOF ${tag}`)
  await field.press('Enter')
  await expect(dialog.getByRole('status')).toHaveText('1 result')
  const result = dialog.getByRole('list', { name: 'Search results' }).getByRole('button')
  await expect(result).toContainText('alice')
  await expect(result.locator('mark')).toHaveText([tag, 'proof'])

  await field.press('ArrowDown')
  await expect(result).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  const row = messageRow(page, `${tag} the proof`)
  await expect(row).toBeInViewport()
  await expect(row).toHaveClass(/highlighted/)
  expect(desktop.pageErrors).toEqual([])
})

test('Ctrl+Shift+F searches every joined room and jumps into another room', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  const tag = `x${Date.now()}`
  // Join Study Hall and write there, then go back to General.
  await page.getByRole('button', { name: 'Browse rooms' }).click()
  await page.getByRole('button', { name: 'Join Study Hall' }).click()
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill(`homework ${tag} is due friday`)
  await composer.press('Enter')
  await expect(messageRow(page, `homework ${tag}`).locator('.status-pending')).toHaveCount(0)
  await openGeneral(page)

  await page.keyboard.press('Control+Shift+F')
  const dialog = page.getByRole('dialog', { name: 'Search all rooms' })
  const field = dialog.getByRole('searchbox', { name: 'Search messages' })
  await field.fill(tag)
  await expect(dialog.getByRole('status')).toHaveText('1 result')
  const result = dialog.getByRole('list', { name: 'Search results' }).getByRole('button')
  await expect(result).toContainText('#Study Hall')
  await expect(result.locator('mark')).toHaveText(tag)
  await result.click()
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()
  await expect(messageRow(page, `homework ${tag}`)).toHaveClass(/highlighted/)

  // Nothing found says so; a blank query shows nothing.
  await page.keyboard.press('Control+Shift+F')
  await dialog.getByRole('searchbox').fill(`nothing-${tag}`)
  await expect(dialog.getByRole('status')).toHaveText(`No messages match “nothing-${tag}”.`)
  expect(desktop.pageErrors).toEqual([])
})
