/**
 * Joined rooms (the sidebar), the open room, and browsing/joining. Main owns all of it: this
 * store reflects `rooms-reset`/`room-updated` and sends intents (open, join). Reading a room is
 * main's decision too (the active room in a focused window), so nothing here marks it read.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RoomKey, RoomSummary } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { useConnectionStore } from './connection'
import { useMessagesStore } from './messages'
import { useNoticesStore } from './notices'
import { t } from '../i18n'

export const useRoomsStore = defineStore('rooms', () => {
  const rooms = shallowRef<readonly RoomSummary[]>([])
  const activeKey = ref<RoomKey | null>(null)
  const loading = ref(false)
  /** The room whose history has been asked for and not arrived yet, for a loading state. */
  const opening = ref<RoomKey | null>(null)

  const joined = computed(() => rooms.value.filter((r) => r.joined))
  const active = computed(() => rooms.value.find((r) => r.key === activeKey.value) ?? null)

  function find(key: RoomKey): RoomSummary | undefined {
    return rooms.value.find((r) => r.key === key)
  }

  function reset(next: readonly RoomSummary[]): void {
    rooms.value = next
    useMessagesStore().adoptDrafts(next)
    const keys = new Set(next.map((r) => r.key))
    useConnectionStore().keepOnly(keys)
    if (activeKey.value !== null && !keys.has(activeKey.value)) activeKey.value = null
  }

  function update(room: RoomSummary): void {
    useMessagesStore().adoptDrafts([room])
    const index = rooms.value.findIndex((r) => r.key === room.key)
    const next = [...rooms.value]
    if (index >= 0) next[index] = room
    else next.push(room)
    rooms.value = next
  }

  function removeRoom(key: RoomKey): void {
    rooms.value = rooms.value.filter((r) => r.key !== key)
    useConnectionStore().forget(key)
    useMessagesStore().forget(key)
    if (activeKey.value === key) activeKey.value = null
  }

  /** A fresh window: the rooms and their connections as main has them now. */
  async function load(): Promise<void> {
    loading.value = true
    try {
      const [list, connections] = await Promise.all([
        call((api) => api.listRooms()),
        call((api) => api.listConnections()),
      ])
      if (list.ok) reset(list.value)
      else useNoticesStore().push('error', t('rooms.loadFailed', { error: list.error.message }))
      if (connections.ok) useConnectionStore().merge(connections.value)
    } finally {
      loading.value = false
    }
  }

  /** Opens a room: shows it at once; its history arrives from main as an event. */
  async function open(key: RoomKey): Promise<boolean> {
    activeKey.value = key
    opening.value = key
    const result = await call((api) => api.openRoom(key))
    if (!result.ok) {
      if (opening.value === key) opening.value = null
      useNoticesStore().push(
        'error',
        t('rooms.openFailed', { room: key, error: result.error.message }),
        null,
      )
      return false
    }
    return true
  }

  /** The history of `key` arrived (messages-reset): it is no longer loading. */
  function historyArrived(key: RoomKey): void {
    if (opening.value === key) opening.value = null
  }

  /** All rooms matching `search`, for the Browse dialog. */
  async function browse(search: string): Promise<RoomSummary[] | string> {
    const result = await call((api) => api.browseRooms({ search: search.slice(0, 200) }))
    return result.ok ? result.value : result.error.message
  }

  /** Joins a room and opens it; returns an error message or null. */
  async function join(room: RoomSummary): Promise<string | null> {
    const result = await call((api) => api.joinRoom(room.key))
    if (!result.ok) return result.error.message
    update(result.value)
    await open(result.value.key)
    return null
  }

  function clear(): void {
    rooms.value = []
    activeKey.value = null
    opening.value = null
    useConnectionStore().keepOnly(new Set())
    useMessagesStore().forgetAll()
  }

  return {
    rooms,
    activeKey,
    loading,
    opening,
    joined,
    active,
    find,
    reset,
    update,
    removeRoom,
    load,
    open,
    historyArrived,
    browse,
    join,
    clear,
  }
})
