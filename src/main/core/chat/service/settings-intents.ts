/**
 * The chat service's settings part: the one copy of the user's settings in the running app (the
 * shell only persists it), and opening links in the system browser.
 */
import type { ChatBackend, Settings } from '../../../../shared/ipc-contract'
import { AppError } from '../../../../shared/errors'
import { safeExternalUrl } from '../../shell/external-url'

export interface SettingsIntentsDeps {
  /** Settings loaded by the shell; defaults to message notifications on. */
  initial?: Settings
  /** Called after each change so the shell can persist it. */
  onChanged?: (settings: Settings) => void
  /** shell.openExternal in Electron, a recorder in tests. */
  openExternal?: (url: string) => void
}

/** The settings calls, plus the current settings for the rest of the service. */
export interface SettingsIntents extends Pick<
  ChatBackend,
  'getSettings' | 'updateSettings' | 'openExternal'
> {
  current(): Readonly<Settings>
}

/** Creates the settings part. */
export function createSettingsIntents(deps: SettingsIntentsDeps): SettingsIntents {
  let settings: Settings = { messageNotifications: true, logLevel: 'info', ...deps.initial }
  return {
    current: () => settings,
    getSettings: () => ({ ...settings }),
    updateSettings(patch) {
      settings = { ...settings, ...patch }
      deps.onChanged?.({ ...settings })
      return { ...settings }
    },
    openExternal(url) {
      const safe = safeExternalUrl(url)
      if (!safe) throw new AppError('invalid-argument', 'Only http and https links can be opened.')
      deps.openExternal?.(safe)
      return null
    },
  }
}
