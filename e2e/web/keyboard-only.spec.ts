/**
 * The whole chat flow without a pointer: sign in, open a room, send, edit and delete, with only
 * page.keyboard. Every element is reached by Tab (or the app's own keys), and wherever focus lands
 * it is visibly marked.
 */
import type { Locator, Page } from '@playwright/test'
import { demoUsers } from '../../server/store/seed'
import { expect, messageRow, test } from './fixtures'

/** More Tab presses than this without reaching the target means it is not reachable. */
const MAX_TABS = 80

/**
 * Where focus is and whether the user can see it: the element matches :focus-visible and draws
 * an outline (the composer draws it around its whole row). Null when focus is on the page itself.
 */
function focusState(page: Page): Promise<{ what: string; visible: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return null
    const drawn = (node: Element | null) =>
      node !== null && getComputedStyle(node).outlineStyle !== 'none'
    const ringed = drawn(el) || drawn(el.closest('.composer-row'))
    const what = `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}`
    return { what, visible: el.matches(':focus-visible') && ringed }
  })
}

/** Whether `target` has focus; a target that is not on the page fails at once, naming it. */
async function isFocused(target: Locator): Promise<boolean> {
  if ((await target.count()) === 0) throw new Error(`not on the page: ${target}`)
  return target.evaluate((el) => el === document.activeElement).catch(() => false)
}

/** Presses Tab (or Shift+Tab) until `target` has focus, checking the focus ring at every stop. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if (await isFocused(target)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const state = await focusState(page)
    if (state) expect(state.visible, `focus ring on ${state.what}`).toBe(true)
  }
  throw new Error(`not reachable with ${backwards ? 'Shift+Tab' : 'Tab'}: ${target}`)
}

test('signs in, opens a room, sends, edits and deletes a message with the keyboard alone', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  const alice = demoUsers.alice

  // Sign-in: focus starts in Email; the server address is one Shift+Tab back.
  const email = page.getByRole('textbox', { name: 'Email', exact: true })
  await expect(email).toBeFocused()
  await tabTo(page, page.getByRole('textbox', { name: 'Server address' }), true)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(server.url)
  await tabTo(page, email)
  await page.keyboard.type(alice.email)
  await tabTo(page, page.getByRole('textbox', { name: 'Password', exact: true }))
  await page.keyboard.type(alice.password)
  await page.keyboard.press('Enter')
  const rooms = page.getByRole('list', { name: 'Your rooms' })
  await expect(rooms).toBeVisible()

  // Open the room from the sidebar.
  const general = rooms.getByRole('button', { name: /^General, hosted by alice/ })
  await tabTo(page, general)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: '# General' })).toBeVisible()
  await expect(general).toHaveAttribute('aria-current', 'page')

  // Send. The composer is a combobox: typing @ offers the room's participants.
  const composer = page.getByRole('combobox', { name: 'Message', exact: true })
  await tabTo(page, composer)
  const body = `typed without a mouse ${Date.now()}`
  await page.keyboard.type(body)
  await page.keyboard.press('Enter')
  const row = messageRow(page, body)
  await expect(row.locator('.status-pending')).toHaveCount(0)
  await expect(composer).toHaveValue('')
  await expect(composer).toBeFocused()

  // Edit: back to the message's Edit button, which shows itself once focus is inside the row.
  await tabTo(page, row.getByRole('button', { name: /^Edit message/ }), true)
  await expect(row.locator('.message-actions')).toHaveCSS('opacity', '1')
  await page.keyboard.press('Enter')
  const editor = page.getByRole('combobox', { name: 'Edit message', exact: true })
  await expect(editor).toBeFocused()
  await expect(editor).toHaveValue(body)
  const fixed = `${body} (fixed)`
  await page.keyboard.press('End')
  await page.keyboard.type(' (fixed)')
  await page.keyboard.press('Enter')
  const edited = messageRow(page, fixed)
  await expect(edited.locator('.edited')).toHaveText('(edited)')
  await expect(composer).toBeFocused()

  // Delete: the confirmation opens on the safe choice; Tab reaches Delete.
  await tabTo(page, edited.getByRole('button', { name: /^Delete message/ }), true)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Delete message?' })
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await tabTo(page, dialog.getByRole('button', { name: 'Delete', exact: true }))
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(messageRow(page, fixed)).toHaveCount(0)
  // The deleted row took its button with it: focus goes back to writing.
  await expect(composer).toBeFocused()
  expect(desktop.pageErrors).toEqual([])
})
