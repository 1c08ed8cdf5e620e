/**
 * One WebSocket per open room (protocol.md §4): cookie handshake, linear backoff with jitter and a
 * slow retry that never gives up, a ping/pong heartbeat that catches half-open TCP, and the
 * "refresh once, then ask GraphQL why" rule for handshake 403s. One `state` field, one
 * `transition()`: every change is observable through onStateChange.
 */
import { AppError } from '../../shared/errors'
import type { ConnectionSnapshot, ConnectionState, TerminalReason } from '../../shared/ipc-contract'
import { decodeServerFrame, encodeClientFrame } from '../../shared/protocol'
import type { ClientFrame } from '../../shared/protocol'
import { reconnectDelay, slowRetryDelay } from './backoff'
import type { RoomConnection, RoomConnectionDeps, SocketLike, TimerHandle } from './ports'

/** ws readyState OPEN. */
const OPEN = 1
/** Chat frames are at most 500 code points; anything near this size is not a chat frame. */
const MAX_PAYLOAD_BYTES = 1024 * 1024

/** The user-facing text of each terminal reason. */
export const terminalReasonText: Record<TerminalReason, string> = {
  'room-not-found': 'Room not found',
  'not-participant': 'You are not a participant of this room',
  'session-expired': 'Your session has expired. Sign in again to continue.',
}

