import { afterEach, describe, expect, it, vi } from 'vitest'
import { whenIdle } from './when-idle'

describe('whenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('uses requestIdleCallback with the timeout, and cancels through it', () => {
    const pending = new Map<number, () => void>()
    vi.stubGlobal('requestIdleCallback', (fn: () => void, opts: { timeout: number }) => {
      expect(opts.timeout).toBe(300)
      pending.set(7, fn)
      return 7
    })
    vi.stubGlobal('cancelIdleCallback', (id: number) => pending.delete(id))
    const task = vi.fn()
    const cancel = whenIdle(task, 300)
    expect(task).not.toHaveBeenCalled()
    pending.get(7)!()
    expect(task).toHaveBeenCalledOnce()
    cancel()
    expect(pending.size).toBe(0)
  })

  it('falls back to a zero timeout without idle callbacks; cancelling stops it', () => {
    vi.stubGlobal('requestIdleCallback', undefined)
    vi.useFakeTimers()
    const run = vi.fn()
    const dropped = vi.fn()
    whenIdle(run)
    whenIdle(dropped)()
    vi.runAllTimers()
    expect(run).toHaveBeenCalledOnce()
    expect(dropped).not.toHaveBeenCalled()
  })
})
