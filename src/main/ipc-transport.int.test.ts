/**
 * Main enforces the transport rule, not just the form: `session:sign-in` through the real IPC
 * router and the real chat service refuses plain http to a non-loopback origin until the call
 * carries the user's confirmation, and remembers it per origin. The origin `http://edu.example.org`
 * is never resolved: the API's fetch and the socket factory forward it to the local server on
 * loopback and record every contact, so the refusal is proven to happen before any byte is sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../server/test-support'
import { demoUsers, startTestServer } from '../../server/test-support'
import type { InvokeChannel, Result, SessionSnapshot } from '../shared/ipc-contract'
import type { ChatService } from './core/chat/chat-service'
import { createChatService } from './core/chat/chat-service'
import { createWsSocket } from './core/chat/connection/ws-factory'
import { systemClock } from './core/clock'
import { EduSphereApi } from './core/session/edusphere-api'
import { createMemorySecretStore } from './core/session/secret-store'
import type { TransportConsent } from './core/session/transport-consent'
import { createMemoryTransportConsent } from './core/session/transport-consent'
import { TEST_POLICY } from './core/test-support/chat-harness'
import type { HandleFn } from './ipc'
import { registerIpc } from './ipc'

const PLAIN = 'http://edu.example.org'
const { alice } = demoUsers

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

interface Rig {
  contacts: string[]
  consent: TransportConsent
  service: ChatService
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<Result<unknown>>
}

const rigs: Rig[] = []
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.service.dispose()
})

function rig(consent = createMemoryTransportConsent()): Rig {
  const contacts: string[] = []
  const local = ts.url.replace(/\/+$/, '')
  const forward: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    contacts.push(url)
    if (!url.startsWith(`${PLAIN}/`)) throw new Error(`unexpected contact with ${url}`)
    return fetch(local + url.slice(PLAIN.length), init)
  }
  const service = createChatService({
    secretStore: createMemorySecretStore(),
    keychainUnavailableReason: 'tests use the memory store',
    notifier: { error: () => undefined, message: () => undefined },
    createApi: (baseUrl) => new EduSphereApi(baseUrl, { fetch: forward }),
    createWebSocket: (url, options) => {
      contacts.push(url)
      return createWsSocket(
        url.replace(/^ws:\/\/edu\.example\.org/, local.replace(/^http/, 'ws')),
        options,
      )
    },
    clock: systemClock,
    random: () => 0.5,
    policy: TEST_POLICY,
    transportConsent: consent,
  })
  const handlers = new Map<InvokeChannel, Parameters<HandleFn>[1]>()
  registerIpc(
    (channel, listener) => handlers.set(channel, listener),
    () => undefined,
    service,
    (sender) => sender === 'our-page',
  )
  const created: Rig = {
    contacts,
    consent,
    service,
    invoke: (channel, ...args) => handlers.get(channel)!('our-page', ...args),
  }
  rigs.push(created)
  return created
}

const credentials = { server: PLAIN, email: alice.email, password: alice.password }

describe('session:sign-in and plain http', () => {
  it('refuses a non-loopback http origin without the confirmation, contacting nothing', async () => {
    const r = rig()
    const result = await r.invoke('session:sign-in', credentials)
    expect(result).toMatchObject({ ok: false, error: { code: 'unencrypted-not-confirmed' } })
    if (!result.ok) expect(result.error.message).toMatch(/edu\.example\.org.*clear text/s)
    const explicitNo = await r.invoke('session:sign-in', {
      ...credentials,
      allowUnencrypted: false,
    })
    expect(explicitNo).toMatchObject({ ok: false, error: { code: 'unencrypted-not-confirmed' } })
    expect(r.contacts).toEqual([])
    expect(r.consent.has(PLAIN)).toBe(false)
  })

  it('refuses a confirmation that is not a boolean', async () => {
    const r = rig()
    const result = await r.invoke('session:sign-in', { ...credentials, allowUnencrypted: 'yes' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(r.contacts).toEqual([])
  })

  it('with the confirmation: signs in, remembers the origin, and needs no confirmation again', async () => {
    const r = rig()
    const result = await r.invoke('session:sign-in', { ...credentials, allowUnencrypted: true })
    expect(result.ok).toBe(true)
    const session = (result as { value: SessionSnapshot }).value
    expect(session).toMatchObject({ status: 'signed-in', server: PLAIN })
    expect(r.consent.has(PLAIN)).toBe(true)
    expect(r.contacts.length).toBeGreaterThan(0)

    await r.invoke('session:sign-out')
    const again = await r.invoke('session:sign-in', credentials)
    expect(again).toMatchObject({ ok: true, value: { status: 'signed-in', server: PLAIN } })
  })

  it('the confirmation is per origin: another port of the same host still asks', async () => {
    const r = rig(createMemoryTransportConsent([PLAIN]))
    const result = await r.invoke('session:sign-in', { ...credentials, server: `${PLAIN}:8080` })
    expect(result).toMatchObject({ ok: false, error: { code: 'unencrypted-not-confirmed' } })
    expect(r.contacts).toEqual([])
  })
})
