/**
 * The chat service's settings part: the one copy of the user's settings in the running app (the
 * shell only persists it), and opening links in the system browser.
 */
import type { ChatBackend, Settings } from '../../../../shared/ipc-contract'
import { AppError } from '../../../../shared/errors'
import { effectiveLocale, setTextLocale, text } from '../../../../shared/i18n'
import { safeExternalUrl } from '../../shell/external-url'

export interface SettingsIntentsDeps {
  /** Settings loaded by the shell; defaults to message and mention notifications on. */
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
  let settings: Settings = {
    messageNotifications: true,
    locale: 'system',
    systemLocale: 'en',
    mentionNotifications: true,
    logLevel: 'info',
    ...deps.initial,
  }
  // Main's sentences (errors, notifications) follow the user's language from the start. The
  // language is the process's: the app has one service; a test making several gets the last's.
  const localize = (): void =>
    setTextLocale(effectiveLocale(settings.locale, settings.systemLocale))
  localize()
  return {
    current: () => settings,
    getSettings: () => ({ ...settings }),
    updateSettings(patch) {
      settings = { ...settings, ...patch }
      localize()
      deps.onChanged?.({ ...settings })
      return { ...settings }
    },
    openExternal(url) {
      const safe = safeExternalUrl(url)
      if (!safe) throw new AppError('invalid-argument', text('error.onlyHttpLinks'))
      deps.openExternal?.(safe)
      return null
    },
  }
}
