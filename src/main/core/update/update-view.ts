/**
 * What the user sees of updates, as data: the Help menu's item, the tray's item (only once a
 * download is ready), and the answer to a "Check for updates…" the user asked for.
 */
import { text } from '../../../shared/i18n'
import type { UpdatePhase } from './updater'

/**
 * Why updates are off, as codes the shell passes (app-updates.ts) and the log shows; the answer to
 * a check words them in the user's language.
 */
export const UPDATES_OFF = {
  development: 'development-build',
  disabled: 'disabled-by-environment',
} as const

function offDetail(reason: string): string {
  if (reason === UPDATES_OFF.development) return text('update.offDevelopment')
  if (reason === UPDATES_OFF.disabled) return text('update.offDisabled')
  // Not a reason the shell gives; shown as it is rather than not at all.
  return reason
}

export type UpdateCommand = 'check-for-updates' | 'restart-to-update'

export interface UpdateMenuItem {
  label: string
  enabled: boolean
  command: UpdateCommand
}

/** The Help menu's update item in `phase`. */
export function updateMenuItem(phase: UpdatePhase): UpdateMenuItem {
  switch (phase.kind) {
    case 'off':
    case 'idle':
    case 'up-to-date':
    case 'failed':
      return {
        label: text('update.check'),
        enabled: phase.kind !== 'off',
        command: 'check-for-updates',
      }
    case 'checking':
      return { label: text('update.checking'), enabled: false, command: 'check-for-updates' }
    case 'downloading':
      return {
        label:
          phase.percent === null
            ? text('update.downloadingItem', { version: phase.version })
            : text('update.downloadingItemPercent', {
                version: phase.version,
                percent: phase.percent,
              }),
        enabled: false,
        command: 'check-for-updates',
      }
    case 'ready':
      return {
        label: text('update.restart', { version: phase.version }),
        enabled: true,
        command: 'restart-to-update',
      }
  }
}

/** The tray's update item: only "Restart to update" once one is downloaded. */
export function updateTrayItem(phase: UpdatePhase): UpdateMenuItem | null {
  return phase.kind === 'ready' ? updateMenuItem(phase) : null
}

/** The message box after a check the user asked for; null while a download is under way. */
export function manualCheckAnswer(
  phase: UpdatePhase,
): { kind: 'info' | 'error'; message: string; detail: string } | null {
  switch (phase.kind) {
    case 'off':
      return { kind: 'info', message: text('update.off'), detail: offDetail(phase.reason) }
    case 'up-to-date':
      return {
        kind: 'info',
        message: text('update.upToDate'),
        detail: text('update.upToDateDetail', { version: phase.version }),
      }
    case 'failed':
      return { kind: 'error', message: text('update.checkFailed'), detail: phase.message }
    case 'ready':
      return {
        kind: 'info',
        message: text('update.ready', { version: phase.version }),
        detail: text('update.readyDetail'),
      }
    case 'downloading':
      return {
        kind: 'info',
        message: text('update.downloading', { version: phase.version }),
        detail: text('update.downloadingDetail'),
      }
    case 'idle':
    case 'checking':
      return null
  }
}