/** ws/wss URL of a room's chat socket: no trailing slash, path parts encoded. */
export function chatSocketUrl(baseUrl: string, host: string, slug: string): string {
  const base = new URL(baseUrl)
  const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${base.host}/ws/chat/${encodeURIComponent(host)}/${encodeURIComponent(slug)}`
}

/** The text of the 5th-failure event, for the native notification. */
export function failedText(maxAttempts: number): string {
  return `Connection failed after ${maxAttempts} attempts`
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

function byteLength(data: Buffer | ArrayBuffer | Buffer[]): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0)
  return data instanceof ArrayBuffer ? data.byteLength : data.length
}

/** Starts a room connection in the `disconnected` state; call open() to connect. */
export function createRoomConnection(deps: RoomConnectionDeps): RoomConnection {
  const { clock, policy } = deps
  const url = chatSocketUrl(deps.baseUrl, deps.host, deps.slug)
  const origin = new URL(deps.baseUrl).origin

  let snap: ConnectionSnapshot = {
    state: 'disconnected',
    attempt: 0,
    maxAttempts: policy.maxAttempts,
    nextRetryAt: null,
    reason: null,
    terminal: null,
  }
  /** Reconnect attempt of the current streak (0 = first connection or after a stable one). */
  let attempt = 0
  /** Once `maxAttempts` failed: keep the slow retry going without re-notifying. */
  let exhausted = false
  let forbiddenRetried = false
  let socket: SocketLike | null = null
  /** Bumped whenever the current try is abandoned; stale callbacks compare and bail out. */
  let generation = 0
  let retryTimer: TimerHandle | null = null
  let connectTimer: TimerHandle | null = null
  let uptimeTimer: TimerHandle | null = null
  let pingTimer: TimerHandle | null = null
  let pongTimer: TimerHandle | null = null
  let openedAt: number | null = null

  /** The single place the observable state changes. */
  function transition(state: ConnectionState, patch: Partial<ConnectionSnapshot> = {}): void {
    const next: ConnectionSnapshot = {
      state,
      attempt: state === 'connected' || state === 'disconnected' ? 0 : attempt,
      maxAttempts: policy.maxAttempts,
      nextRetryAt: null,
      reason: null,
      terminal: null,
      ...patch,
    }
    const same = (Object.keys(next) as (keyof ConnectionSnapshot)[]).every(
      (k) => next[k] === snap[k],
    )
    snap = next
    if (!same) safely(() => deps.onStateChange({ ...next }))
  }

  function safely(fn: () => void): void {
    try {
      fn()
    } catch (error) {
      console.error(`room ${deps.host}/${deps.slug}: listener failed`, error)
    }
  }

  function clear(timer: TimerHandle | null): null {
    if (timer !== null) clock.clearTimeout(timer)
    return null
  }

  function stopTimers(): void {
    retryTimer = clear(retryTimer)
    connectTimer = clear(connectTimer)
    uptimeTimer = clear(uptimeTimer)
    pingTimer = clear(pingTimer)
    pongTimer = clear(pongTimer)
  }

  /** Forgets the current socket: no more events from it, and it is closed or killed. */
  function dropSocket(how: 'close' | 'terminate'): void {
    const s = socket
    socket = null
    openedAt = null
    if (!s) return
    s.removeAllListeners()
    // ws reports an aborted handshake as 'error'; an unheard 'error' would throw.
    s.on('error', () => undefined)
    try {
      if (how === 'close' && s.readyState === OPEN) s.close(1000, 'closed by client')
      else s.terminate()
    } catch {
      // Already gone.
    }
  }

  async function connect(): Promise<void> {
    const gen = ++generation
    stopTimers()
    dropSocket('terminate')
    transition(attempt === 0 && !exhausted ? 'connecting' : 'reconnecting')
    let token: string
    try {
      token = await deps.getToken()
    } catch (error) {
      if (gen !== generation) return
      if (error instanceof AppError && error.code === 'session-expired')
        return terminal('session-expired')
      return failed(`Could not get a token: ${messageOf(error)}`)
    }
    if (gen !== generation) return
    let s: SocketLike
    try {
      s = deps.createWebSocket(url, {
        headers: { Cookie: `JWT=${token}`, Origin: origin },
        handshakeTimeout: policy.connectTimeoutMs,
        maxPayload: MAX_PAYLOAD_BYTES,
      })
    } catch (error) {
      return failed(`Could not open ${url}: ${messageOf(error)}`)
    }
    socket = s
    let rejectedWith: number | null = null
    let lastError: string | null = null
    connectTimer = clock.setTimeout(() => {
      connectTimer = null
      if (gen !== generation) return
      dropSocket('terminate')
      failed(`No answer from the server within ${policy.connectTimeoutMs} ms`)
    }, policy.connectTimeoutMs)

    s.on('open', () => {
      if (gen !== generation) return
      connectTimer = clear(connectTimer)
      onOpened()
    })
    s.on('unexpected-response', (_req, res) => {
      if (gen !== generation) return
      rejectedWith = res.statusCode ?? 0
      // With a listener attached, ws leaves the request hanging: end it ourselves.
      s.terminate()
    })
    s.on('error', (error) => {
      if (gen === generation) lastError = error.message
    })
    s.on('close', (code) => {
      if (gen !== generation) return
      const wasOpenFor = openedAt === null ? null : clock.now() - openedAt
      socket = null
      openedAt = null
      stopTimers()
      if (rejectedWith === 403) return void onForbidden(gen)
      if (rejectedWith !== null)
        return failed(`The server refused the connection (HTTP ${rejectedWith})`)
      if (wasOpenFor !== null && wasOpenFor >= policy.minUptimeMs) resetStreak()
      failed(
        wasOpenFor === null
          ? `Could not connect: ${lastError ?? `closed with code ${code}`}`
          : `The connection dropped (code ${code})`,
      )
    })
    s.on('message', (data, isBinary) => {
      if (gen !== generation) return
      if (isBinary)
        return safely(() =>
          deps.onInvalidFrame(`binary frame of ${byteLength(data)} bytes ignored`),
        )
      const decoded = decodeServerFrame(frameText(data))
      if (decoded.ok) safely(() => deps.onFrame(decoded.value))
      else safely(() => deps.onInvalidFrame(decoded.reason))
    })
    s.on('pong', () => {
      if (gen === generation) pongTimer = clear(pongTimer)
    })
  }

  function onOpened(): void {
    openedAt = clock.now()
    forbiddenRetried = false
    transition('connected')
    // A drop before minUptime counts as a failed attempt: only a stable connection resets.
    uptimeTimer = clock.setTimeout(() => {
      uptimeTimer = null
      resetStreak()
    }, policy.minUptimeMs)
    schedulePing()
    safely(() => deps.onOpen())
  }

  function resetStreak(): void {
    attempt = 0
    exhausted = false
  }

  function schedulePing(): void {
    pingTimer = clear(pingTimer)
    pingTimer = clock.setTimeout(() => {
      pingTimer = null
      ping()
      schedulePing()
    }, policy.heartbeatIntervalMs)
  }

  /** Sends a ping unless one is already waiting; no pong in time means the socket is dead. */
  function ping(): void {
    const s = socket
    if (!s || snap.state !== 'connected' || pongTimer !== null) return
    const gen = generation
    pongTimer = clock.setTimeout(() => {
      pongTimer = null
      if (gen !== generation) return
      // Half-open TCP never closes by itself: kill it and reconnect.
      const upFor = openedAt === null ? 0 : clock.now() - openedAt
      ++generation
      stopTimers()
      dropSocket('terminate')
      if (upFor >= policy.minUptimeMs) resetStreak()
      failed(`No answer to a heartbeat within ${policy.heartbeatTimeoutMs} ms`)
    }, policy.heartbeatTimeoutMs)
    try {
      s.ping()
    } catch {
      // A dying socket: the pong timeout or its close event handles it.
    }
  }

  async function onForbidden(gen: number): Promise<void> {
    if (!forbiddenRetried) {
      // A 403 is most often a token that just expired: refresh and retry once, at once.
      forbiddenRetried = true
      try {
        await deps.refreshToken()
      } catch (error) {
        if (gen !== generation) return
        if (error instanceof AppError && error.code === 'session-expired')
          return terminal('session-expired')
        return failed(
          `The server refused the connection and the token refresh failed: ${messageOf(error)}`,
        )
      }
      if (gen === generation) void connect()
      return
    }
    let reason: TerminalReason | null
    try {
      reason = await deps.classifyRejection()
    } catch (error) {
      if (gen !== generation) return
      return failed(`The server refused the connection (HTTP 403): ${messageOf(error)}`)
    }
    if (gen !== generation) return
    if (reason) return terminal(reason)
    failed('The server refused the connection (HTTP 403)')
  }

  function terminal(reason: TerminalReason): void {
    ++generation
    stopTimers()
    dropSocket('terminate')
    transition('error', { reason: terminalReasonText[reason], terminal: reason })
  }

  /** One failed try (or a drop): schedule the next attempt, or go `failed` after the last one. */
  function failed(reason: string): void {
    ++generation
    stopTimers()
    dropSocket('terminate')
    if (!exhausted && attempt >= policy.maxAttempts) {
      exhausted = true
      const text = failedText(policy.maxAttempts)
      scheduleRetry('failed', slowRetryDelay(policy, deps.random), `${text}: ${reason}`)
      safely(() => deps.onFailed(text))
      return
    }
    if (exhausted)
      return scheduleRetry(
        'failed',
        slowRetryDelay(policy, deps.random),
        `${failedText(policy.maxAttempts)}: ${reason}`,
      )
    attempt += 1
    scheduleRetry('reconnecting', reconnectDelay(attempt, policy, deps.random), reason)
  }

  function scheduleRetry(state: 'reconnecting' | 'failed', delay: number, reason: string): void {
    const gen = generation
    retryTimer = clock.setTimeout(() => {
      retryTimer = null
      if (gen === generation) void connect()
    }, delay)
    transition(state, {
      nextRetryAt: clock.now() + delay,
      reason,
      attempt: state === 'failed' ? policy.maxAttempts : attempt,
    })
  }

  function tryNow(): void {
    resetStreak()
    forbiddenRetried = false
    void connect()
  }

  return {
    get snapshot() {
      return { ...snap }
    },
    open() {
      if (snap.state === 'disconnected') void connect()
    },
    close() {
      ++generation
      stopTimers()
      dropSocket('close')
      resetStreak()
      forbiddenRetried = false
      transition('disconnected')
    },
    send(frame: ClientFrame): boolean {
      const s = socket
      if (!s || snap.state !== 'connected' || s.readyState !== OPEN) return false
      const encoded = encodeClientFrame(frame)
      if (!encoded.ok) return false
      try {
        s.send(encoded.value)
        return true
      } catch {
        return false
      }
    },
    retryNow() {
      // A try already in flight is not interrupted; a scheduled one is brought forward.
      if (snap.state === 'error' || retryTimer !== null) tryNow()
    },
    nudge() {
      if (snap.state === 'connected') return ping()
      // A terminal error needs the user (sign in, join): the network coming back changes nothing.
      if (retryTimer !== null) tryNow()
    },
  }
}
