/**
 * Notices the network coming back. Electron's main process has no 'online' event, so this polls
 * `net.isOnline()` (cheap: it reads the OS's connectivity state) and calls `onBackOnline` on each
 * offline → online transition, so sockets reconnect at once instead of waiting out a backoff.
 */
import type { Clock, TimerHandle } from '../../ports'

/** How often connectivity is checked by default. */
export const ONLINE_POLL_MS = 5000

export interface OnlineWatch {
  stop(): void
}

/** Starts polling `isOnline` every `intervalMs` on the injected clock. */
export function watchOnline(deps: {
  isOnline: () => boolean
  onBackOnline: () => void
  clock: Clock
  intervalMs?: number
}): OnlineWatch {
  const interval = deps.intervalMs ?? ONLINE_POLL_MS
  let online = safeIsOnline(deps.isOnline, true)
  let timer: TimerHandle | null = null
  let stopped = false

  function tick(): void {
    const now = safeIsOnline(deps.isOnline, online)
    const cameBack = now && !online
    online = now
    if (cameBack) {
      try {
        deps.onBackOnline()
      } catch {
        // A failing listener must not stop the watch; the core reports its own errors.
      }
    }
    if (!stopped) timer = deps.clock.setTimeout(tick, interval)
  }

  timer = deps.clock.setTimeout(tick, interval)
  return {
    stop() {
      stopped = true
      if (timer !== null) deps.clock.clearTimeout(timer)
      timer = null
    },
  }
}

function safeIsOnline(isOnline: () => boolean, fallback: boolean): boolean {
  try {
    return isOnline()
  } catch {
    return fallback
  }
}
