/** A manual Clock for unit tests: time moves only when the test says so. */
import type { Clock, TimerHandle } from '../ports'

interface Timer {
  id: number
  at: number
  fn: () => void
}

/** Deterministic clock: `advance(ms)` runs every timer that falls due, in time order. */
export class FakeClock implements Clock {
  private timers: Timer[] = []
  private nextId = 1

  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn }
    this.timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle)
  }

  /** Delays of the pending timers from now, soonest first. */
  pending(): number[] {
    return this.timers.map((t) => t.at - this.current).sort((a, b) => a - b)
  }

  /** Moves time forward, firing due timers (including ones they schedule) in order. */
  advance(ms: number): void {
    const end = this.current + ms
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)
      const next = due[0]
      if (!next) break
      this.timers = this.timers.filter((t) => t !== next)
      this.current = Math.max(this.current, next.at)
      next.fn()
    }
    this.current = end
  }

  /** Jumps the wall clock without firing timers (a suspended laptop waking up). */
  jump(ms: number): void {
    this.current += ms
  }
}
