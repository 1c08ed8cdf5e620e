/** The real time source; tests inject a fake Clock instead (see ports.ts). */
import type { Clock, TimerHandle } from './ports'

/** Wall-clock time and Node timers. Timers are unref'd so a pending retry never keeps Node alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = setTimeout(fn, Math.max(0, ms))
    handle.unref?.()
    return handle
  },
  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>)
  },
}
