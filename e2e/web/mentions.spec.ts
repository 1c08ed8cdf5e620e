/**
 * Mentions end to end: `@` in the composer suggests the room's participants (keyboard only),
 * the picked name reaches the other side, mentions of the user are highlighted, counted in the
 * room list while the user is away, and the mention switch is kept by main apart from message
 * notifications.
 */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('suggests participants after @, sends the mention, and highlights mentions of me', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()

  const composer = page.getByPlaceholder('Write a message')
  await composer.focus()
  await page.keyboard.type('@b')
  const list = page.getByRole('listbox', { name: 'People' })
  await expect(list.getByRole('option')).toHaveText(['@bob'])
  await expect(composer).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('Enter')
  await expect(composer).toHaveValue('@bob ')
  await expect(list).toBeHidden()
  const tag = Date.now()
  await page.keyboard.type(`see you at 5 (${tag})`)
  await page.keyboard.press('Enter')
  const sent = `@bob see you at 5 (${tag})`
  await other.waitFor(
    () => other.messages('alice/general').find((m) => m.body === sent),
    'bob gets the mention',
  )
  // A mention of someone else is not highlighted for me.
  await expect(messageRow(page, sent).locator('mark.mention')).toHaveCount(0)

  // Esc closes the list and leaves the text alone.
  await page.keyboard.type('@')
  await expect(list.getByRole('option')).toHaveText(['@bob'])
  await page.keyboard.press('Escape')
  await expect(list).toBeHidden()
  await expect(composer).toHaveValue('@')
  await composer.fill('')

  const theirs = `@Alice can you review my proof? (${tag})`
  await other.service.sendMessage('alice/general', theirs)
  await expect(messageRow(page, theirs).locator('mark.mention')).toHaveText('@Alice')
  expect(desktop.pageErrors).toEqual([])
})

test('counts a mention in the room list while away, with its own notification switch', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()

  // Message notifications off, mention notifications stay on: main keeps both.
  await page.getByRole('checkbox', { name: 'Message notifications' }).uncheck()
  const mentionSwitch = page.getByRole('checkbox', { name: 'Mention notifications' })
  await expect(mentionSwitch).toBeChecked()
  await expect
    .poll(async () => desktop.service.getSettings())
    .toMatchObject({ messageNotifications: false, mentionNotifications: true })

  desktop.service.setWindowFocused(false)
  const tag = Date.now()
  await other.service.sendMessage('alice/general', `just chatting (${tag})`)
  await other.service.sendMessage('alice/general', `@alice over to you (${tag})`)
  const general = page
    .getByRole('list', { name: 'Your rooms' })
    .getByRole('button', { name: /^General, hosted/ })
  await expect(general).toHaveAccessibleName(/2 unread messages, 1 mention of you$/)
  await expect(general.locator('.mention-badge')).toHaveText('@1')
  await expect(desktop.service.trayState()).toMatchObject({ unreadTotal: 2, mentionTotal: 1 })

  desktop.service.setWindowFocused(true)
  await expect(general.locator('.badge')).toHaveCount(0)

  await mentionSwitch.uncheck()
  await expect
    .poll(async () => desktop.service.getSettings())
    .toMatchObject({ messageNotifications: false, mentionNotifications: false })
  expect(desktop.pageErrors).toEqual([])
})
