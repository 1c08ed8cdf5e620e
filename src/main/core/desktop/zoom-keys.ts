/**
 * Zoom keys as the window sees them (before-input-event): Ctrl/Cmd with +, =, −, 0 on the main
 * keyboard or the keypad. Menu accelerators alone miss Ctrl+= (plus without Shift on US layouts)
 * and the keypad on Linux and Windows, so the window handles all of them and the menu only shows them.
 */
import type { ZoomCommand } from './zoom'

/** The parts of Electron's Input this needs. */
export interface KeyInput {
  type: string
  key: string
  code: string
  control: boolean
  meta: boolean
  alt: boolean
}

/** The zoom command a key press means, or null. */
export function zoomCommandForKey(input: KeyInput, platform: NodeJS.Platform): ZoomCommand | null {
  if (input.type !== 'keyDown' || input.alt) return null
  const modifier = platform === 'darwin' ? input.meta : input.control
  if (!modifier) return null
  if (input.key === '+' || input.key === '=' || input.code === 'NumpadAdd') return 'zoom-in'
  if (input.key === '-' || input.key === '_' || input.code === 'NumpadSubtract') return 'zoom-out'
  if (input.key === '0' || input.code === 'Numpad0' || input.code === 'Digit0') return 'zoom-reset'
  return null
}
