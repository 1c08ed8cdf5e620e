import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../shared/errors'
import type { TokenAuth } from '../../../shared/graphql-shapes'
import type { EduSphereApi } from './edusphere-api'
import { accountFor, createMemorySecretStore } from './secret-store'
import { Session } from './session'
import { createMemoryTransportConsent } from './transport-consent'
import { FakeClock } from '../test-support/fake-clock'

// Plain http to a host across the network sends the password, the token and the socket cookie in
// clear text: main refuses it until the user has confirmed it for that very origin. The scripted
// API records whether the server would have been contacted at all.

const PLAIN = 'http://edu.example.org'
const EMAIL = 'alice@example.com'

function jwt(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.sig`
}

function setup(confirmed: string[] = []) {
  const clock = new FakeClock()
  const contacted: string[] = []
  const consent = createMemoryTransportConsent(confirmed)
  const store = { ...createMemorySecretStore(), kind: 'keychain' as const }
  const createApi = vi.fn((baseUrl: string) => {
    const exp = Math.floor(clock.now() / 1000) + 600
    const grant = { token: jwt({ email: EMAIL, exp, origIat: exp - 600 }) }
    return {
      baseUrl,
      signIn: async (): Promise<TokenAuth> => {
        contacted.push(`${baseUrl} tokenAuth`)
        return {
          ...grant,
          payload: { email: EMAIL, exp, origIat: exp - 600 },
          refreshExpiresIn: exp + 3600,
          success: true,
          user: { id: '1', username: 'alice', name: 'Alice' },
        }
      },
      refresh: async () => {
        contacted.push(`${baseUrl} refreshToken`)
        return { ...grant, payload: { email: EMAIL, exp, origIat: exp - 600 }, refreshExpiresIn: 0 }
      },
      me: async () => {
        contacted.push(`${baseUrl} me`)
        return { id: '1', username: 'alice', name: 'Alice', avatar: '' }
      },
      signOut: async () => {
        contacted.push(`${baseUrl} deleteToken`)
      },
    } as unknown as EduSphereApi
  })
  const session = new Session({
    secretStore: store,
    keychainUnavailableReason: null,
    clock,
    createApi,
    transportConsent: consent,
  })
  return { clock, contacted, consent, store, session, createApi }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(e instanceof AppError)) throw new Error(`expected AppError, got ${String(e)}`)
  return e
}

describe('Session transport rule', () => {
  it('refuses plain http to another host without consent, before any contact', async () => {
    const t = setup()
    const e = await rejection(t.session.signIn(PLAIN, EMAIL, 'secret'))
    expect(e.code).toBe('unencrypted-not-confirmed')
    expect(e.message).toContain('edu.example.org')
    expect(e.message).toMatch(/password/)
    expect(t.createApi).not.toHaveBeenCalled()
    expect(t.contacted).toEqual([])
    expect(t.session.snapshot().status).toBe('signed-out')
    expect(t.consent.has(PLAIN)).toBe(false)
  })

  it('with consent: signs in and remembers the origin, then needs no consent again', async () => {
    const t = setup()
    const snap = await t.session.signIn(PLAIN, EMAIL, 'secret', { allowUnencrypted: true })
    expect(snap).toMatchObject({ status: 'signed-in', server: PLAIN })
    expect(t.consent.has(PLAIN)).toBe(true)
    await t.session.signOut()
    const again = await t.session.signIn(PLAIN, EMAIL, 'secret')
    expect(again.status).toBe('signed-in')
  })

  it('consent is per origin: another port or host still asks', async () => {
    const t = setup([PLAIN])
    for (const other of ['http://edu.example.org:8080', 'http://www.edu.example.org']) {
      const e = await rejection(t.session.signIn(other, EMAIL, 'secret'))
      expect(e.code, other).toBe('unencrypted-not-confirmed')
    }
    expect(t.contacted).toEqual([])
  })

  it('a failed sign-in does not remember the consent', async () => {
    const t = setup()
    t.createApi.mockImplementationOnce(
      (baseUrl: string) =>
        ({
          baseUrl,
          signIn: async () => {
            throw new AppError('unreachable', 'Cannot reach it.')
          },
        }) as unknown as EduSphereApi,
    )
    await rejection(t.session.signIn(PLAIN, EMAIL, 'secret', { allowUnencrypted: true }))
    expect(t.consent.has(PLAIN)).toBe(false)
  })

  it.each(['https://edu.example.org', 'http://localhost:8000', 'http://127.0.0.7:8000'])(
    '%s needs no consent',
    async (server) => {
      const t = setup()
      expect((await t.session.signIn(server, EMAIL, 'secret')).status).toBe('signed-in')
      expect(t.consent.has(server)).toBe(false)
    },
  )

  it('restore does not contact a plain-http origin that was never confirmed', async () => {
    const t = setup()
    const exp = Math.floor(t.clock.now() / 1000) + 600
    await t.store.set(accountFor(PLAIN, EMAIL), jwt({ email: EMAIL, exp, origIat: exp - 600 }))
    const snap = await t.session.restore()
    expect(snap).toMatchObject({ status: 'signed-out', server: PLAIN })
    expect(snap.reason).toMatch(/without encryption/)
    expect(t.contacted).toEqual([])
  })

  it('restore of a confirmed plain-http origin goes ahead', async () => {
    const t = setup([PLAIN])
    const exp = Math.floor(t.clock.now() / 1000) + 600
    await t.store.set(accountFor(PLAIN, EMAIL), jwt({ email: EMAIL, exp, origIat: exp - 600 }))
    expect(await t.session.restore()).toMatchObject({ status: 'signed-in', server: PLAIN })
  })
})
