import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../shared/errors'
import type { SessionSnapshot } from '../../../shared/ipc-contract'
import type { Me, RefreshToken, TokenAuth } from '../../../shared/graphql-shapes'
import type { EduSphereApi } from './edusphere-api'
import type { SecretStore } from '../ports'
import { accountFor, createMemorySecretStore } from './secret-store'
import { Session, sessionExpiredText, decodeJwtPayload } from './session'
import { FakeClock } from '../test-support/fake-clock'
import { flush } from '../test-support/fake-socket'

// Token timing with a fake clock and a scripted API: minutes and days pass in microseconds.
// session.int.test.ts and secret-store.int.test.ts run the same code against the real server.

const ORIGIN = 'http://127.0.0.1:8000'
const EMAIL = 'alice@example.com'
const ACCOUNT = accountFor(ORIGIN, EMAIL)
const TTL_S = 600
const REFRESH_TTL_S = 7 * 24 * 3600

function jwt(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.sig`
}

/** A scripted EduSphere: issues real-looking JWTs whose times follow the fake clock. */
class FakeApi {
  readonly baseUrl = ORIGIN
  ttlS = TTL_S
  origIat = 0
  issued = 0
  signedOut: string[] = []
  refreshError: AppError | null = null
  constructor(private readonly clock: FakeClock) {}

  private mint(origIat: number) {
    const now = Math.floor(this.clock.now() / 1000)
    const payload = { email: EMAIL, exp: now + this.ttlS, origIat }
    this.issued++
    return { token: jwt({ ...payload, n: this.issued }), payload }
  }

  signIn = vi.fn(async (email: string, password: string): Promise<TokenAuth> => {
    if (email !== EMAIL || password !== 'pass-1234')
      throw new AppError('invalid-credentials', 'The email or password is incorrect.')
    this.origIat = Math.floor(this.clock.now() / 1000)
    return {
      ...this.mint(this.origIat),
      refreshExpiresIn: this.origIat + REFRESH_TTL_S,
      success: true,
      user: { id: '1', username: 'alice', name: 'Alice' },
    }
  })

  refresh = vi.fn(async (token: string): Promise<RefreshToken> => {
    if (this.refreshError) throw this.refreshError
    const payload = decodeJwtPayload(token)
    if (!payload || payload.exp * 1000 <= this.clock.now())
      throw new AppError('session-expired', 'Signature has expired')
    if (this.clock.now() >= (payload.origIat + REFRESH_TTL_S) * 1000)
      throw new AppError('session-expired', 'Refresh token is expired')
    return { ...this.mint(payload.origIat), refreshExpiresIn: payload.origIat + REFRESH_TTL_S }
  })

  me = vi.fn(async (): Promise<Me> => ({
    id: '1',
    username: 'alice',
    name: 'Alice',
    avatar: 'avatars/a.png',
  }))

  signOut = vi.fn(async (token: string) => {
    this.signedOut.push(token)
  })
}

function setup(opts: { store?: SecretStore; reason?: string | null; leadMs?: number } = {}) {
  const clock = new FakeClock()
  const api = new FakeApi(clock)
  const store = opts.store ?? createMemorySecretStore()
  const keychainStore: SecretStore = opts.store ? store : { ...store, kind: 'keychain' }
  const session = new Session({
    secretStore: keychainStore,
    keychainUnavailableReason: opts.reason ?? null,
    clock,
    createApi: () => api as unknown as EduSphereApi,
    refreshLeadMs: opts.leadMs,
  })
  const seen: SessionSnapshot[] = []
  session.onChange((s) => seen.push(s))
  return { clock, api, store: keychainStore, session, seen }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(e instanceof AppError)) throw new Error(`expected AppError, got ${String(e)}`)
  return e
}

describe('helpers', () => {
  it('decodes JWT payloads and rejects garbage', () => {
    expect(decodeJwtPayload(jwt({ email: 'a', exp: 2, origIat: 1 }))).toEqual({
      email: 'a',
      exp: 2,
      origIat: 1,
    })
    expect(decodeJwtPayload('garbage')).toBeNull()
    expect(decodeJwtPayload('a.!!!.c')).toBeNull()
  })
})

describe('Session', () => {
  it('signs in, stores the token in the keychain, and never exposes it', async () => {
    const t = setup()
    const snap = await t.session.signIn(' 127.0.0.1:8000 ', EMAIL, 'pass-1234')
    expect(snap).toEqual({
      status: 'signed-in',
      server: ORIGIN,
      user: {
        id: '1',
        username: 'alice',
        name: 'Alice',
        avatarUrl: '/avatar/avatars%2Fa.png',
      },
      keychain: 'available',
      keychainMessage: null,
      reason: null,
    })
    expect(t.seen.map((s) => s.status)).toEqual(['signing-in', 'signed-in'])
    const token = await t.store.get(ACCOUNT)
    expect(token).toMatch(/\./)
    expect(JSON.stringify(t.seen)).not.toContain(token)
    expect(await t.session.getToken()).toBe(token)
  })

  it('rejects a bad server URL before any call', async () => {
    const t = setup()
    const e = await rejection(t.session.signIn('ftp://x', EMAIL, 'pass-1234'))
    expect(e.code).toBe('invalid-argument')
    expect(t.api.signIn).not.toHaveBeenCalled()
    expect(t.seen).toEqual([])
  })

  it('wrong credentials: the error propagates and the state goes back', async () => {
    const t = setup()
    const e = await rejection(t.session.signIn(ORIGIN, EMAIL, 'nope'))
    expect(e.code).toBe('invalid-credentials')
    expect(t.session.snapshot().status).toBe('signed-out')
    expect(await t.store.accounts()).toEqual([])
  })

  it('refreshes 60 s before exp and saves the new token', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    const first = await t.store.get(ACCOUNT)
    t.clock.advance((TTL_S - 60) * 1000 - 1)
    expect(t.api.refresh).not.toHaveBeenCalled()
    t.clock.advance(1)
    await flush()
    expect(t.api.refresh).toHaveBeenCalledTimes(1)
    const second = await t.store.get(ACCOUNT)
    expect(second).not.toBe(first)
    expect(await t.session.getToken()).toBe(second)
    // And again for the next token.
    t.clock.advance((TTL_S - 60) * 1000)
    await flush()
    expect(t.api.refresh).toHaveBeenCalledTimes(2)
  })

  it('short-lived tokens (5 s) are refreshed at half-life, not in a tight loop', async () => {
    const t = setup()
    t.api.ttlS = 5
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    expect(t.clock.pending()).toEqual([2500])
    for (let i = 0; i < 4; i++) {
      t.clock.advance(2500)
      await flush()
    }
    expect(t.api.refresh).toHaveBeenCalledTimes(4)
    expect(t.session.snapshot().status).toBe('signed-in')
  })

  it('getToken refreshes first when the token is within the lead; concurrent callers share it', async () => {
    const t = setup({ leadMs: 30_000 })
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    const first = await t.session.getToken()
    t.clock.jump((TTL_S - 100) * 1000)
    const [a, b] = await Promise.all([t.session.getToken(200_000), t.session.getToken(200_000)])
    expect(t.api.refresh).toHaveBeenCalledTimes(1)
    expect(a).toBe(b)
    expect(a).not.toBe(first)
  })

  it('expires when refreshExpiresIn passes: reason, no token, keychain entry removed', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    for (let i = 0; i < (7 * 24 * 60) / 9 + 10; i++) {
      t.clock.advance(9 * 60_000)
      await flush()
    }
    expect(t.session.snapshot()).toMatchObject({
      status: 'expired',
      reason: sessionExpiredText(),
      user: { username: 'alice' },
    })
    expect((await rejection(t.session.getToken())).code).toBe('session-expired')
    expect(await t.store.accounts()).toEqual([])
    expect(t.clock.pending()).toEqual([])
  })

  it('a refresh refused with session-expired ends the session', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    t.api.refreshError = new AppError('session-expired', 'Refresh token is expired')
    expect((await rejection(t.session.refreshNow())).code).toBe('session-expired')
    expect(t.session.snapshot().status).toBe('expired')
  })

  it('an unreachable server during refresh: keeps the token and retries', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    const token = await t.session.getToken()
    t.api.refreshError = new AppError('unreachable', 'Cannot reach')
    t.clock.advance((TTL_S - 60) * 1000)
    await flush()
    expect(t.session.snapshot().status).toBe('signed-in')
    expect(t.clock.pending()).toEqual([10_000])
    expect(await t.session.getToken()).toBe(token)
    t.api.refreshError = null
    t.clock.advance(10_000)
    await flush()
    expect(await t.session.getToken()).not.toBe(token)
  })

  it('nudge() after a clock jump refreshes or expires at once', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    t.clock.jump((TTL_S - 30) * 1000)
    t.session.nudge()
    await flush()
    expect(t.api.refresh).toHaveBeenCalledTimes(1)
    t.clock.jump(REFRESH_TTL_S * 1000)
    t.session.nudge()
    expect(t.session.snapshot().status).toBe('expired')
  })

  it('signs out: deleteToken, keychain entry removed, no token any more', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    const token = await t.session.getToken()
    const snap = await t.session.signOut()
    expect(t.api.signedOut).toEqual([token])
    expect(await t.store.accounts()).toEqual([])
    expect(snap).toMatchObject({ status: 'signed-out', user: null, reason: null })
    expect((await rejection(t.session.getToken())).code).toBe('not-signed-in')
    expect(t.clock.pending()).toEqual([])
  })

  it('sign-out still completes when deleteToken fails', async () => {
    const t = setup()
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    t.api.signOut.mockRejectedValueOnce(new AppError('unreachable', 'down'))
    expect((await t.session.signOut()).status).toBe('signed-out')
    expect(await t.store.accounts()).toEqual([])
  })

  it('a keychain that fails mid-session switches to memory and keeps working', async () => {
    const backing = createMemorySecretStore()
    let broken = false
    const store: SecretStore = {
      kind: 'keychain',
      get: (a) => backing.get(a),
      set: async (a, s) => {
        if (broken) throw new Error('D-Bus connection closed')
        await backing.set(a, s)
      },
      delete: (a) => backing.delete(a),
      accounts: () => backing.accounts(),
    }
    const t = setup({ store })
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    broken = true
    await t.session.refreshNow()
    expect(t.session.snapshot()).toMatchObject({ status: 'signed-in', keychain: 'unavailable' })
    expect(t.session.snapshot().keychainMessage).toMatch(/D-Bus connection closed/)
    expect(t.session.snapshot().keychainMessage).toMatch(
      /You will need to sign in again next time\./,
    )
    expect(await t.session.getToken()).toBeTruthy()
  })

  it('memory-only from the start says so', async () => {
    const t = setup({ store: createMemorySecretStore(), reason: 'no usable Secret Service' })
    const snap = await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    expect(snap.keychain).toBe('unavailable')
    expect(snap.keychainMessage).toBe(
      'The system keychain is unavailable (no usable Secret Service), so your sign-in is kept ' +
        'in memory only. You will need to sign in again next time.',
    )
  })

  describe('restore', () => {
    async function saved(t: ReturnType<typeof setup>, exp: number, account = ACCOUNT) {
      await t.store.set(account, jwt({ email: EMAIL, exp, origIat: exp - TTL_S }))
    }

    it('nothing saved: signed out without a reason', async () => {
      const t = setup()
      expect(await t.session.restore()).toMatchObject({ status: 'signed-out', reason: null })
      expect(t.seen.map((s) => s.status)).toEqual(['restoring', 'signed-out'])
    })

    it('a refreshable token: refreshed, signed in', async () => {
      const t = setup()
      await saved(t, Math.floor(t.clock.now() / 1000) + 120)
      const snap = await t.session.restore()
      expect(snap).toMatchObject({
        status: 'signed-in',
        server: ORIGIN,
        user: { username: 'alice' },
      })
      expect(t.api.refresh).toHaveBeenCalledTimes(1)
      expect(await t.store.get(ACCOUNT)).toBe(await t.session.getToken())
    })

    it('an expired token: signed out with the reason, entry removed', async () => {
      const t = setup()
      await saved(t, Math.floor(t.clock.now() / 1000) - 1)
      const snap = await t.session.restore()
      expect(snap).toMatchObject({ status: 'signed-out', server: ORIGIN })
      expect(snap.reason).toMatch(/expired/)
      expect(t.api.refresh).not.toHaveBeenCalled()
      expect(await t.store.accounts()).toEqual([])
    })

    it('refused by the server: signed out with the reason', async () => {
      const t = setup()
      await saved(t, Math.floor(t.clock.now() / 1000) + 120)
      t.api.refreshError = new AppError('session-expired', 'Refresh token is expired')
      expect(await t.session.restore()).toMatchObject({
        status: 'signed-out',
        reason: sessionExpiredText(),
      })
      expect(await t.store.accounts()).toEqual([])
    })

    it('server unreachable: signed out with the cause, entry kept for next time', async () => {
      const t = setup()
      await saved(t, Math.floor(t.clock.now() / 1000) + 120)
      t.api.refreshError = new AppError(
        'unreachable',
        'Cannot reach http://127.0.0.1:8000: ECONNREFUSED.',
      )
      const snap = await t.session.restore()
      expect(snap.status).toBe('signed-out')
      expect(snap.reason).toBe(
        'Could not restore your session: Cannot reach http://127.0.0.1:8000: ECONNREFUSED.',
      )
      expect(await t.store.accounts()).toEqual([ACCOUNT])
    })

    it('with several entries, restores the most recent sign-in', async () => {
      const t = setup()
      const now = Math.floor(t.clock.now() / 1000)
      await saved(t, now - 100, accountFor('http://old.example', 'x@example.com'))
      await saved(t, now + 300)
      await saved(t, now + 100, accountFor('http://other.example', 'y@example.com'))
      expect(await t.session.restore()).toMatchObject({ status: 'signed-in', server: ORIGIN })
    })

    it('ignores entries that are not ours', async () => {
      const t = setup()
      await t.store.set('garbage-without-bar', 'x')
      expect((await t.session.restore()).status).toBe('signed-out')
    })
  })

  it('signing in removes older entries for the same server, and only those', async () => {
    const t = setup()
    await t.store.set(accountFor(ORIGIN, 'x@example.com'), 'old')
    await t.store.set(accountFor('http://other.example', 'y@example.com'), 'other')
    await t.session.signIn(ORIGIN, EMAIL, 'pass-1234')
    expect((await t.store.accounts()).sort()).toEqual(
      [ACCOUNT, accountFor('http://other.example', 'y@example.com')].sort(),
    )
  })
})
