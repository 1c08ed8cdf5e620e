/** Chatting in real Chromium against the real core and server: history, live messages both ways, edit, delete. */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('signs in, lists the rooms, opens alice/general and shows its history', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  const rooms = page.getByRole('list', { name: 'Your rooms' })
  await expect(
    rooms.getByRole('button', { name: /^General, hosted by alice, topic Math/ }),
  ).toBeVisible()
  await openGeneral(page)
  await expect(page.locator('.room-meta')).toContainText('2 participants')
  await expect(page.locator('.room-header-state')).toHaveText('Connected')
  const history = page.getByRole('log', { name: 'Message history' })
  await expect(history.locator('.message').first()).toBeVisible()
  await expect(history.locator('[role=separator]').first()).toBeVisible()
  // Timestamps are local times with the full date on hover.
  await expect(history.locator('.message-header time').first()).toHaveAttribute('title', /\d{4}/)
  expect(desktop.pageErrors).toEqual([])
})

test('sends to bob live, and shows what bob sends', async ({ desktop, server, bob }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()

  const mine = `Hello Bob, it is ${Date.now()}`
  await page.getByPlaceholder('Write a message').fill(mine)
  await page.getByPlaceholder('Write a message').press('Enter')
  await other.waitFor(
    () => other.messages('alice/general').find((m) => m.body === mine),
    'bob sees alice',
  )
  await expect(messageRow(page, mine)).toBeVisible()
  await expect(messageRow(page, mine).locator('.status-pending')).toHaveCount(0)
  await expect(page.getByPlaceholder('Write a message')).toHaveValue('')

  const theirs = `Hi Alice, Bob here ${Date.now()}`
  await other.service.sendMessage('alice/general', theirs)
  await expect(messageRow(page, theirs)).toBeVisible()
  expect(desktop.pageErrors).toEqual([])
})

test('edits and deletes an own message, and bob sees both', async ({ desktop, server, bob }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  const body = `typo here ${Date.now()}`
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill(body)
  await composer.press('Enter')
  const row = messageRow(page, body)
  await expect(row.locator('.status-pending')).toHaveCount(0)

  // Up in the empty composer edits the last own message; Esc cancels, Up again and save.
  await composer.press('ArrowUp')
  await expect(composer).toHaveValue(body)
  await composer.press('Escape')
  await expect(composer).toHaveValue('')
  await composer.press('ArrowUp')
  const fixed = body.replace('typo', 'fixed')
  await composer.fill(fixed)
  await composer.press('Enter')
  const edited = messageRow(page, fixed)
  await expect(edited.locator('.edited')).toHaveText('(edited)')
  await other.waitFor(
    () => other.messages('alice/general').find((m) => m.body === fixed && m.edited),
    'bob sees the edit',
  )

  await edited.hover()
  await edited.getByRole('button', { name: /^Delete message/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete message?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(messageRow(page, fixed)).toHaveCount(0)
  await other.waitFor(
    () => !other.messages('alice/general').some((m) => m.body === fixed),
    'bob sees the delete',
  )
  expect(desktop.pageErrors).toEqual([])
})

test("offers no edit or delete on others' messages", async ({ desktop, server, bob }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  const theirs = `Bob's own words ${Date.now()}`
  await other.service.sendMessage('alice/general', theirs)
  const row = messageRow(page, theirs)
  await row.hover()
  // Its only button opens the message menu, which offers copying but no Edit or Delete.
  const more = row.getByRole('button')
  await expect(more).toHaveAccessibleName(/^More actions for message/)
  await more.click()
  const menu = page.getByRole('menu')
  await expect(menu.getByRole('menuitem', { name: 'Copy text' })).toBeVisible()
  await expect(menu.getByRole('menuitem', { name: /^(Edit|Delete)$/ })).toHaveCount(0)
  await page.keyboard.press('Escape')
  // Up-arrow edits only your own last message, never bob's newer one.
  await page.getByPlaceholder('Write a message').press('ArrowUp')
  await expect(page.getByPlaceholder('Write a message')).not.toHaveValue(theirs)
})

test('blocks a 501-code-point message with the counter', async ({ desktop, server }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const composer = page.getByPlaceholder('Write a message')
  const send = page.getByRole('button', { name: 'Send' })
  // Emoji are two UTF-16 units but one code point each, as the server counts them.
  await composer.fill('😀'.repeat(500))
  await expect(page.locator('.composer-counter')).toContainText('500/500')
  await expect(send).toBeEnabled()
  await composer.fill('😀'.repeat(501))
  await expect(page.locator('.composer-counter')).toContainText('501/500')
  await expect(send).toBeDisabled()
  await composer.press('Enter')
  await expect(composer).toHaveValue('😀'.repeat(501))
  await expect(messageRow(page, '😀'.repeat(501))).toHaveCount(0)
})

test('renders an XSS payload as inert text', async ({ desktop, server, bob }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  const payload = `<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> ${Date.now()}`
  await other.service.sendMessage('alice/general', payload)
  const row = messageRow(page, payload)
  await expect(row.locator('.body')).toContainText(payload)
  await expect(row.locator('.body img, .body script')).toHaveCount(0)
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(desktop.pageErrors).toEqual([])
})

test('opens links only through the ChatApi', async ({ desktop, server, bob }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  await other.service.sendMessage('alice/general', 'notes at https://example.org/notes ok')
  const link = messageRow(page, 'notes at').getByRole('link', { name: 'https://example.org/notes' })
  await link.click()
  // A link from someone else opens only after the user saw which host it really goes to.
  const ask = page.getByRole('dialog')
  await expect(ask).toContainText('This opens example.org in your browser')
  expect(desktop.opened).toEqual([])
  await ask.getByRole('button', { name: 'Open example.org' }).click()
  await expect.poll(() => desktop.opened).toEqual(['https://example.org/notes'])
  expect(new URL(page.url()).hostname).toBe('127.0.0.1')
})

test('follows new messages at the bottom, and counts them in a pill when scrolled up', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()
  for (let i = 1; i <= 30; i++) await other.service.sendMessage('alice/general', `filler ${i}`)
  // At the bottom, the view follows: the newest message is on screen without scrolling.
  await expect(messageRow(page, 'filler 30')).toBeInViewport()

  const history = page.getByRole('log', { name: 'Message history' })
  await history.evaluate((el) => el.scrollTo({ top: 0 }))
  await expect(messageRow(page, 'filler 30')).not.toBeInViewport()
  await other.service.sendMessage('alice/general', 'while you were reading')
  await other.service.sendMessage('alice/general', 'and another one')
  const pill = page.getByRole('button', { name: /2 new messages/ })
  await expect(pill).toBeVisible()
  await pill.click()
  await expect(messageRow(page, 'and another one')).toBeInViewport()
  await expect(pill).toHaveCount(0)
})
