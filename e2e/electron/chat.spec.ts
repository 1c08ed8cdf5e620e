/** Sign in through the real window, send, and receive from a second client on the real server. */
import { expect, hasElectron, otherClient, signInThroughUi, skipReason, test } from './fixtures'

test.skip(!hasElectron, skipReason)

test('signs in, sends to another client and receives from it', async ({ page, server }) => {
  await signInThroughUi(page, server.url, 'alice')
  await page.getByRole('button', { name: /^General, hosted by alice/ }).click()
  const bob = await otherClient(server.url, 'bob', { host: 'alice', slug: 'general' })

  const body = 'Hello from the desktop app'
  await page.getByPlaceholder(/^Write a message/).fill(body)
  await page.getByRole('button', { name: 'Send' }).click()
  const received = await bob.probe.nextMatching(
    (f) => f.action === 'new' && f.body === body,
    "alice's message at bob",
  )
  expect(received.user).toBe('alice')

  bob.probe.send({ type: 'text', message: 'Hi Alice, Bob here' })
  await expect(page.getByText('Hi Alice, Bob here')).toBeVisible()
  await bob.probe.close()
})
