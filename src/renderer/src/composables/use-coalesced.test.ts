import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { useCoalesced } from './use-coalesced'

describe('useCoalesced', () => {
  afterEach(() => vi.useRealTimers())

  it('passes a lone change at once and folds a burst into one update per interval', () => {
    vi.useFakeTimers()
    const source = ref(0)
    const scope = effectScope()
    const shown = scope.run(() =>
      useCoalesced(
        () => source.value,
        80,
        () => Date.now(),
      ),
    )!
    source.value = 1
    expect(shown.value).toBe(1)
    source.value = 2
    source.value = 3
    expect(shown.value).toBe(1)
    vi.advanceTimersByTime(80)
    expect(shown.value).toBe(3)
    vi.advanceTimersByTime(1000)
    source.value = 4
    expect(shown.value).toBe(4)
    source.value = 5
    scope.stop()
    vi.advanceTimersByTime(200)
    expect(shown.value).toBe(4)
  })
})
