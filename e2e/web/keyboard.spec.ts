/**
 * Keyboard first, in real Chromium against the real core and server: the quick switcher joins and
 * opens rooms, Alt(+Shift)+arrows move between (unread) rooms, the composer's keys (Shift+Enter,
 * ↑ to edit, Esc to cancel) and the shortcuts sheet.
 */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('Ctrl+K joins and opens a room by a few letters; Alt+arrows move between rooms', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)

  await page.keyboard.press('Control+K')
  const dialog = page.getByRole('dialog', { name: 'Jump to a room' })
  const field = dialog.getByRole('combobox', { name: 'Room name' })
  await expect(field).toBeFocused()
  await field.pressSequentially('stdy')
  const first = dialog.getByRole('option').first()
  await expect(first).toContainText('Study Hall')
  await expect(first).toContainText('Join')
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await field.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()
  const sidebar = page.getByRole('list', { name: 'Your rooms' })
  await expect(sidebar.getByRole('button', { name: /^Study Hall/ })).toBeVisible()

  // Alt+↑/↓ in the sidebar's order (General, then Study Hall), wrapping around.
  await page.keyboard.press('Alt+ArrowUp')
  await expect(page.getByRole('heading', { name: '# General' })).toBeVisible()
  await page.keyboard.press('Alt+ArrowUp')
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()

  // Bob writes in General while alice reads Study Hall: Alt+Shift+↓ goes to the unread room.
  const other = await bob()
  const text = `Unread for alice ${Date.now()}`
  await other.service.sendMessage('alice/general', text)
  await expect(sidebar.getByRole('button', { name: /^General.*1 unread/ })).toBeVisible()
  await page.keyboard.press('Alt+Shift+ArrowDown')
  await expect(page.getByRole('heading', { name: '# General' })).toBeVisible()
  await expect(messageRow(page, text)).toBeVisible()
  expect(desktop.pageErrors).toEqual([])
})

test('the composer: Shift+Enter is a new line, ↑ edits the last message, Esc cancels', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const composer = page.getByPlaceholder('Write a message')
  const tag = Date.now()
  await composer.focus()
  await page.keyboard.type(`first line ${tag}`)
  await page.keyboard.press('Shift+Enter')
  await page.keyboard.type('second line')
  await expect(composer).toHaveValue(`first line ${tag}\nsecond line`)
  await page.keyboard.press('Enter')
  const row = messageRow(page, `first line ${tag}`)
  await expect(row.locator('.body')).toContainText(`first line ${tag}\nsecond line`)
  await expect(row.locator('.status-pending')).toHaveCount(0)

  await page.keyboard.press('ArrowUp')
  await expect(composer).toHaveValue(`first line ${tag}\nsecond line`)
  await expect(page.getByText('Editing message')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(composer).toHaveValue('')
  await expect(page.getByText('Editing message')).toHaveCount(0)
  expect(desktop.pageErrors).toEqual([])
})

test('Ctrl+/ shows the shortcuts sheet; Esc closes it and focus returns', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const composer = page.getByPlaceholder('Write a message')
  await composer.focus()
  await page.keyboard.press('Control+/')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toBeVisible()
  await expect(sheet).toContainText('Jump to a room (quick switcher)')
  await expect(sheet).toContainText('Next unread room')
  await expect(sheet.locator('kbd', { hasText: 'Ctrl' }).first()).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(sheet).toHaveCount(0)
  await expect(composer).toBeFocused()
  expect(desktop.pageErrors).toEqual([])
})
