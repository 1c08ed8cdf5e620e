/** Screenshots of the main screens in light and dark, for the test artifacts and the README. */
import { join, resolve } from 'node:path'
import { TINY_PNG } from '../../src/main/core/test-support/tiny-png'
import { expect, messageRow, openGeneral, SIGN_IN_TIMEOUT_MS, signIn, test } from './fixtures'

const dir = resolve(__dirname, '../../test-results/screenshots')

test.use({ viewport: { width: 1200, height: 760 } })

for (const scheme of ['light', 'dark'] as const) {
  test(`main screens in ${scheme}`, async ({ desktop, server, bob }) => {
    const { page } = desktop
    await page.emulateMedia({ colorScheme: scheme })
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    await page.getByLabel('Email').fill('alice@example.com')
    await page.getByLabel('Password').fill('pass-1234')
    await page.screenshot({ path: join(dir, `sign-in-${scheme}.png`) })

    await signIn(page, server.url)
    await openGeneral(page)
    const other = await bob()
    await other.service.sendMessage(
      'alice/general',
      'Has everyone read chapter 4? The proof on page 112 is neat.',
    )
    await other.service.sendMessage(
      'alice/general',
      'Notes are at https://example.org/notes/chapter-4',
    )
    await expect(page.getByText('Notes are at')).toBeVisible()
    await page.getByPlaceholder('Write a message').fill('Yes! Working through the exercises now.')
    await page.screenshot({ path: join(dir, `room-${scheme}.png`) })

    // Keyboard first, search and message actions.
    await page.keyboard.press('Control+K')
    await page.getByRole('combobox', { name: 'Room name' }).fill('s')
    await expect(
      page.getByRole('dialog', { name: 'Jump to a room' }).getByRole('option').first(),
    ).toBeVisible()
    await page.screenshot({ path: join(dir, `quick-switcher-${scheme}.png`) })
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+F')
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('chapter')
    await expect(page.locator('.search-result').first()).toBeVisible()
    await page.screenshot({ path: join(dir, `search-${scheme}.png`) })
    await page.keyboard.press('Escape')
    await messageRow(page, 'Notes are at').locator('.body').click({ button: 'right' })
    await expect(page.getByRole('menu')).toBeVisible()
    await page.screenshot({ path: join(dir, `message-menu-${scheme}.png`) })
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+/')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await page.screenshot({ path: join(dir, `shortcuts-${scheme}.png`) })
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Browse rooms' }).click()
    const dialog = page.getByRole('dialog', { name: 'Browse rooms' })
    await expect(dialog.getByRole('listitem').first()).toBeVisible()
    await page.screenshot({ path: join(dir, `browse-${scheme}.png`) })
    await dialog.getByRole('button', { name: 'Close' }).click()

    // Rooms and people: room info, a new room, the profile.
    await page.getByRole('button', { name: 'Room info' }).click()
    const info = page.getByRole('dialog', { name: 'Room info' })
    await expect(
      info.getByRole('list', { name: 'Participants' }).getByRole('listitem'),
    ).toHaveCount(2)
    await expect
      .poll(() =>
        info
          .locator('img.avatar')
          .first()
          .evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBeGreaterThan(0)
    await page.screenshot({ path: join(dir, `room-info-${scheme}.png`) })
    await info.getByRole('button', { name: 'Close' }).click()

    await page.getByRole('button', { name: 'New room' }).click()
    const create = page.getByRole('dialog', { name: 'Create a room' })
    await create.getByLabel('Room name').fill('Algebra Club')
    await create.getByLabel('Topic').fill('Math')
    await create.getByLabel('Description').fill('Proofs and puzzles, Fridays at four.')
    await page.screenshot({ path: join(dir, `new-room-${scheme}.png`) })
    await create.getByRole('button', { name: 'Cancel' }).click()

    await page.getByRole('button', { name: 'Your profile' }).click()
    const profile = page.getByRole('dialog', { name: 'Your profile' })
    await profile.getByLabel('Bio').fill('Maths tutor. Ask me about proofs.')
    await profile.getByLabel('Avatar').setInputFiles({
      name: 'alice.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    })
    await expect(profile.getByRole('img', { name: 'Preview of alice.png' })).toBeVisible()
    await page.screenshot({ path: join(dir, `profile-${scheme}.png`) })
    await profile.getByRole('button', { name: 'Close' }).click()
    expect(desktop.pageErrors).toEqual([])
  })

  test(`create account in ${scheme}`, async ({ desktop, server }) => {
    const { page } = desktop
    await page.emulateMedia({ colorScheme: scheme })
    await page.getByRole('button', { name: 'Create account' }).click()
    const form = page.getByRole('form', { name: 'Create your EduSphere account' })
    await form.getByLabel('Server address').fill(server.url)
    await form.getByLabel('Username').fill('alice')
    await form.getByLabel('Full name').fill('Alice Again')
    await form.getByLabel('Email').fill('alice2@example.com')
    await form.getByLabel('Password', { exact: true }).fill('pass-12345')
    await form.getByLabel('Confirm password').fill('pass-12345')
    await form.getByRole('button', { name: 'Create account' }).click()
    await expect(form.locator('#register-username-error')).toBeVisible({
      timeout: SIGN_IN_TIMEOUT_MS,
    })
    await page.screenshot({ path: join(dir, `create-account-${scheme}.png`) })
    expect(desktop.pageErrors).toEqual([])
  })
}

test('the room in German', async ({ desktop, server, bob }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  // The other user first: each core sets its process's language when it starts.
  const other = await bob()
  await page.getByLabel('Language').selectOption('de')
  await expect(page.getByRole('button', { name: 'Räume durchsuchen' })).toBeVisible()
  await other.service.sendMessage(
    'alice/general',
    'Hat jemand schon Kapitel 4 gelesen? Der Beweis auf Seite 112 ist elegant.',
  )
  await other.service.sendMessage('alice/general', 'Notizen: https://example.org/notes/kapitel-4')
  await expect(page.getByText('Notizen:')).toBeVisible()
  await page.getByPlaceholder('Schreib eine Nachricht').fill('Ja! Ich rechne gerade die Übungen.')
  await page.screenshot({ path: join(dir, 'room-de.png') })
  expect(desktop.pageErrors).toEqual([])
})

for (const scheme of ['light', 'dark'] as const) {
  test(`unread and mentions in ${scheme}`, async ({ desktop, server, bob }) => {
    const { page } = desktop
    await page.emulateMedia({ colorScheme: scheme })
    await signIn(page, server.url)
    await openGeneral(page)
    const other = await bob()
    // Away from the window: General collects unread; opening it again shows where they start.
    desktop.service.setWindowFocused(false)
    await other.service.sendMessage('alice/general', 'Quiz moved to Friday, same room.')
    await other.service.sendMessage('alice/general', '@alice could you share your notes on 4.2?')
    await other.service.sendMessage('alice/general', 'Thanks in advance!')
    const general = page.getByRole('button', { name: /^General, hosted/ })
    await expect(general).toHaveAccessibleName(/3 unread messages, 1 mention of you$/)
    await desktop.service.openRoom('alice/general')
    await expect(page.getByRole('separator', { name: 'New messages' })).toBeVisible()
    await expect(page.locator('mark.mention')).toHaveText('@alice')
    await page.screenshot({ path: join(dir, `unread-${scheme}.png`) })

    const composer = page.getByPlaceholder('Write a message')
    await composer.focus()
    await page.keyboard.type('Sure @b')
    await expect(page.getByRole('listbox', { name: 'People' })).toBeVisible()
    await page.screenshot({ path: join(dir, `mentions-${scheme}.png`) })
    expect(desktop.pageErrors).toEqual([])
  })
}
