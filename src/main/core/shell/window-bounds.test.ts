import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_WINDOW_SIZE, defaultBounds, restoreBounds } from './window-bounds'
import type { Rect } from './window-bounds'

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 }
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

function inside(r: Rect, area: Rect): boolean {
  return (
    r.x >= area.x &&
    r.y >= area.y &&
    r.x + r.width <= area.x + area.width &&
    r.y + r.height <= area.y + area.height
  )
}

describe('restoreBounds', () => {
  it('keeps saved bounds that are fully visible', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700 }
    expect(restoreBounds(saved, [laptop])).toEqual(saved)
  })

  it('keeps a window on a second monitor while it is plugged in', () => {
    const saved = { x: 2100, y: 100, width: 1200, height: 800 }
    expect(restoreBounds(saved, [laptop, rightMonitor])).toEqual(saved)
  })

  it('resets a window whose monitor was unplugged to the default, centred on the primary', () => {
    const saved = { x: 2100, y: 100, width: 1200, height: 800 }
    const restored = restoreBounds(saved, [laptop])
    expect(restored).toEqual(defaultBounds(laptop))
    expect(restored.width).toBe(DEFAULT_WINDOW_SIZE.width)
    expect(inside(restored, laptop)).toBe(true)
  })

  it('resets a window whose title bar is above the screen (unreachable)', () => {
    expect(restoreBounds({ x: 100, y: -500, width: 800, height: 600 }, [laptop])).toEqual(
      defaultBounds(laptop),
    )
  })

  it('pulls a partly visible window back onto the display', () => {
    const restored = restoreBounds({ x: 1500, y: 900, width: 1000, height: 700 }, [laptop])
    expect(restored).toEqual({ x: 920, y: 350, width: 1000, height: 700 })
  })

  it('shrinks a window larger than the display it is on', () => {
    const restored = restoreBounds({ x: 10, y: 10, width: 5000, height: 3000 }, [laptop])
    expect(restored).toEqual(laptop)
  })

  it('treats garbage as nothing saved', () => {
    for (const bad of [
      null,
      { x: Number.NaN, y: 0, width: 800, height: 600 },
      { x: 0, y: 0, width: 0, height: 600 },
      { x: 0, y: 0, width: -5, height: 600 },
      { x: Infinity, y: 0, width: 800, height: 600 },
    ]) {
      expect(restoreBounds(bad, [laptop])).toEqual(defaultBounds(laptop))
    }
  })

  it('works with no displays reported at all', () => {
    const r = restoreBounds(null, [])
    expect(r.width).toBe(DEFAULT_WINDOW_SIZE.width)
  })

  it('fits the default into a display smaller than the default size', () => {
    const tiny = { x: 0, y: 0, width: 800, height: 600 }
    expect(defaultBounds(tiny)).toEqual(tiny)
  })

  it('always returns bounds fully inside one of the work areas', () => {
    const rect = fc.record({
      x: fc.integer({ min: -10_000, max: 10_000 }),
      y: fc.integer({ min: -10_000, max: 10_000 }),
      width: fc.integer({ min: 1, max: 8000 }),
      height: fc.integer({ min: 1, max: 5000 }),
    })
    const area = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -4000, max: 4000 }),
      width: fc.integer({ min: 300, max: 4000 }),
      height: fc.integer({ min: 300, max: 3000 }),
    })
    fc.assert(
      fc.property(rect, fc.array(area, { minLength: 1, maxLength: 3 }), (saved, areas) => {
        const r = restoreBounds(saved, areas)
        return areas.some((a) => inside(r, a))
      }),
    )
  })
})
