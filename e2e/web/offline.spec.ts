/**
 * Offline first, end to end: sign in, the server goes away, the app quits and starts again on the
 * same profile: the rooms and General's history show from the local store, the app says it is
 * not connected, three messages typed meanwhile are queued; the server comes back and each
 * arrives exactly once (checked in the server's history).
 */
import { EduSphereApi } from '../../src/main/core/session/edusphere-api'
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('restarts offline with rooms and history from the store; queued messages arrive once', async ({
  desktop,
  server,
  relaunch,
}) => {
  await signIn(desktop.page, server.url)
  await openGeneral(desktop.page)
  const history = desktop.page.getByRole('log', { name: 'Message history' })
  const lastSeen = (
    await history.locator('article.message .message-body').last().textContent()
  )?.trim()
  expect(lastSeen).toBeTruthy()

  await server.stop()
  const app = await relaunch()
  const { page } = app
  await expect(page.getByRole('list', { name: 'Your rooms' })).toBeVisible()
  await openGeneral(page)
  await expect(messageRow(page, lastSeen ?? '')).toHaveCount(1)
  await expect(page.locator('.connection-banner')).toBeVisible()

  const tag = Date.now()
  const bodies = [1, 2, 3].map((n) => `written offline ${n} (${tag})`)
  const composer = page.getByPlaceholder('Write a message')
  for (const body of bodies) {
    await composer.fill(body)
    await composer.press('Enter')
    await expect(messageRow(page, body).locator('.status-pending')).toBeVisible()
  }

  await server.start()
  await expect(page.locator('.connection-banner')).toHaveCount(0, { timeout: 30_000 })
  for (const body of bodies) {
    await expect(messageRow(page, body).locator('.status-pending')).toHaveCount(0)
    await expect(messageRow(page, body)).toHaveCount(1)
  }
  const stored = await new EduSphereApi(server.url).history(null, 'alice', 'general')
  expect(bodies.map((b) => stored.filter((r) => r.body === b).length)).toEqual([1, 1, 1])
  expect(app.pageErrors).toEqual([])
})
