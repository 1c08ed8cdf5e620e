import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  demoUsers,
  EXTERNAL_SKIP_REASON,
  startTestServer,
} from '../../../../../server/test-support'
import type { TestServer } from '../../../../../server/test-support'
import type { ConnectionSnapshot } from '../../../../shared/ipc-contract'
import type { ServerFrame } from '../../../../shared/frames'
import { systemClock } from '../../clock'
import type { ReconnectPolicy, RoomConnection, RoomConnectionDeps } from '../../ports'
import { createRoomConnection } from './room-connection'
import { createMemorySecretStore } from '../../session/secret-store'
import { Session } from '../../session/session'
import { startTcpProxy } from '../../test-support/tcp-proxy'
import type { TcpProxy } from '../../test-support/tcp-proxy'
import { skipNote, waitUntil } from '../../test-support/wait'
import { createWsSocket } from './ws-factory'

// Real `ws` sockets against the real local server (or EDUSPHERE_URL). Short delays in the policy
// keep the reconnect loop quick; nothing asserts how long anything took.

const external = !!process.env.EDUSPHERE_URL
if (external) skipNote(`restart, crash and proxy tests: ${EXTERNAL_SKIP_REASON}`)

const fast: ReconnectPolicy = {
  maxAttempts: 5,
  baseDelayMs: 50,
  jitter: 0,
  minUptimeMs: 200,
  slowRetryMs: 200,
  // Generous: a loaded CI machine must not turn a slow handshake into a retry.
  connectTimeoutMs: 5000,
  heartbeatIntervalMs: 60_000,
  heartbeatTimeoutMs: 500,
}

let ts: TestServer
const sessions: Session[] = []
const connections: RoomConnection[] = []

async function signedIn(user: keyof typeof demoUsers): Promise<Session> {
  const session = new Session({
    secretStore: createMemorySecretStore(),
    keychainUnavailableReason: 'tests keep tokens in memory',
    clock: systemClock,
  })
  sessions.push(session)
  await session.signIn(ts.url, demoUsers[user].email, demoUsers[user].password)
  return session
}

/** A connection wired to a real session, recording everything it reports. */
function connect(
  session: Session,
  host: string,
  slug: string,
  opts: {
    baseUrl?: string
    policy?: Partial<ReconnectPolicy>
    deps?: Partial<RoomConnectionDeps>
  } = {},
) {
  const states: ConnectionSnapshot[] = []
  const frames: ServerFrame[] = []
  const invalid: string[] = []
  let opens = 0
  let refreshes = 0
  const conn = createRoomConnection({
    baseUrl: opts.baseUrl ?? ts.url,
    host,
    slug,
    getToken: () => session.getToken(),
    refreshToken: async () => {
      refreshes++
      await session.refreshNow()
    },
    classifyRejection: async () =>
      session.api!.classifyRejection(await session.getToken(), host, slug),
    createWebSocket: createWsSocket,
    clock: systemClock,
    random: Math.random,
    policy: { ...fast, ...opts.policy },
    onFrame: (f) => frames.push(f),
    onInvalidFrame: (r) => invalid.push(r),
    onStateChange: (s) => states.push(s),
    onOpen: () => opens++,
    onFailed: () => undefined,
    ...opts.deps,
  })
  connections.push(conn)
  conn.open()
  return {
    conn,
    states,
    frames,
    invalid,
    opens: () => opens,
    refreshes: () => refreshes,
    /** Waits until the connection is in `state` (and `extra` holds). */
    until: (state: ConnectionSnapshot['state'], extra: () => boolean = () => true) =>
      waitUntil(() => conn.snapshot.state === state && extra(), `state ${state}`),
  }
}

function bodies(frames: ServerFrame[]): string[] {
  return frames.flatMap((f) => ('action' in f && f.action === 'new' ? [f.body] : []))
}

beforeAll(async () => {
  ts = await startTestServer()
})
afterEach(() => {
  for (const c of connections.splice(0)) c.close()
})
afterAll(async () => {
  for (const s of sessions) s.dispose()
  await ts.dispose()
})

