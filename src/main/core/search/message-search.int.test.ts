/**
 * Search and reveal through the chat service, on a real local store and the real local server:
 * what was sent is found (ranked, with snippets and ranges) in the room and across rooms, a room
 * not joined is refused, and the window around a hit comes back with the hit in it. Without a
 * store, the rooms' memory is searched instead.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import { openAccountStore } from '../store/account-store'
import { tempDir } from '../store/store-fixtures'
import type { TestClient } from '../test-support/chat-harness'
import { signedInClient } from '../test-support/chat-harness'

const GENERAL = 'alice/general'
const { alice } = demoUsers

let server: TestServer
const clients: TestClient[] = []
const cleanups: (() => void)[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()))
  for (const fn of cleanups.splice(0)) fn()
})
afterAll(async () => {
  await server.dispose()
})

async function client(withStore: boolean): Promise<TestClient> {
  const { dir, cleanup } = tempDir('edusphere-profile-')
  cleanups.push(cleanup)
  const c = await signedInClient(
    server.url,
    alice.email,
    alice.password,
    GENERAL,
    withStore ? { openStore: (account) => openAccountStore({ dir, ...account }) } : {},
  )
  clients.push(c)
  return c
}

async function sendAll(c: TestClient, bodies: string[]): Promise<void> {
  for (const body of bodies) await c.service.sendMessage(GENERAL, body)
  await c.waitFor(
    () =>
      bodies.every((b) =>
        c.messages(GENERAL).some((m) => m.body === b && m.status === 'confirmed'),
      ),
    'every message confirmed',
  )
}

describe.each([
  ['on the local store', true],
  ['in memory without a store', false],
])('message search %s', (_label, withStore) => {
  it('finds, ranks and highlights what was sent; reveals the hit in its place', async () => {
    const c = await client(withStore)
    const tag = randomUUID().slice(0, 8)
    await sendAll(c, [
      `${tag} waterproofing the shed`,
      `${tag} proofreading chapter 4`,
      `${tag} the proof on page 112`,
      `unrelated ${tag}`,
    ])
    // The store writes a batch every few milliseconds: wait until the newest is searchable.
    await c.waitFor(async () => {
      const r = await c.service.searchMessages({ query: `${tag} unrelated`, roomKey: GENERAL })
      return r.hits.length === 1
    }, 'the store caught up')

    const result = await c.service.searchMessages({ query: `PROOF ${tag}`, roomKey: GENERAL })
    expect(result.hits.map((h) => h.snippet.replace(`${tag} `, ''))).toEqual([
      'the proof on page 112',
      'proofreading chapter 4',
      'waterproofing the shed',
    ])
    const best = result.hits[0]!
    expect(best.roomKey).toBe(GENERAL)
    expect(best.author.username).toBe('alice')
    expect(best.ranges.map(([a, b]) => best.snippet.slice(a, b).toLowerCase())).toEqual([
      tag,
      'proof',
    ])
    expect(result.truncated).toBe(false)

    const everywhere = await c.service.searchMessages({ query: `proof ${tag}`, roomKey: null })
    expect(everywhere.hits.map((h) => h.id)).toEqual(result.hits.map((h) => h.id))
    expect(await c.service.searchMessages({ query: '   ', roomKey: null })).toEqual({
      hits: [],
      truncated: false,
    })

    const revealed = await c.service.revealMessage(GENERAL, best.id)
    expect(revealed.roomKey).toBe(GENERAL)
    const ids = revealed.messages.map((m) => m.id)
    expect(ids).toContain(best.id)
    const times = revealed.messages.map((m) => m.created)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(revealed.messages.find((m) => m.id === best.id)?.own).toBe(true)
  })

  it('refuses a room that is not joined and an unknown message, with clear messages', async () => {
    const c = await client(withStore)
    // Sync throws: the IPC router turns them into error Results just like rejections.
    await expect(
      Promise.resolve().then(() =>
        c.service.searchMessages({ query: 'x', roomKey: 'nobody/nowhere' }),
      ),
    ).rejects.toMatchObject({ code: 'not-found', message: /not joined the room nobody\/nowhere/ })
    await expect(
      Promise.resolve().then(() => c.service.revealMessage(GENERAL, randomUUID())),
    ).rejects.toMatchObject({ code: 'not-found', message: /no longer in this room/ })
  })
})
