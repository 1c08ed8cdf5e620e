/** Joined rooms (the sidebar), the open room, and browsing/joining. */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RoomKey, RoomSummary } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { useConnectionStore } from './connection'
import { useMessagesStore } from './messages'
import { useNoticesStore } from './notices'

export const useRoomsStore = defineStore('rooms', () => {
  const rooms = shallowRef<readonly RoomSummary[]>([])
  const activeKey = ref<RoomKey | null>(null)
  const loading = ref(false)
  /** The room whose history is being fetched, for a loading state in the view. */
  const opening = ref<RoomKey | null>(null)

  const joined = computed(() => rooms.value.filter((r) => r.joined))
  const active = computed(() => rooms.value.find((r) => r.key === activeKey.value) ?? null)

  function find(key: RoomKey): RoomSummary | undefined {
    return rooms.value.find((r) => r.key === key)
  }

  function reset(next: readonly RoomSummary[]): void {
    rooms.value = next
    useConnectionStore().resetAll(next.map((r) => [r.key, r.connection]))
    if (activeKey.value !== null && !next.some((r) => r.key === activeKey.value))
      activeKey.value = null
  }

  function update(room: RoomSummary): void {
    const index = rooms.value.findIndex((r) => r.key === room.key)
    const next = [...rooms.value]
    if (index >= 0) next[index] = room
    else next.push(room)
    rooms.value = next
    useConnectionStore().set(room.key, room.connection)
    if (room.key === activeKey.value && room.unread > 0 && documentFocused())
      void markRead(room.key)
  }

  function removeRoom(key: RoomKey): void {
    rooms.value = rooms.value.filter((r) => r.key !== key)
    useConnectionStore().forget(key)
    useMessagesStore().forget(key)
    if (activeKey.value === key) activeKey.value = null
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      const result = await call((api) => api.listRooms())
      if (result.ok) reset(result.value)
      else useNoticesStore().push('error', `Couldn't load your rooms: ${result.error.message}`)
    } finally {
      loading.value = false
    }
  }

  /** Opens a room: shows it at once, then loads its history from main. */
  async function open(key: RoomKey): Promise<boolean> {
    activeKey.value = key
    opening.value = key
    try {
      const result = await call((api) => api.openRoom(key))
      if (!result.ok) {
        useNoticesStore().push('error', `Couldn't open ${key}: ${result.error.message}`, null)
        return false
      }
      useMessagesStore().reset(key, result.value)
      void markRead(key)
      return true
    } finally {
      if (opening.value === key) opening.value = null
    }
  }

  async function markRead(key: RoomKey): Promise<void> {
    await call((api) => api.markRead(key))
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
    useConnectionStore().resetAll([])
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
    markRead,
    browse,
    join,
    clear,
  }
})

function documentFocused(): boolean {
  return (
    typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus()
  )
}