describe('room connection against the local server', () => {
  it('connects with the cookie, receives the room’s events and its own echo', async () => {
    const a = connect(await signedIn('alice'), 'alice', 'general')
    const b = connect(await signedIn('bob'), 'alice', 'general')
    await a.until('connected')
    await b.until('connected')
    const hello = `hello from bob ${randomUUID()}`
    expect(b.conn.send({ type: 'text', message: hello })).toEqual({ sent: true })
    await waitUntil(() => bodies(a.frames).includes(hello), 'alice to receive the message')
    await waitUntil(() => bodies(b.frames).includes(hello), 'bob to receive his echo')
    expect(a.invalid).toEqual([])
    expect(a.states.map((s) => s.state)).toEqual(['connecting', 'connected'])
  })

  it('refuses to send a frame that would kill the socket, and stays connected', async () => {
    const a = connect(await signedIn('alice'), 'alice', 'general')
    await a.until('connected')
    expect(a.conn.send({ type: 'delete', messageId: 'not-a-uuid' })).toMatchObject({
      sent: false,
      reason: 'invalid',
    })
    const id = randomUUID()
    expect(a.conn.send({ type: 'delete', messageId: id })).toEqual({ sent: true })
    await waitUntil(
      () => a.frames.some((f) => 'error' in f && f.error === 'Message not found.'),
      'the server error frame',
    )
    expect(a.conn.snapshot.state).toBe('connected')
  })

  it('403 for a room alice is not in: refresh once, then "not a participant", terminal', async () => {
    const a = connect(await signedIn('alice'), 'bob', 'private')
    await a.until('error')
    expect(a.conn.snapshot).toMatchObject({
      terminal: 'not-participant',
      reason: "You're not a participant of this room any more, so it can't connect.",
      nextRetryAt: null,
    })
    expect(a.refreshes()).toBe(1)
  })

  it('403 for an unknown room: "Room not found"', async () => {
    const a = connect(await signedIn('alice'), 'alice', `no-such-room-${randomUUID().slice(0, 8)}`)
    await a.until('error')
    expect(a.conn.snapshot).toMatchObject({
      terminal: 'room-not-found',
      reason: 'This room no longer exists on the server.',
    })
  })

  it('a rejected token is refreshed and the handshake retried once, successfully', async () => {
    const session = await signedIn('alice')
    let token = 'garbage.token.value'
    const a = connect(session, 'alice', 'general', {
      deps: {
        getToken: async () => token,
        refreshToken: async () => {
          token = await session.getToken()
        },
      },
    })
    await a.until('connected')
    expect(a.states.map((s) => s.state)).toEqual(['connecting', 'connected'])
  })

  it.skipIf(external)('reconnects after a server restart', async () => {
    const a = connect(await signedIn('alice'), 'alice', 'general')
    await a.until('connected')
    await ts.restart()
    await waitUntil(() => a.opens() >= 2 && a.conn.snapshot.state === 'connected', 'reconnect')
    expect(a.states.some((s) => s.state === 'reconnecting')).toBe(true)
    const body = `after restart ${randomUUID()}`
    expect(a.conn.send({ type: 'text', message: body })).toEqual({ sent: true })
    await waitUntil(() => bodies(a.frames).includes(body), 'the echo after restart')
  })

  it.skipIf(external)('reconnects after the server drops every TCP connection (1006)', async () => {
    const a = connect(await signedIn('alice'), 'alice', 'general')
    await a.until('connected')
    ts.server()!.killConnections()
    await waitUntil(() => a.opens() >= 2 && a.conn.snapshot.state === 'connected', 'reconnect')
  })

  describe.skipIf(external)('through a TCP proxy', () => {
    let proxy: TcpProxy
    beforeAll(async () => {
      proxy = await startTcpProxy(Number(new URL(ts.url).port))
    })
    afterAll(async () => {
      await proxy.close()
    })

    it('a half-open connection (proxy stalls) is caught by the heartbeat and recovered', async () => {
      const a = connect(await signedIn('alice'), 'alice', 'general', {
        baseUrl: proxy.url,
        // Handshakes sent into the stalled proxy hang: give up on them quickly.
        policy: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 300, connectTimeoutMs: 1000 },
      })
      await a.until('connected')
      const before = proxy.accepted
      proxy.stall()
      await waitUntil(
        () => a.states.some((s) => s.reason?.includes('heartbeat')),
        'the heartbeat to declare the socket dead',
      )
      expect(a.conn.snapshot.state).not.toBe('connected')
      proxy.resume()
      await a.until('connected', () => a.opens() >= 2)
      expect(proxy.accepted).toBeGreaterThan(before)
    })

    it('a slow link (every chunk delayed) still connects and delivers', async () => {
      proxy.delay(50)
      try {
        const a = connect(await signedIn('alice'), 'alice', 'general', { baseUrl: proxy.url })
        await a.until('connected')
        const body = `slow ${randomUUID()}`
        expect(a.conn.send({ type: 'text', message: body })).toEqual({ sent: true })
        await waitUntil(() => bodies(a.frames).includes(body), 'the echo over the slow link')
      } finally {
        proxy.delay(0)
      }
    })

    it('cut connections reconnect', async () => {
      const a = connect(await signedIn('alice'), 'alice', 'general', { baseUrl: proxy.url })
      await a.until('connected')
      proxy.cutAll()
      await a.until('connected', () => a.opens() >= 2)
    })
  })
})
