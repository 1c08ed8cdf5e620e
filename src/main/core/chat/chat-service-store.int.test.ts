/**
 * The chat service on a real local store against the real local server: the outbox is durable
 * (written before a frame goes out, removed on its echo), a restart sends what was queued and
 * resolves what was in flight against the history exactly once, drafts survive a restart, a
 * damaged store becomes a notice the user sees, and signing out deletes the account's store.
 */
import fs from 'node:fs'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { demoUsers } from '../../../../server/test-support'
import { EduSphereApi } from '../session/edusphere-api'
import { openAccountStore } from '../store/account-store'
import { openOrThrow } from '../store/store-fixtures'
import { storeFileOf } from '../store/store-files'
import { createTestClient, signedInClient } from '../test-support/chat-harness'
import { serverWorld } from '../test-support/server-world'

const GENERAL = 'alice/general'
const { alice } = demoUsers

const world = serverWorld()
const { clients, cleanups, track, profile } = world

const withStore = (dir: string) => ({
  openStore: (account: { origin: string; username: string }) =>
    openAccountStore({ dir, ...account }),
})

async function serverBodies(): Promise<string[]> {
  const rows = await new EduSphereApi(world.server.url).history(null, 'alice', 'general')
  return rows.map((r) => r.body)
}

const count = (list: string[], body: string) => list.filter((b) => b === body).length

describe('chat service with its local store', () => {
  it('keeps an entry in the outbox until its echo, and stores the echo with its client id', async () => {
    const dir = profile()
    const c = track(
      await signedInClient(world.server.url, alice.email, alice.password, GENERAL, withStore(dir)),
    )
    const body = `durable ${randomUUID()}`
    const { clientId } = await c.service.sendMessage(GENERAL, body)
    await c.waitFor(
      () => c.messages(GENERAL).find((m) => m.clientId === clientId && m.status === 'confirmed'),
      'the echo',
    )
    await c.dispose()
    clients.splice(0)
    const { store } = openOrThrow({ dir, origin: world.server.url, username: 'alice' })
    cleanups.unshift(() => store.close())
    expect(store.outbox.list()).toEqual([])
    const newest = store.history.window(GENERAL).messages.find((m) => m.body === body)
    expect(newest?.clientId).toBe(clientId)
    expect(store.rooms.list().map((r) => `${r.host.username}/${r.slug}`)).toContain(GENERAL)
  })

  it('after a restart sends what was queued and resolves what was in flight, each exactly once', async () => {
    const dir = profile()
    const tag = randomUUID()
    const queued = `queued ${tag}`
    const lost = `in flight, never arrived ${tag}`
    const arrived = `in flight, arrived ${tag}`
    // The app stopped with three entries: one never sent, one sent that the server never got,
    // one the server stored before the app died (sent here by another alice client). Its store
    // holds the history as last seen before that, as a running app's store does.
    const lastSeen = await new EduSphereApi(world.server.url).history(null, 'alice', 'general')
    const other = track(await signedInClient(world.server.url, alice.email, alice.password, GENERAL))
    await other.service.sendMessage(GENERAL, arrived)
    await other.waitFor(
      async () => count(await serverBodies(), arrived) === 1,
      'the arrived text on the server',
    )
    const { store } = openOrThrow({ dir, origin: world.server.url, username: 'alice' })
    store.history.replaceAll(
      GENERAL,
      lastSeen.map((row) => ({ ...row, clientId: null })),
    )
    const now = Date.now()
    const put = (clientId: string, body: string) =>
      store.outbox.put({
        clientId,
        roomKey: GENERAL,
        kind: 'text',
        body,
        messageId: null,
        created: now,
      })
    put('local-q', queued)
    put('local-l', lost)
    store.outbox.markInFlight('local-l', now)
    put('local-a', arrived)
    store.outbox.markInFlight('local-a', now)
    store.close()

    const c = track(createTestClient(world.server.url, withStore(dir)))
    await c.service.signIn({ server: world.server.url, email: alice.email, password: alice.password })
    await c.service.openRoom(GENERAL)
    const confirmed = (id: string) =>
      c.messages(GENERAL).some((m) => m.clientId === id && m.status === 'confirmed')
    await c.waitFor(
      () => confirmed('local-q') && confirmed('local-l') && confirmed('local-a'),
      'all three confirmed',
    )
    const bodies = await serverBodies()
    expect([count(bodies, queued), count(bodies, lost), count(bodies, arrived)]).toEqual([1, 1, 1])
    await c.dispose()
    clients.splice(clients.indexOf(c), 1)
    const after = openOrThrow({ dir, origin: world.server.url, username: 'alice' }).store
    cleanups.unshift(() => after.close())
    expect(after.outbox.list()).toEqual([])
  })

  it("keeps each room's draft across a restart, and in the rooms list", async () => {
    const dir = profile()
    const first = track(
      await signedInClient(world.server.url, alice.email, alice.password, GENERAL, withStore(dir)),
    )
    await first.service.saveDraft(GENERAL, 'half a thought')
    expect(() => first.service.saveDraft('nobody/nowhere', 'x')).toThrow(/not joined/)
    expect((await first.service.listRooms()).find((r) => r.key === GENERAL)?.draft).toBe(
      'half a thought',
    )
    await first.dispose()
    clients.splice(clients.indexOf(first), 1)

    const second = track(createTestClient(world.server.url, withStore(dir)))
    await second.service.signIn({
      server: world.server.url,
      email: alice.email,
      password: alice.password,
    })
    const summary = await second.waitFor(
      () =>
        second.events
          .flatMap((e) => (e.kind === 'rooms-reset' ? e.rooms : []))
          .find((r) => r.key === GENERAL && r.draft !== undefined),
      'General with its draft',
    )
    expect(summary.draft).toBe('half a thought')
    await second.service.saveDraft(GENERAL, '')
    expect((await second.service.listRooms()).find((r) => r.key === GENERAL)?.draft).toBeUndefined()
  })

  it('says so when the store was damaged, and deletes it at sign-out', async () => {
    const dir = profile()
    const file = storeFileOf(dir, { origin: world.server.url, username: 'alice' })
    fs.mkdirSync(`${dir}/stores`, { recursive: true, mode: 0o700 })
    fs.writeFileSync(file, 'not a database at all, just some bytes '.repeat(200))
    const c = track(createTestClient(world.server.url, withStore(dir)))
    await c.service.signIn({ server: world.server.url, email: alice.email, password: alice.password })
    const notice = await c.waitFor(
      () =>
        c.events.find((e) => e.kind === 'error' && e.roomKey === null && /damaged/.test(e.message)),
      'the store notice',
    )
    expect(notice).toMatchObject({ kind: 'error', roomKey: null })
    expect(fs.existsSync(file)).toBe(true)
    expect(fs.readdirSync(`${dir}/stores`).some((f) => f.includes('.broken-'))).toBe(true)
    await c.service.signOut()
    expect(fs.existsSync(file)).toBe(false)
  })
})
