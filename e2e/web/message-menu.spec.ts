/**
 * The message menu in real Chromium against the real core and server: right click, Shift+F10,
 * the Menu key and the "…" button open an ARIA menu with the actions the message allows; copy
 * goes through main to the clipboard; edit and delete reach the server.
 */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test("copies the text and the link of someone else's message from the right-click menu", async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  const body = `Notes are at https://example.org/notes/${Date.now()} for everyone`
  await other.service.sendMessage('alice/general', body)
  const row = messageRow(page, 'Notes are at')
  await expect(row).toBeVisible()

  await row.locator('.body').click({ button: 'right' })
  const menu = page.getByRole('menu', { name: 'Actions for the message from bob' })
  await expect(menu.getByRole('menuitem')).toHaveText(['Copy text', 'Copy link'])
  await expect(menu.getByRole('menuitem', { name: 'Copy text' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(menu).toHaveCount(0)
  await expect(page.getByText('Link copied.')).toBeVisible()
  expect(desktop.copied).toEqual([body.split(' ')[3]])

  await row.hover()
  await row.getByRole('button', { name: /^More actions for message/ }).click()
  await menu.getByRole('menuitem', { name: 'Copy text' }).click()
  await expect(page.getByText('Message copied.')).toBeVisible()
  expect(desktop.copied.at(-1)).toBe(body)
  expect(desktop.pageErrors).toEqual([])
})

test('edits and deletes an own message from the keyboard (Shift+F10, the Menu key)', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  const body = `menu typo ${Date.now()}`
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill(body)
  await composer.press('Enter')
  const row = messageRow(page, body)
  await expect(row.locator('.status-pending')).toHaveCount(0)

  const more = row.getByRole('button', { name: /^More actions for message/ })
  await more.focus()
  await page.keyboard.press('Shift+F10')
  const menu = page.getByRole('menu')
  await expect(menu.getByRole('menuitem')).toHaveText(['Copy text', 'Edit', 'Delete'])
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(more).toBeFocused()

  await page.keyboard.press('ContextMenu')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(composer).toHaveValue(body)
  await expect(composer).toBeFocused()
  const fixed = body.replace('typo', 'fixed')
  await composer.fill(fixed)
  await composer.press('Enter')
  const edited = messageRow(page, fixed)
  await expect(edited.locator('.edited')).toHaveText('(edited)')
  await other.waitFor(
    () => other.messages('alice/general').find((m) => m.body === fixed && m.edited),
    'bob sees the edit',
  )

  await edited.getByRole('button', { name: /^More actions for message/ }).focus()
  await page.keyboard.press('Shift+F10')
  await page.keyboard.press('End')
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused()
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('dialog', { name: 'Delete message?' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(messageRow(page, fixed)).toHaveCount(0)
  await other.waitFor(
    () => !other.messages('alice/general').some((m) => m.body === fixed),
    'bob sees the delete',
  )
  expect(desktop.pageErrors).toEqual([])
})
