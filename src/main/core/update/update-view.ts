/**
 * What the user sees of updates, as data: the Help menu's item, the tray's item (only once a
 * download is ready), and the answer to a "Check for updates…" the user asked for.
 */
import type { UpdatePhase } from './updater'

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
        label: 'Check for Updates…',
        enabled: phase.kind !== 'off',
        command: 'check-for-updates',
      }
    case 'checking':
      return { label: 'Checking for Updates…', enabled: false, command: 'check-for-updates' }
    case 'downloading':
      return {
        label: `Downloading Update ${phase.version}${phase.percent === null ? '' : ` (${phase.percent} %)`}…`,
        enabled: false,
        command: 'check-for-updates',
      }
    case 'ready':
      return {
        label: `Restart to Update (${phase.version})`,
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
      return { kind: 'info', message: 'Updates are off', detail: `This is a ${phase.reason}.` }
    case 'up-to-date':
      return {
        kind: 'info',
        message: "You're up to date",
        detail: `EduSphere Desktop ${phase.version} is the newest version.`,
      }
    case 'failed':
      return { kind: 'error', message: 'Could not check for updates', detail: phase.message }
    case 'ready':
      return {
        kind: 'info',
        message: `Version ${phase.version} is ready`,
        detail: 'Restart EduSphere Desktop to update.',
      }
    case 'downloading':
      return {
        kind: 'info',
        message: `Downloading version ${phase.version}`,
        detail: "You'll be offered a restart when it is ready.",
      }
    case 'idle':
    case 'checking':
      return null
  }
}
