/**
 * One WebSocket per open room (docs/protocol.md §4): cookie handshake, linear backoff with jitter and a
 * slow retry that never gives up, a ping/pong heartbeat that catches half-open TCP, and the
 * "refresh once, then ask GraphQL why" rule for handshake 403s. One `state` field, one
 * `transition()`: every change is observable through onStateChange.
 */
import { AppError } from '../../../../shared/errors'
import { idleConnection } from '../room-summary'
import type {
  ConnectionSnapshot,
  ConnectionState,
  TerminalReason,
} from '../../../../shared/ipc-contract'
import { encodeClientFrame } from '../../../../shared/frames'
import type { ClientFrame } from '../../../../shared/frames'
import { planRetry } from './backoff'
import { startHeartbeat } from './heartbeat'
import type { Heartbeat } from './heartbeat'
import { decodeInbound } from './inbound-frame'
import type {
  RoomConnection,
  RoomConnectionDeps,
  SendOutcome,
  SocketLike,
  TimerHandle,
} from '../../ports'
import { chatSocketUrl, failedText, handshakeHeaders, terminalReasonText } from './room-socket'

export { chatSocketUrl, failedText, terminalReasonText }

/** ws readyState OPEN. */
const OPEN = 1
const SENT: SendOutcome = { sent: true }
const NOT_OPEN: SendOutcome = { sent: false, reason: 'not-open' }
/** Chat frames are at most 500 code points; anything near this size is not a chat frame. */
const MAX_PAYLOAD_BYTES = 1024 * 1024

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Starts a room connection in the `disconnected` state; call open() to connect. */
export function createRoomConnection(deps: RoomConnectionDeps): RoomConnection {
  const { clock, policy } = deps
  const url = chatSocketUrl(deps.baseUrl, deps.host, deps.slug)

  let snap: ConnectionSnapshot = idleConnection(policy)
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
  let heartbeat: Heartbeat | null = null
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
      listenerFailed(error)
    }
  }

  function listenerFailed(error: unknown): void {
    console.error(`room ${deps.host}/${deps.slug}: listener failed`, error)
  }

  function clear(timer: TimerHandle | null): null {
    if (timer !== null) clock.clearTimeout(timer)
    return null
  }

  function stopTimers(): void {
    retryTimer = clear(retryTimer)
    connectTimer = clear(connectTimer)
    uptimeTimer = clear(uptimeTimer)
    heartbeat?.stop()
    heartbeat = null
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
        headers: handshakeHeaders(deps.baseUrl, token),
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
          : // The socket's own error says why it died (e.g. a frame over maxPayload).
            `The connection dropped (code ${code}${lastError ? `: ${lastError}` : ''})`,
      )
    })
    s.on('message', (data, isBinary) => {
      if (gen !== generation) return
      const decoded = decodeInbound(data, isBinary)
      // safely() inlined: this runs per frame, and a closure per frame is garbage per frame.
      try {
        if (decoded.ok) deps.onFrame(decoded.value)
        else deps.onInvalidFrame(decoded.reason)
      } catch (error) {
        listenerFailed(error)
      }
    })
    s.on('pong', () => {
      if (gen === generation) heartbeat?.pong()
    })
  }

  function onOpened(): void {
    openedAt = clock.now()
    forbiddenRetried = false
    const s = socket
    const gen = generation
    // A drop before minUptime counts as a failed attempt: only a stable connection resets.
    uptimeTimer = clock.setTimeout(() => {
      uptimeTimer = null
      resetStreak()
    }, policy.minUptimeMs)
    heartbeat = startHeartbeat({
      clock,
      intervalMs: policy.heartbeatIntervalMs,
      timeoutMs: policy.heartbeatTimeoutMs,
      ping: () => s?.ping(),
      onDead: () => {
        if (gen !== generation) return
        // Half-open TCP never closes by itself: kill it and reconnect.
        const upFor = openedAt === null ? 0 : clock.now() - openedAt
        if (upFor >= policy.minUptimeMs) resetStreak()
        failed(`No answer to a heartbeat within ${policy.heartbeatTimeoutMs} ms`)
      },
    })
    transition('connected')
    // A state listener may already have closed us.
    if (gen === generation) safely(() => deps.onOpen())
  }

  function resetStreak(): void {
    attempt = 0
    exhausted = false
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
    const plan = planRetry({ attempt, exhausted }, policy, deps.random)
    attempt = plan.attempt
    exhausted = plan.exhausted
    const text = plan.state === 'failed' ? `${failedText(policy.maxAttempts)}: ${reason}` : reason
    scheduleRetry(plan.state, plan.delayMs, text)
    if (plan.notifyFailed) safely(() => deps.onFailed(failedText(policy.maxAttempts)))
  }

  function scheduleRetry(state: 'reconnecting' | 'failed', delay: number, reason: string): void {
    const gen = generation
    retryTimer = clock.setTimeout(() => {
      retryTimer = null
      if (gen === generation) void connect()
    }, delay)
    transition(state, { nextRetryAt: clock.now() + delay, reason })
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
    send(frame: ClientFrame): SendOutcome {
      const s = socket
      if (!s || snap.state !== 'connected' || s.readyState !== OPEN) return NOT_OPEN
      const encoded = encodeClientFrame(frame)
      if (!encoded.ok) return { sent: false, reason: 'invalid', detail: encoded.reason }
      try {
        s.send(encoded.value)
        return SENT
      } catch {
        return NOT_OPEN
      }
    },
    retryNow() {
      // A try already in flight is not interrupted; a scheduled one is brought forward.
      if (snap.state === 'error' || retryTimer !== null) tryNow()
    },
    nudge() {
      if (snap.state === 'connected') return heartbeat?.probe()
      // A terminal error needs the user (sign in, join): the network coming back changes nothing.
      if (retryTimer !== null) tryNow()
    },
  }
}
