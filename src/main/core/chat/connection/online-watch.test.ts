import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchOnline } from './online-watch'
import type { Clock } from '../../ports'

// Fake timers drive the injected clock, so no test waits for real time.
const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

describe('watchOnline', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('calls back once per offline → online transition', () => {
    let online = true
    const onBackOnline = vi.fn()
    const watch = watchOnline({ isOnline: () => online, onBackOnline, clock, intervalMs: 1000 })
    vi.advanceTimersByTime(3000)
    expect(onBackOnline).not.toHaveBeenCalled()
    online = false
    vi.advanceTimersByTime(3000)
    online = true
    vi.advanceTimersByTime(1000)
    expect(onBackOnline).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(5000)
    expect(onBackOnline).toHaveBeenCalledTimes(1)
    watch.stop()
  })

  it('notices coming back when it started offline', () => {
    let online = false
    const onBackOnline = vi.fn()
    const watch = watchOnline({ isOnline: () => online, onBackOnline, clock, intervalMs: 1000 })
    vi.advanceTimersByTime(1000)
    online = true
    vi.advanceTimersByTime(1000)
    expect(onBackOnline).toHaveBeenCalledTimes(1)
    watch.stop()
  })

  it('stops polling when stopped', () => {
    const isOnline = vi.fn(() => true)
    const watch = watchOnline({ isOnline, onBackOnline: () => {}, clock, intervalMs: 1000 })
    vi.advanceTimersByTime(2000)
    const calls = isOnline.mock.calls.length
    watch.stop()
    vi.advanceTimersByTime(10_000)
    expect(isOnline.mock.calls.length).toBe(calls)
  })

  it('survives a throwing probe and a throwing listener', () => {
    let mode: 'throw' | 'offline' | 'online' = 'throw'
    const isOnline = () => {
      if (mode === 'throw') throw new Error('no network service')
      return mode === 'online'
    }
    const onBackOnline = vi.fn(() => {
      throw new Error('listener broke')
    })
    const watch = watchOnline({ isOnline, onBackOnline, clock, intervalMs: 1000 })
    vi.advanceTimersByTime(1000)
    mode = 'offline'
    vi.advanceTimersByTime(1000)
    mode = 'online'
    vi.advanceTimersByTime(1000)
    mode = 'offline'
    vi.advanceTimersByTime(1000)
    mode = 'online'
    vi.advanceTimersByTime(1000)
    expect(onBackOnline).toHaveBeenCalledTimes(2)
    watch.stop()
  })
})
