/** Browse rooms → Join → the room opens and chats, in real Chromium against the real core and server. */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('browses the rooms, joins one, and chats in it', async ({ desktop, server }) => {
  const { page } = desktop
  await signIn(page, server.url)
  await page.getByRole('button', { name: 'Browse rooms' }).click()
  const dialog = page.getByRole('dialog', { name: 'Browse rooms' })
  const list = dialog.getByRole('list', { name: 'Rooms on this server' })
  await expect(list.getByRole('button', { name: 'Open General' })).toBeVisible()
  await list.getByRole('button', { name: 'Join Study Hall' }).click()

  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('heading', { name: '# Study Hall' })).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Your rooms' }).getByRole('button', { name: /^Study Hall/ }),
  ).toBeVisible()
  await expect(page.locator('.room-header-state')).toHaveText('Connected')

  const body = `First words in Study Hall ${Date.now()}`
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill(body)
  await composer.press('Enter')
  await expect(messageRow(page, body)).toBeVisible()
  await expect(messageRow(page, body).locator('.status-pending')).toHaveCount(0)
  await expect(messageRow(page, body).locator('.status-failed')).toHaveCount(0)
  expect(desktop.pageErrors).toEqual([])
})

test("an avatar the server cannot serve (404 under /media/) shows the author's initials", async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  // The bare backend answers 404 under /media/ (real deployments serve it from a reverse proxy);
  // main's avatar fetcher then answers the page's app-origin /avatar/ request with 404, as here.
  let missed = 0
  await page.route('**/avatar/**', async (route) => {
    missed++
    await route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not Found</h1>' })
  })
  await signIn(page, server.url)
  await openGeneral(page)
  const byBob = page
    .getByRole('log', { name: 'Message history' })
    .locator('article.message', { has: page.locator('.author', { hasText: /^bob$/ }) })
    .first()
  await expect(byBob.locator('.avatar-initials')).toHaveText('B')
  await expect(byBob.locator('img.avatar')).toHaveCount(0)
  expect(missed).toBeGreaterThan(0)
  expect(desktop.pageErrors).toEqual([])
})
