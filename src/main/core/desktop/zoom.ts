/**
 * Zoom steps for Ctrl +/−/0 and Ctrl+wheel: Chromium's own preset factors (what a browser user
 * expects), clamped, and snapped so a factor remembered from an older version still steps well.
 */

/** Chromium's zoom presets between 50 % and 300 %. */
export const ZOOM_FACTORS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const
export const DEFAULT_ZOOM = 1

export type ZoomCommand = 'zoom-in' | 'zoom-out' | 'zoom-reset'

/** The factor after `command` from `current`. */
export function nextZoom(current: number, command: ZoomCommand): number {
  if (command === 'zoom-reset' || !Number.isFinite(current)) return DEFAULT_ZOOM
  // Tolerates the float noise of a factor read back from the browser (1.0999999).
  const eps = 0.001
  if (command === 'zoom-in')
    return ZOOM_FACTORS.find((f) => f > current + eps) ?? ZOOM_FACTORS.at(-1)!
  return [...ZOOM_FACTORS].reverse().find((f) => f < current - eps) ?? ZOOM_FACTORS[0]
}

/** A stored factor made safe to apply: inside the presets' range, else the default. */
export function restoredZoom(stored: number | undefined): number {
  if (stored === undefined || !Number.isFinite(stored)) return DEFAULT_ZOOM
  return Math.min(ZOOM_FACTORS.at(-1)!, Math.max(ZOOM_FACTORS[0], stored))
}

/** "125 %" for a factor. */
export function zoomPercent(factor: number): string {
  return `${Math.round(factor * 100)} %`
}
