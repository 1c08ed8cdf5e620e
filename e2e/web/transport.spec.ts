/**
 * Plain http and remote images in real Chromium under the real CSP: main asks before signing in to
 * a plain-http server across the network, and avatars reach the page only through the app's own
 * /avatar/ route (main's avatar fetcher), never from the server directly.
 */
import { demoUsers } from '../../server/store/seed'
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('asks for "Connect without encryption" before signing in to a plain-http server', async ({
  desktop,
}) => {
  const { page } = desktop
  await page.getByLabel('Server address').fill('http://edu.example.org')
  await page.getByLabel('Email').fill(demoUsers.alice.email)
  await page.getByLabel('Password').fill(demoUsers.alice.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const question = page.getByTestId('unencrypted-confirm')
  await expect(question).toContainText('edu.example.org')
  await expect(question).toContainText('clear text')
  await expect(question.getByRole('button', { name: 'Connect without encryption' })).toBeVisible()
  // Main refused before any contact: nothing was signed in and the question went to the user.
  expect((await desktop.service.getSession()).status).toBe('signed-out')
  await page.getByLabel('Server address').fill('https://edu.example.org')
  await expect(question).toHaveCount(0)
  expect(desktop.pageErrors).toEqual([])
})

test("shows bob's avatar through the app's /avatar/ route and no remote image", async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  const remote: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'image' && !request.url().includes('/avatar/'))
      remote.push(request.url())
  })
  await signIn(page, server.url)
  await openGeneral(page)
  const avatar = messageRow(page, 'Ready for the algebra quiz').locator('img.avatar')
  await expect(avatar).toHaveAttribute('src', '/avatar/avatars%2Fbob.png')
  await expect
    .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0)
  expect(remote.filter((url) => url.startsWith(server.url))).toEqual([])
  expect(desktop.pageErrors).toEqual([])
})
