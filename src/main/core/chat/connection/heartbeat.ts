/**
 * Liveness of one open socket: a ping every interval and a deadline for its pong. A half-open TCP
 * connection never closes by itself; a missing pong is how it is noticed.
 */
import type { Clock, TimerHandle } from '../../ports'

/** A running heartbeat; stop() it when the socket goes away. */
export interface Heartbeat {
  /** Pings now unless a ping is already waiting for its pong (OS resume, network back). */
  probe(): void
  /** The pong arrived: the socket is alive. */
  pong(): void
  stop(): void
}

/** Starts pinging every `intervalMs`; calls `onDead` once if a pong is `timeoutMs` late. */
export function startHeartbeat(opts: {
  clock: Clock
  intervalMs: number
  timeoutMs: number
  ping: () => void
  onDead: () => void
}): Heartbeat {
  const { clock } = opts
  let tick: TimerHandle | null = null
  let deadline: TimerHandle | null = null
  let stopped = false

  const schedule = () => {
    tick = clock.setTimeout(() => {
      tick = null
      probe()
      if (!stopped) schedule()
    }, opts.intervalMs)
  }

  const stop = () => {
    stopped = true
    if (tick !== null) clock.clearTimeout(tick)
    if (deadline !== null) clock.clearTimeout(deadline)
    tick = deadline = null
  }

  const probe = () => {
    if (stopped || deadline !== null) return
    deadline = clock.setTimeout(() => {
      deadline = null
      stop()
      opts.onDead()
    }, opts.timeoutMs)
    try {
      opts.ping()
    } catch {
      // A dying socket: the deadline or its close event settles it.
    }
  }

  schedule()
  return {
    probe,
    pong() {
      if (deadline !== null) clock.clearTimeout(deadline)
      deadline = null
    },
    stop,
  }
}
