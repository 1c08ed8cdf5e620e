import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../../../server/test-support'
import type { TestServer } from '../../../../server/test-support'
import { EduSphereApi } from './edusphere-api'
import { systemClock } from '../clock'
import { accountFor, createMemorySecretStore } from './secret-store'
import type { SecretStore } from '../ports'
import { Session, sessionExpiredText } from './session'
import { FakeClock } from '../test-support/fake-clock'
import { skipNote, waitUntil } from '../test-support/wait'

// The session against the real local server. Token lifetimes are the server's own: a 5 s token
// in real time, and a shared fake clock (the server's `now` option) to cross a refresh window.

const { alice } = demoUsers
const external = !!process.env.EDUSPHERE_URL
if (external) skipNote(`session timing tests: ${EXTERNAL_SKIP_REASON}`)

/** A memory store that reports itself as the keychain, so the snapshot shows the normal path. */
function keychainLike(): SecretStore {
  return { ...createMemorySecretStore(), kind: 'keychain' }
}

describe.skipIf(external)('session with 5 s tokens (real time)', () => {
  let ts: TestServer
  beforeAll(async () => {
    ts = await startTestServer({ tokenTtl: 5 })
  })
  afterAll(async () => {
    await ts.dispose()
  })

  it('refreshes ahead of exp and stays signed in past the first token’s lifetime', async () => {
    const store = keychainLike()
    const session = new Session({
      secretStore: store,
      keychainUnavailableReason: null,
      clock: systemClock,
    })
    try {
      await session.signIn(ts.url, alice.email, alice.password)
      const account = accountFor(ts.url, alice.email)
      const first = (await store.get(account))!
      const api = new EduSphereApi(ts.url)
      // Wait until the server itself refuses the first token: only refreshes can keep us in.
      await waitUntil(
        () =>
          api.verify(first).then(
            () => false,
            () => true,
          ),
        'the first token to expire on the server',
        20_000,
      )
      const current = await session.getToken(1000)
      expect(current).not.toBe(first)
      expect(await store.get(account)).toBe(current)
      expect(session.snapshot().status).toBe('signed-in')
      expect((await api.me(current)).username).toBe('alice')
    } finally {
      session.dispose()
    }
  })
})

describe.skipIf(external)('session on a shared fake clock', () => {
  let ts: TestServer
  const clock = new FakeClock(Date.now())
  beforeAll(async () => {
    ts = await startTestServer({ now: () => clock.now(), refreshTtl: 3600 })
  })
  afterAll(async () => {
    await ts.dispose()
  })

  it('expires when the refresh window ends, keeping the user but not the token', async () => {
    const store = keychainLike()
    const session = new Session({ secretStore: store, keychainUnavailableReason: null, clock })
    const account = accountFor(ts.url, alice.email)
    await session.signIn(ts.url, alice.email, alice.password)
    let previous = await store.get(account)
    // Each step passes the refresh point of the current token (exp - 60 s): one real refresh each.
    for (let i = 0; i < 6; i++) {
      clock.advance(9 * 60_000)
      await waitUntil(async () => (await store.get(account)) !== previous, `refresh ${i + 1}`)
      previous = await store.get(account)
    }
    clock.advance(10 * 60_000)
    await waitUntil(() => session.snapshot().status === 'expired', 'the session to expire')
    expect(session.snapshot()).toMatchObject({
      status: 'expired',
      reason: sessionExpiredText(),
      user: { username: 'alice' },
    })
    await waitUntil(async () => (await store.accounts()).length === 0, 'the entry to be removed')
    session.dispose()
  })

  it('restores from the keychain at startup while the token can be refreshed', async () => {
    const store = keychainLike()
    const first = new Session({ secretStore: store, keychainUnavailableReason: null, clock })
    await first.signIn(ts.url, alice.email, alice.password)
    first.dispose()

    const second = new Session({ secretStore: store, keychainUnavailableReason: null, clock })
    const restored = await second.restore()
    expect(restored).toMatchObject({
      status: 'signed-in',
      server: ts.url,
      user: { username: 'alice', name: 'Alice', avatarUrl: null },
    })
    expect((await second.api!.me(await second.getToken())).username).toBe('alice')
    second.dispose()

    // Eleven minutes later (app closed meanwhile) the saved token cannot be refreshed any more.
    clock.jump(11 * 60_000)
    const third = new Session({ secretStore: store, keychainUnavailableReason: null, clock })
    const late = await third.restore()
    expect(late.status).toBe('signed-out')
    expect(late.reason).toMatch(/expired/)
    expect(await store.accounts()).toEqual([])
    third.dispose()
  })
})

describe('session against whatever server is configured', () => {
  let ts: TestServer
  beforeAll(async () => {
    ts = await startTestServer()
  })
  afterAll(async () => {
    await ts.dispose()
  })

  it('signs in and out: the token is saved, then gone', async () => {
    const store = keychainLike()
    const session = new Session({
      secretStore: store,
      keychainUnavailableReason: null,
      clock: systemClock,
    })
    const snap = await session.signIn(ts.url, alice.email, alice.password)
    expect(snap).toMatchObject({
      status: 'signed-in',
      keychain: 'available',
      keychainMessage: null,
    })
    expect(JSON.stringify(snap)).not.toContain(await session.getToken())
    expect(await store.accounts()).toEqual([accountFor(ts.url, alice.email)])
    expect((await session.signOut()).status).toBe('signed-out')
    expect(await store.accounts()).toEqual([])
    session.dispose()
  })

  it('a wrong password leaves the session signed out', async () => {
    const session = new Session({
      secretStore: keychainLike(),
      keychainUnavailableReason: null,
      clock: systemClock,
    })
    await expect(session.signIn(ts.url, alice.email, 'nope')).rejects.toMatchObject({
      code: 'invalid-credentials',
    })
    expect(session.snapshot().status).toBe('signed-out')
    session.dispose()
  })
})
