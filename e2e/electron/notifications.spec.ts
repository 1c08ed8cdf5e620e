/**
 * Native notifications, spied in the main process: Notification.prototype.show is replaced with a
 * recorder (no real pop-ups on the test desktop), so the spec sees exactly what the shell shows.
 */
import type { ElectronApplication } from '@playwright/test'
import { expect, hasElectron, otherClient, signInThroughUi, skipReason, test } from './fixtures'
import { expectShownWithRoom, hideWindow, recordPageEvents } from './window-checks'
import type { MainGlobals } from './page-globals'

test.skip(!hasElectron, skipReason)

async function spyOnNotifications(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Notification }) => {
    const g = globalThis as MainGlobals
    g.shownNotifications = []
    g.notificationObjects = []
    Notification.prototype.show = function (this: Electron.Notification) {
      g.shownNotifications!.push({ title: this.title, body: this.body })
      g.notificationObjects!.push(this)
    }
  })
}

const shown = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as MainGlobals).shownNotifications ?? [])

// The client validates every frame before sending (docs/protocol.md §4), so the server's own error
// texts cannot be provoked deterministically through the app; the connection-failure error can.
// The core's unit tests cover each protocol text reaching Notifier.error.
test('losing the server becomes a native notification after 5 attempts', async ({
  app,
  page,
  server,
}) => {
  // The default reconnect policy (docs/protocol.md §7): 5 attempts at 3 s × attempt, about 45 s before the verdict.
  test.setTimeout(150_000)
  await spyOnNotifications(app)
  await signInThroughUi(page, server.url, 'alice')
  await server.stop()
  await expect
    .poll(async () => (await shown(app)).map((n) => n.body), { timeout: 120_000 })
    .toContain('Connection failed after 5 attempts')
  const failure = (await shown(app)).find((n) => n.body === 'Connection failed after 5 attempts')
  expect(failure?.title).toBe('General: connection lost')
})

test('a message from someone else notifies while hidden; clicking opens its room', async ({
  app,
  page,
  server,
}) => {
  await spyOnNotifications(app)
  await signInThroughUi(page, server.url, 'alice')
  await recordPageEvents(page)
  await hideWindow(app)
  const bob = await otherClient(server.url, 'bob', { host: 'alice', slug: 'general' })
  bob.probe.send({ type: 'text', message: 'Ping from bob' })
  await expect
    .poll(() => shown(app))
    .toContainEqual({ title: 'bob in General', body: 'Ping from bob' })

  await app.evaluate(() => {
    const objects = (globalThis as MainGlobals).notificationObjects ?? []
    objects.find((n) => n.body === 'Ping from bob')?.emit('click')
  })
  await expectShownWithRoom(app, page, 'alice/general')

  // Own messages never notify.
  const before = (await shown(app)).length
  await page.getByRole('button', { name: /^General, hosted by alice/ }).click()
  await page.getByPlaceholder(/^Write a message/).fill('My own words')
  await page.getByRole('button', { name: 'Send' }).click()
  await bob.probe.nextMatching((f) => f.body === 'My own words', 'alice’s message at bob')
  bob.probe.send({ type: 'text', message: 'after alice' })
  await bob.probe.nextMatching((f) => f.body === 'after alice', 'bob’s echo')
  expect((await shown(app)).slice(before).map((n) => n.body)).not.toContain('My own words')
  await bob.probe.close()
})
