/**
 * Accessibility in real Chromium: axe on every main screen and dialog in light and dark (no serious
 * or critical violation), the polite summary of new messages, and the forced-colors and
 * reduced-motion modes.
 */
import type { Locator } from '@playwright/test'
import { expectNoSeriousViolations } from './axe'
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

for (const scheme of ['light', 'dark'] as const) {
  test(`the main screens and dialogs pass axe in ${scheme}`, async ({ desktop, server, bob }) => {
    const { page } = desktop
    await page.emulateMedia({ colorScheme: scheme })
    const check = (screen: string) => expectNoSeriousViolations(page, `${screen}, ${scheme}`)

    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    await check('sign-in')
    await page.getByLabel('Server address').fill(server.url)
    await page.getByLabel('Email').fill('alice@example.com')
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    // The error describes both fields; it is not part of either field's name.
    for (const field of ['Email', 'Password']) {
      const input = page.getByRole('textbox', { name: field, exact: true })
      await expect(input).toHaveAccessibleName(field)
      await expect(input).toHaveAccessibleDescription(/email or password/i)
    }
    await check('sign-in with an error')

    await signIn(page, server.url)
    const other = await bob()
    // Unread messages in a room that is not open: the sidebar shows a badge.
    await other.service.sendMessage('alice/general', 'Anyone around?')
    await other.service.sendMessage('alice/general', 'Notes are at https://example.org/notes')
    await expect(page.locator('.room-item .badge')).toHaveText('2')
    await check('room list with unread badge')

    await openGeneral(page)
    const composer = page.getByPlaceholder('Write a message')
    await composer.fill('My own words')
    await composer.press('Enter')
    await expect(messageRow(page, 'My own words').locator('.status-pending')).toHaveCount(0)
    await check('open room')

    await composer.press('ArrowUp')
    await expect(page.getByText('Editing message')).toBeVisible()
    await check('open room, editing')
    await composer.press('Escape')

    await page.getByRole('button', { name: 'Browse rooms' }).click()
    const browse = page.getByRole('dialog', { name: 'Browse rooms' })
    await expect(browse.getByRole('listitem').first()).toBeVisible()
    await check('browse dialog')
    await page.keyboard.press('Escape')

    const own = messageRow(page, 'My own words')
    await own.hover()
    await own.getByRole('button', { name: /^Delete message/ }).click()
    await expect(page.getByRole('dialog', { name: 'Delete message?' })).toBeVisible()
    await check('delete confirmation')
    await page.keyboard.press('Escape')

    await messageRow(page, 'Notes are at').getByRole('link').click()
    await expect(page.getByRole('dialog')).toContainText('This opens example.org')
    await check('link confirmation')
    await page.keyboard.press('Escape')
    expect(desktop.pageErrors).toEqual([])
  })

  test(`the connection banner and error toasts pass axe in ${scheme}`, async ({
    desktop,
    server,
  }) => {
    const { page } = desktop
    await page.emulateMedia({ colorScheme: scheme })
    const check = (screen: string) => expectNoSeriousViolations(page, `${screen}, ${scheme}`)
    await signIn(page, server.url)
    await openGeneral(page)

    // Reconnecting, then given up, with its error toast.
    await server.stop()
    const banner = page.locator('.connection-banner')
    await expect(banner).toContainText(/Reconnecting/)
    await check('connection banner, reconnecting')
    await expect(page.locator('.toast-error').first()).toBeVisible({ timeout: 30_000 })
    await check('connection banner, failed, with an error toast')
    expect(desktop.pageErrors).toEqual([])
  })
}

test('announces a burst from others as one polite summary, and never the user’s own messages', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const region = page.getByTestId('new-messages-announcer')
  await expect(region).toHaveAttribute('role', 'status')
  await expect(region).toHaveAttribute('aria-live', 'polite')
  // The history itself stays quiet: rows are announced only through the summary.
  await expect(page.getByRole('log', { name: 'Message history' })).toHaveAttribute(
    'aria-live',
    'off',
  )
  // Every announcement the region makes, as a screen reader would get them.
  await region.evaluate((el) => {
    const said: string[] = []
    ;(window as { __said?: string[] }).__said = said
    new MutationObserver(() => said.push(el.textContent?.trim() ?? '')).observe(el, {
      childList: true,
      subtree: true,
      characterData: true,
    })
  })
  const said = () => page.evaluate(() => (window as { __said?: string[] }).__said ?? [])

  const composer = page.getByPlaceholder('Write a message')
  await composer.fill('Only I wrote this')
  await composer.press('Enter')
  await expect(messageRow(page, 'Only I wrote this').locator('.status-pending')).toHaveCount(0)
  const other = await bob()
  await other.service.sendMessage('alice/general', 'First from bob')
  await expect(region).toHaveText('New message from bob: First from bob')

  for (let i = 1; i <= 3; i++) await other.service.sendMessage('alice/general', `burst ${i}`)
  await expect(messageRow(page, 'burst 3')).toBeVisible()
  // However the arrivals fell into windows, the last summary covers burst 3 and names bob only.
  await expect(region).toHaveText(/^(\d new messages from bob|New message from bob: burst 3)$/)
  const all = await said()
  expect(all.filter((s) => s !== '')).not.toContainEqual(expect.stringContaining('alice'))
  expect(all.join('\n')).not.toContain('Only I wrote this')
  // Fewer announcements than messages whenever a burst shared a window.
  expect(all.filter((s) => s !== '').length).toBeLessThanOrEqual(4)
  expect(desktop.pageErrors).toEqual([])
})

test('forced colors: the focus ring, the unread badge and the connection dots stay visible', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await page.emulateMedia({ forcedColors: 'active' })
  await signIn(page, server.url)
  const other = await bob()
  await other.service.sendMessage('alice/general', 'Unread while the room is closed')
  await expect(page.locator('.room-item .badge')).toHaveText('1')

  const look = (target: Locator) =>
    target.evaluate((el) => {
      const c = getComputedStyle(el)
      return {
        border: `${c.borderTopStyle} ${c.borderTopWidth}`,
        outline: `${c.outlineStyle} ${c.outlineWidth}`,
        background: c.backgroundColor,
        canvas: getComputedStyle(document.body).backgroundColor,
      }
    })
  // Backgrounds give way to the system canvas, so the badge draws its own border.
  expect((await look(page.locator('.room-item .badge'))).border).toBe('solid 1px')
  // The dot keeps its colour (its meaning) and gets a ring.
  const dot = await look(page.locator('.room-item .connection-dot'))
  expect(dot.border).toBe('solid 1px')
  expect(dot.background).not.toBe(dot.canvas)

  // Shadows are dropped in this mode: the keyboard focus ring is an outline.
  await page.keyboard.press('Tab')
  const ring = await look(page.locator(':focus'))
  expect(ring.outline).toBe('solid 2px')
})

test('reduced motion: nothing animates, transitions or scrolls smoothly', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await signIn(page, server.url)
  await openGeneral(page)
  await page.getByRole('button', { name: 'Browse rooms' }).click()
  await expect(page.getByRole('dialog', { name: 'Browse rooms' })).toBeVisible()
  const moving = await page.evaluate(() =>
    [...Array.from(document.querySelectorAll('*')), document.documentElement].flatMap((el) => {
      const c = getComputedStyle(el)
      const still =
        c.animationName === 'none' &&
        c.transitionDuration.split(',').every((d) => parseFloat(d) === 0) &&
        c.scrollBehavior !== 'smooth'
      return still ? [] : [el.className || el.tagName]
    }),
  )
  expect(moving).toEqual([])
})
