/** User settings kept by main (message and mention notifications, language). */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { LocalePreference } from '../../../shared/i18n'
import type { LogLevel, Settings } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { applyLocale, browserLocale, t } from '../i18n'
import { useNoticesStore } from './notices'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({
    messageNotifications: true,
    mentionNotifications: true,
    locale: 'system',
    logLevel: 'info',
    systemLocale: browserLocale(),
  })

  function adopt(next: Settings): void {
    settings.value = next
    applyLocale(next.locale, next.systemLocale)
  }

  async function load(): Promise<void> {
    const result = await call((api) => api.getSettings())
    if (result.ok) adopt(result.value)
  }

  /** Saves a change; reverts it (and says why) if main refuses. */
  async function save(
    patch: Partial<
      Pick<Settings, 'messageNotifications' | 'mentionNotifications' | 'locale' | 'logLevel'>
    >,
  ) {
    const before = settings.value
    adopt({ ...before, ...patch })
    const result = await call((api) => api.updateSettings(patch))
    if (result.ok) adopt(result.value)
    else {
      adopt(before)
      useNoticesStore().push('error', t('settings.saveFailed', { error: result.error.message }))
    }
  }

  /** Turns message notifications on or off. */
  function setMessageNotifications(on: boolean): Promise<void> {
    return save({ messageNotifications: on })
  }

  /** Turns mention notifications on or off (they notify even with message notifications off). */
  function setMentionNotifications(on: boolean): Promise<void> {
    return save({ mentionNotifications: on })
  }

  /** Chooses the language: 'system' follows the OS. */
  function setLocale(locale: LocalePreference): Promise<void> {
    return save({ locale })
  }

  // Logs: how much goes into the log files.
  /** Sets the log level; reverts if main refuses. */
  function setLogLevel(level: LogLevel): Promise<void> {
    return save({ logLevel: level })
  }

  return {
    settings,
    load,
    setMessageNotifications,
    setMentionNotifications,
    setLocale,
    setLogLevel,
  }
})
