/** User settings kept by main (message and mention notifications). */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Settings } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { useNoticesStore } from './notices'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ messageNotifications: true, mentionNotifications: true })

  async function load(): Promise<void> {
    const result = await call((api) => api.getSettings())
    if (result.ok) settings.value = result.value
  }

  /** Turns message notifications on or off; reverts the switch if main refuses. */
  function setMessageNotifications(on: boolean): Promise<void> {
    return update({ messageNotifications: on })
  }

  /** Turns mention notifications on or off (they notify even with message notifications off). */
  function setMentionNotifications(on: boolean): Promise<void> {
    return update({ mentionNotifications: on })
  }

  async function update(patch: Partial<Settings>): Promise<void> {
    const before = settings.value
    settings.value = { ...before, ...patch }
    const result = await call((api) => api.updateSettings(patch))
    if (result.ok) settings.value = result.value
    else {
      settings.value = before
      useNoticesStore().push('error', `Couldn't save the setting: ${result.error.message}`)
    }
  }

  return { settings, load, setMessageNotifications, setMentionNotifications }
})
