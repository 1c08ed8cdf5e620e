import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SLOT_BLOCK, messageIndexes, planRowSync, slotCount } from './row-slots'

describe('slotCount', () => {
  it('rounds up to whole blocks with at least one spare slot', () => {
    expect(slotCount(0, 0, 10)).toBe(10)
    expect(slotCount(0, 9, 10)).toBe(10)
    expect(slotCount(0, 10, 10)).toBe(20)
    expect(slotCount(0, 100_000)).toBe(25 * SLOT_BLOCK)
  })

  it('keeps the count while appends fit and removals leave at most two spare blocks', () => {
    expect(slotCount(20, 11, 10)).toBe(20)
    expect(slotCount(20, 19, 10)).toBe(20)
    expect(slotCount(20, 20, 10)).toBe(30)
    expect(slotCount(40, 20, 10)).toBe(40)
    expect(slotCount(40, 19, 10)).toBe(20)
  })

  it('always holds every message plus a placeholder, never more than three blocks over', () => {
    fc.assert(
      fc.property(fc.nat(50_000), fc.nat(50_000), fc.integer({ min: 1, max: 5000 }), (c, n, b) => {
        const slots = slotCount(c, n, b)
        expect(slots).toBeGreaterThan(n)
        expect(slots - n).toBeLessThanOrEqual(2 * b)
      }),
    )
  })
})

describe('planRowSync', () => {
  const slots = slotCount(0, 100)

  it('re-indexes an append from its first new row, without a rebuild', () => {
    expect(planRowSync(100, slots, 130, 100)).toEqual({ slots, rebuild: false, appendFrom: 100 })
  })

  it('does nothing when no row moved (edits in place)', () => {
    expect(planRowSync(100, slots, 100, Infinity)).toEqual({
      slots,
      rebuild: false,
      appendFrom: null,
    })
  })

  it('rebuilds when an earlier row moved, was removed or the history was reset', () => {
    expect(planRowSync(100, slots, 99, 40).rebuild).toBe(true)
    expect(planRowSync(100, slots, 101, 99).rebuild).toBe(true)
    expect(planRowSync(100, slots, 100, 0).rebuild).toBe(true)
  })

  it('rebuilds when the slot count has to grow', () => {
    const plan = planRowSync(100, slots, slots, 100)
    expect(plan).toEqual({ slots: slots + SLOT_BLOCK, rebuild: true, appendFrom: null })
  })
})

describe('messageIndexes', () => {
  it('adds the overscan and stops at the last message', () => {
    expect(messageIndexes({ startIndex: 10, endIndex: 12, overscan: 2 }, 100)).toEqual([
      8, 9, 10, 11, 12, 13, 14,
    ])
    expect(messageIndexes({ startIndex: 0, endIndex: 4095, overscan: 8 }, 3)).toEqual([0, 1, 2])
    expect(messageIndexes({ startIndex: 0, endIndex: 4095, overscan: 8 }, 0)).toEqual([])
  })
})
