/**
 * Window geometry, pure: which saved bounds to restore given the displays that exist now. A window
 * saved on a monitor that has since been unplugged must come back somewhere the user can see it.
 */

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The window's size when nothing usable was saved. */
export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 720 } as const
/** The smallest window the UI is laid out for. */
export const MIN_WINDOW_SIZE = { width: 640, height: 420 } as const

/** How much of the title bar must be on a display for the window to count as reachable. */
const GRAB_HEIGHT = 32
const GRAB_WIDTH = 120

function isFiniteRect(r: Rect): boolean {
  return (
    [r.x, r.y, r.width, r.height].every((n) => Number.isFinite(n)) && r.width > 0 && r.height > 0
  )
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width: Math.max(0, width), height: Math.max(0, height) }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}

/** Default bounds: the default size, shrunk to fit, centred on the given work area. */
export function defaultBounds(workArea: Rect): Rect {
  const width = Math.min(DEFAULT_WINDOW_SIZE.width, workArea.width)
  const height = Math.min(DEFAULT_WINDOW_SIZE.height, workArea.height)
  return {
    x: Math.round(workArea.x + (workArea.width - width) / 2),
    y: Math.round(workArea.y + (workArea.height - height) / 2),
    width,
    height,
  }
}

/**
 * The bounds to open the window with. Saved bounds are kept when their title bar is reachable on
 * some display (then size and position are clamped into that display's work area); otherwise, or
 * when nothing valid was saved, the default bounds on the primary work area (the first one).
 */
export function restoreBounds(saved: Rect | null, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }
  if (!saved || !isFiniteRect(saved)) return defaultBounds(primary)
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: GRAB_HEIGHT }
  let best: Rect | null = null
  let bestArea = 0
  for (const area of workAreas) {
    const o = overlap(titleBar, area)
    const reachable = o.height > 0 && o.width >= Math.min(GRAB_WIDTH, saved.width)
    if (reachable && o.width * o.height > bestArea) {
      best = area
      bestArea = o.width * o.height
    }
  }
  if (!best) return defaultBounds(primary)
  const width = clamp(
    Math.round(saved.width),
    Math.min(MIN_WINDOW_SIZE.width, best.width),
    best.width,
  )
  const height = clamp(
    Math.round(saved.height),
    Math.min(MIN_WINDOW_SIZE.height, best.height),
    best.height,
  )
  return {
    x: clamp(Math.round(saved.x), best.x, best.x + best.width - width),
    y: clamp(Math.round(saved.y), best.y, best.y + best.height - height),
    width,
    height,
  }
}
