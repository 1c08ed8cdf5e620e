/** User settings kept by main (message notifications). */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { LogLevel, Settings } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { useNoticesStore } from './notices'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ messageNotifications: true, logLevel: 'info' })

  async function load(): Promise<void> {
    const result = await call((api) => api.getSettings())
    if (result.ok) settings.value = result.value
  }

  /** Turns message notifications on or off; reverts the switch if main refuses. */
  async function setMessageNotifications(on: boolean): Promise<void> {
    const before = settings.value
    settings.value = { ...before, messageNotifications: on }
    const result = await call((api) => api.updateSettings({ messageNotifications: on }))
    if (result.ok) settings.value = result.value
    else {
      settings.value = before
      useNoticesStore().push('error', `Couldn't save the setting: ${result.error.message}`)
    }
  }

  // Logs: how much goes into the log files.
  /** Sets the log level; reverts if main refuses. */
  async function setLogLevel(level: LogLevel): Promise<void> {
    const before = settings.value
    settings.value = { ...before, logLevel: level }
    const result = await call((api) => api.updateSettings({ logLevel: level }))
    if (result.ok) settings.value = result.value
    else {
      settings.value = before
      useNoticesStore().push('error', `Couldn't save the setting: ${result.error.message}`)
    }
  }

  return { settings, load, setMessageNotifications, setLogLevel }
})
