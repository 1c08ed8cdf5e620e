/** Server restart: the banner counts reconnect attempts and a message typed meanwhile arrives once. */
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('reconnects after a server restart and delivers the queued message exactly once', async ({
  desktop,
  server,
  bob,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  const other = await bob()

  await server.stop()
  const banner = page.locator('.connection-banner')
  await expect(banner).toContainText(/Reconnecting… \(attempt \d of 5\)/)
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible()

  const body = `typed while the server was down ${Date.now()}`
  await page.getByPlaceholder('Write a message').fill(body)
  await page.getByPlaceholder('Write a message').press('Enter')
  await expect(messageRow(page, body).locator('.status-pending')).toBeVisible()

  await server.start()
  await expect(banner).toHaveCount(0)
  await expect(messageRow(page, body).locator('.status-pending')).toHaveCount(0)
  await other.waitFor(
    () =>
      other.connection('alice/general') === 'connected' &&
      other.messages('alice/general').some((m) => m.body === body),
    'bob receives the queued message',
  )
  // Exactly once on both sides, after everything has settled.
  await expect(messageRow(page, body)).toHaveCount(1)
  expect(other.messages('alice/general').filter((m) => m.body === body)).toHaveLength(1)
  expect(desktop.pageErrors).toEqual([])
})
