import { beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../../shared/errors'
import type { ConnectionSnapshot, TerminalReason } from '../../../../shared/ipc-contract'
import type { ServerFrame } from '../../../../shared/frames'
import type { ReconnectPolicy, RoomConnection, RoomConnectionDeps } from '../../ports'
import { defaultReconnectPolicy } from '../../ports'
import { chatSocketUrl, createRoomConnection } from './room-connection'
import { FakeClock } from '../../test-support/fake-clock'
import { fakeSocketFactory, flush } from '../../test-support/fake-socket'

// The socket is a fake here because the state machine must be driven through failures on cue;
// room-connection.int.test.ts runs the same code over real sockets against the real server.

const policy: ReconnectPolicy = { ...defaultReconnectPolicy, jitter: 0 }
const UUID = '0b9d6f0e-4a53-4c1e-9d0b-0d7b0a0e4f11'

function setup(overrides: Partial<ReconnectPolicy> = {}, deps: Partial<RoomConnectionDeps> = {}) {
  const clock = new FakeClock()
  const sockets = fakeSocketFactory()
  const states: ConnectionSnapshot[] = []
  const frames: ServerFrame[] = []
  const invalid: string[] = []
  const failedMessages: string[] = []
  let opens = 0
  const tokens = { current: 'token-1' }
  const getToken = vi.fn(async () => tokens.current)
  const refreshToken = vi.fn(async () => {
    tokens.current = 'token-2'
  })
  const classifyRejection = vi.fn(async (): Promise<TerminalReason | null> => 'not-participant')
  const conn: RoomConnection = createRoomConnection({
    baseUrl: 'http://127.0.0.1:8000',
    host: 'alice',
    slug: 'general',
    getToken,
    refreshToken,
    classifyRejection,
    createWebSocket: sockets.factory,
    clock,
    random: () => 0.5,
    policy: { ...policy, ...overrides },
    onFrame: (f) => frames.push(f),
    onInvalidFrame: (r) => invalid.push(r),
    onStateChange: (s) => states.push(s),
    onOpen: () => opens++,
    onFailed: (m) => failedMessages.push(m),
    ...deps,
  })
  return {
    conn,
    clock,
    sockets,
    states,
    frames,
    invalid,
    failedMessages,
    opens: () => opens,
    getToken,
    refreshToken,
    classifyRejection,
  }
}

/** Opens and accepts the first socket. */
async function connected(t: ReturnType<typeof setup>) {
  t.conn.open()
  await flush()
  t.sockets.last().accept()
  expect(t.conn.snapshot.state).toBe('connected')
}

/** Lets the current attempt fail at the TCP level. */
async function failAttempt(t: ReturnType<typeof setup>) {
  t.sockets.last().fail()
  await flush()
}

describe('chatSocketUrl', () => {
  it('uses ws for http and wss for https, no trailing slash, encoded parts', () => {
    expect(chatSocketUrl('http://localhost:8000', 'alice', 'general')).toBe(
      'ws://localhost:8000/ws/chat/alice/general',
    )
    expect(chatSocketUrl('https://edu.example.org', 'a b', 'x/y')).toBe(
      'wss://edu.example.org/ws/chat/a%20b/x%2Fy',
    )
  })
})

describe('room connection', () => {
  let t: ReturnType<typeof setup>
  beforeEach(() => {
    t = setup()
  })

  it('handshakes with the JWT cookie and the server origin, then reports connected', async () => {
    await connected(t)
    const socket = t.sockets.last()
    expect(socket.url).toBe('ws://127.0.0.1:8000/ws/chat/alice/general')
    expect(socket.options.headers).toEqual({
      Cookie: 'JWT=token-1',
      Origin: 'http://127.0.0.1:8000',
    })
    expect(socket.options.handshakeTimeout).toBe(policy.connectTimeoutMs)
    expect(t.states.map((s) => s.state)).toEqual(['connecting', 'connected'])
    expect(t.opens()).toBe(1)
  })

  it('open() is idempotent', async () => {
    t.conn.open()
    t.conn.open()
    await flush()
    t.conn.open()
    expect(t.sockets.sockets).toHaveLength(1)
  })

  it('decodes valid frames and reports invalid and binary ones without crashing', async () => {
    await connected(t)
    const socket = t.sockets.last()
    socket.receive('{"type": "chat_message", "action": "delete", "id": "' + UUID + '"}')
    socket.receive('{"error": "Message not found."}')
    socket.receive('not json')
    socket.receive('{"type": "chat_message", "action": "new", "id": "x"}')
    socket.receive(Buffer.from([1, 2, 3]), true)
    expect(t.frames).toEqual([
      { type: 'chat_message', action: 'delete', id: UUID },
      { error: 'Message not found.' },
    ])
    expect(t.invalid).toHaveLength(3)
    expect(t.invalid[0]).toMatch(/invalid JSON/)
    expect(t.invalid[1]).toBe('missing field user')
    expect(t.invalid[2]).toBe('binary frame of 3 bytes ignored')
    expect(t.conn.snapshot.state).toBe('connected')
  })

  it('sends only valid frames, and only when open', async () => {
    expect(t.conn.send({ type: 'text', message: 'early' })).toEqual({
      sent: false,
      reason: 'not-open',
    })
    await connected(t)
    const socket = t.sockets.last()
    expect(t.conn.send({ type: 'text', message: 'hi 👋' })).toEqual({ sent: true })
    expect(t.conn.send({ type: 'delete', messageId: 'not-a-uuid' })).toMatchObject({
      sent: false,
      reason: 'invalid',
    })
    expect(t.conn.send({ type: 'text', message: '' })).toMatchObject({
      sent: false,
      reason: 'invalid',
    })
    expect(t.conn.send({ type: 'text', message: '😀'.repeat(501) })).toMatchObject({
      sent: false,
      reason: 'invalid',
    })
    expect(t.conn.send({ type: 'text', message: '😀'.repeat(500) })).toEqual({ sent: true })
    expect(t.conn.send({ type: 'update', messageId: UUID.toUpperCase(), message: 'x' })).toEqual({
      sent: true,
    })
    expect(socket.sent.map((s) => JSON.parse(s).type)).toEqual(['text', 'text', 'update'])
    expect(JSON.parse(socket.sent[0]!)).toEqual({ type: 'text', message: 'hi 👋' })
  })

  it('our own close sends 1000 and does not reconnect', async () => {
    await connected(t)
    const socket = t.sockets.last()
    t.conn.close()
    await flush()
    expect(socket.closedWith).toBe(1000)
    expect(t.conn.snapshot.state).toBe('disconnected')
    expect(t.clock.pending()).toEqual([])
    t.clock.advance(120_000)
    expect(t.sockets.sockets).toHaveLength(1)
  })

  it.each([1006, 1011, 1001])(
    'an abnormal close (%i) after a stable connection reconnects at 3 s',
    async (code) => {
      await connected(t)
      t.clock.advance(policy.minUptimeMs)
      t.sockets.last().drop(code)
      await flush()
      expect(t.conn.snapshot).toMatchObject({
        state: 'reconnecting',
        attempt: 1,
        nextRetryAt: t.clock.now() + 3000,
      })
      t.clock.advance(2999)
      expect(t.sockets.sockets).toHaveLength(1)
      t.clock.advance(1)
      await flush()
      expect(t.sockets.sockets).toHaveLength(2)
      t.sockets.last().accept()
      expect(t.conn.snapshot.state).toBe('connected')
      expect(t.opens()).toBe(2)
    },
  )

  it('backs off 3000 ms × attempt, then fails after 5 attempts and keeps a slow retry', async () => {
    t.conn.open()
    await flush()
    const delays: number[] = []
    for (let i = 0; i < 6; i++) {
      await failAttempt(t)
      const s = t.conn.snapshot
      if (s.state === 'failed') break
      delays.push(s.nextRetryAt! - t.clock.now())
      expect(s).toMatchObject({ state: 'reconnecting', attempt: i + 1 })
      t.clock.advance(delays[i]!)
      await flush()
    }
    expect(delays).toEqual([3000, 6000, 9000, 12000, 15000])
    expect(t.sockets.sockets).toHaveLength(6)
    expect(t.conn.snapshot).toMatchObject({
      state: 'failed',
      attempt: 5,
      nextRetryAt: t.clock.now() + 60_000,
    })
    expect(t.conn.snapshot.reason).toMatch(/^Connection failed after 5 attempts/)
    expect(t.failedMessages).toEqual(['Connection failed after 5 attempts'])

    // The slow retry goes on forever without notifying again.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(60_000)
      await flush()
      expect(t.conn.snapshot.state).toBe('reconnecting')
      await failAttempt(t)
      expect(t.conn.snapshot.state).toBe('failed')
    }
    expect(t.failedMessages).toHaveLength(1)
    expect(t.sockets.sockets).toHaveLength(9)

    // Recovery: a stable connection resets the streak.
    t.clock.advance(60_000)
    await flush()
    t.sockets.last().accept()
    t.clock.advance(policy.minUptimeMs)
    t.sockets.last().drop(1006)
    await flush()
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1 })
  })

  it('a drop within minUptime counts as a failed attempt', async () => {
    await connected(t)
    t.clock.advance(policy.minUptimeMs - 1)
    t.sockets.last().drop(1006)
    await flush()
    expect(t.conn.snapshot.attempt).toBe(1)
    t.clock.advance(3000)
    await flush()
    t.sockets.last().accept()
    t.clock.advance(100)
    t.sockets.last().drop(1011)
    await flush()
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 2 })
    expect(t.conn.snapshot.nextRetryAt! - t.clock.now()).toBe(6000)
  })

  it('applies ±jitter from the injected random source', async () => {
    // The first delay at -20 %, the second at +20 %.
    const randoms = [0, 0.999999]
    let i = 0
    const j = setup({ jitter: 0.2 }, { random: () => randoms[i++ % 2]! })
    j.conn.open()
    await flush()
    await failAttempt(j)
    expect(j.conn.snapshot.nextRetryAt! - j.clock.now()).toBe(2400)
    j.clock.advance(2400)
    await flush()
    await failAttempt(j)
    expect(j.conn.snapshot.nextRetryAt! - j.clock.now()).toBe(7200)
  })

  it('retryNow() and nudge() try at once, and restart the streak', async () => {
    t.conn.open()
    await flush()
    await failAttempt(t)
    expect(t.conn.snapshot.state).toBe('reconnecting')
    t.clock.advance(3000)
    await flush()
    await failAttempt(t)
    expect(t.conn.snapshot.attempt).toBe(2)
    t.conn.retryNow()
    await flush()
    expect(t.sockets.sockets).toHaveLength(3)
    await failAttempt(t)
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1 })
    t.conn.nudge()
    await flush()
    expect(t.sockets.sockets).toHaveLength(4)
    // A try in flight is not interrupted.
    t.conn.retryNow()
    t.conn.nudge()
    await flush()
    expect(t.sockets.sockets).toHaveLength(4)
    t.sockets.last().accept()
    expect(t.conn.snapshot.state).toBe('connected')
  })

  it('heartbeat: pings every interval; a missing pong terminates and reconnects', async () => {
    await connected(t)
    const socket = t.sockets.last()
    t.clock.advance(policy.heartbeatIntervalMs)
    expect(socket.pings).toBe(1)
    socket.pong()
    t.clock.advance(policy.heartbeatTimeoutMs)
    expect(t.conn.snapshot.state).toBe('connected')
    t.clock.advance(policy.heartbeatIntervalMs - policy.heartbeatTimeoutMs)
    expect(socket.pings).toBe(2)
    t.clock.advance(policy.heartbeatTimeoutMs - 1)
    expect(t.conn.snapshot.state).toBe('connected')
    t.clock.advance(1)
    expect(socket.terminated).toBe(true)
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1 })
    expect(t.conn.snapshot.reason).toMatch(/heartbeat/)
  })

  it('nudge() while connected probes liveness at once', async () => {
    await connected(t)
    const socket = t.sockets.last()
    t.conn.nudge()
    expect(socket.pings).toBe(1)
    t.clock.advance(policy.heartbeatTimeoutMs)
    expect(socket.terminated).toBe(true)
    expect(t.conn.snapshot.state).toBe('reconnecting')
  })

  it('a handshake that never completes times out as a failed attempt', async () => {
    t.conn.open()
    await flush()
    t.clock.advance(policy.connectTimeoutMs)
    expect(t.sockets.last().terminated).toBe(true)
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1 })
  })

  it('403: refreshes the token and retries once at once, then classifies as terminal', async () => {
    t.conn.open()
    await flush()
    t.sockets.last().reject(403)
    await flush()
    expect(t.refreshToken).toHaveBeenCalledTimes(1)
    expect(t.sockets.sockets).toHaveLength(2)
    expect(t.sockets.last().options.headers.Cookie).toBe('JWT=token-2')
    t.sockets.last().reject(403)
    await flush()
    expect(t.classifyRejection).toHaveBeenCalledTimes(1)
    expect(t.conn.snapshot).toMatchObject({
      state: 'error',
      terminal: 'not-participant',
      reason: "You're not a participant of this room any more, so it can't connect.",
      nextRetryAt: null,
    })
    expect(t.clock.pending()).toEqual([])
    // Not retried blindly: a nudge changes nothing, retryNow does try.
    t.conn.nudge()
    await flush()
    expect(t.sockets.sockets).toHaveLength(2)
    t.conn.retryNow()
    await flush()
    expect(t.sockets.sockets).toHaveLength(3)
    t.sockets.last().accept()
    expect(t.conn.snapshot).toMatchObject({ state: 'connected', terminal: null, reason: null })
  })

  it.each<[TerminalReason, string]>([
    ['room-not-found', 'This room no longer exists on the server.'],
    ['session-expired', 'Your session has expired. Sign in again to continue.'],
  ])('403 classified as %s', async (reason, text) => {
    t.classifyRejection.mockResolvedValue(reason)
    t.conn.open()
    await flush()
    t.sockets.last().reject(403)
    await flush()
    t.sockets.last().reject(403)
    await flush()
    expect(t.conn.snapshot).toMatchObject({ state: 'error', terminal: reason, reason: text })
  })

  it('a 403 whose cause GraphQL cannot tell is an ordinary failure', async () => {
    t.classifyRejection.mockResolvedValue(null)
    t.conn.open()
    await flush()
    t.sockets.last().reject(403)
    await flush()
    t.sockets.last().reject(403)
    await flush()
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1 })
  })

  it('a refresh that fails with session-expired ends in the session-expired state', async () => {
    t.refreshToken.mockRejectedValue(new AppError('session-expired', 'expired'))
    t.conn.open()
    await flush()
    t.sockets.last().reject(403)
    await flush()
    expect(t.conn.snapshot).toMatchObject({ state: 'error', terminal: 'session-expired' })
  })

  it('no token because the session expired: terminal, not retried', async () => {
    t.getToken.mockRejectedValue(new AppError('session-expired', 'expired'))
    t.conn.open()
    await flush()
    expect(t.sockets.sockets).toHaveLength(0)
    expect(t.conn.snapshot).toMatchObject({ state: 'error', terminal: 'session-expired' })
  })

  it('other HTTP answers to the upgrade are retried with backoff', async () => {
    t.conn.open()
    await flush()
    t.sockets.last().reject(500)
    await flush()
    expect(t.refreshToken).not.toHaveBeenCalled()
    expect(t.conn.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1 })
    expect(t.conn.snapshot.reason).toMatch(/HTTP 500/)
  })

  it('a state listener that closes the connection on "connected" leaves nothing running', async () => {
    let conn: RoomConnection | null = null
    const c = setup(
      {},
      {
        onStateChange: (snap) => {
          if (snap.state === 'connected') conn?.close()
        },
      },
    )
    conn = c.conn
    c.conn.open()
    await flush()
    c.sockets.last().accept()
    expect(c.conn.snapshot.state).toBe('disconnected')
    expect(c.opens()).toBe(0)
    expect(c.clock.pending()).toEqual([])
  })

  it('a throwing listener does not break the connection', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const b = setup(
      {},
      {
        onFrame: () => {
          throw new Error('boom')
        },
      },
    )
    await connected(b)
    b.sockets.last().receive('{"error": "Message not found."}')
    expect(b.conn.snapshot.state).toBe('connected')
    expect(errors).toHaveBeenCalled()
    errors.mockRestore()
  })
})
