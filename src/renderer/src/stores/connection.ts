/**
 * Per-room connection state: the one place the renderer reads it. Fed by `connection-changed`
 * events (and, for a fresh window, main's list of current states).
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { ConnectionSnapshot, RoomKey } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { useNoticesStore } from './notices'
import { t } from '../i18n'

const unknown: ConnectionSnapshot = {
  state: 'disconnected',
  attempt: 0,
  maxAttempts: 5,
  nextRetryAt: null,
  reason: null,
  terminal: null,
}

export const useConnectionStore = defineStore('connection', () => {
  const byRoom = shallowRef<Readonly<Record<RoomKey, ConnectionSnapshot>>>({})

  function of(roomKey: RoomKey | null): ConnectionSnapshot {
    return (roomKey !== null ? byRoom.value[roomKey] : undefined) ?? unknown
  }

  function set(roomKey: RoomKey, snapshot: ConnectionSnapshot): void {
    byRoom.value = { ...byRoom.value, [roomKey]: snapshot }
  }

  function forget(roomKey: RoomKey): void {
    const next = { ...byRoom.value }
    delete next[roomKey]
    byRoom.value = next
  }

  /** Adds main's current states; an event that already arrived is newer and wins. */
  function merge(states: Readonly<Record<RoomKey, ConnectionSnapshot>>): void {
    byRoom.value = { ...states, ...byRoom.value }
  }

  /** Forgets rooms that are gone. */
  function keepOnly(keys: ReadonlySet<RoomKey>): void {
    const entries = Object.entries(byRoom.value).filter(([key]) => keys.has(key))
    if (entries.length !== Object.keys(byRoom.value).length)
      byRoom.value = Object.fromEntries(entries)
  }

  /** The user's "Retry now": one room, or every room when null. */
  async function retryNow(roomKey: RoomKey | null): Promise<void> {
    const result = await call((api) => api.retryNow(roomKey))
    if (!result.ok)
      useNoticesStore().push('error', t('connection.retryFailed', { error: result.error.message }))
  }

  return { byRoom, of, set, forget, merge, keepOnly, retryNow }
})
