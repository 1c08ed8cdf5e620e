/**
 * Keyboard-first navigation state: which overlay is open (quick switcher, shortcuts sheet,
 * search) and which message was jumped to. Jumping opens the room, waits for its history, asks
 * main for the window around the message when the renderer does not hold it, and then marks the
 * message so the room view scrolls to it and highlights it.
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { RoomKey } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { useMessagesStore } from './messages'
import { t } from '../i18n'
import { useNoticesStore } from './notices'
import { useRoomsStore } from './rooms'

export type Overlay = 'switcher' | 'shortcuts' | 'search'
export type SearchScope = 'room' | 'all'

export interface Highlight {
  roomKey: RoomKey
  id: string
  /** Changes on every jump, so jumping to the same message again scrolls again. */
  seq: number
}

export const useNavigationStore = defineStore('navigation', () => {
  const overlay = ref<Overlay | null>(null)
  const searchScope = ref<SearchScope>('room')
  const highlight = ref<Highlight | null>(null)
  let seq = 0

  function show(next: Overlay | null, scope?: SearchScope): void {
    if (scope) searchScope.value = scope
    overlay.value = next
  }

  /** Resolves once the room's history has arrived (or its opening failed). */
  function historyLoaded(roomKey: RoomKey): Promise<void> {
    const rooms = useRoomsStore()
    return new Promise((resolve) => {
      const stop = watch(
        () => rooms.opening === roomKey,
        (loading) => {
          if (loading) return
          queueMicrotask(() => stop())
          resolve()
        },
        { immediate: true },
      )
    })
  }

  /** Opens `roomKey` and shows message `id` in it; false (with a notice) when it cannot. */
  async function jumpTo(roomKey: RoomKey, id: string): Promise<boolean> {
    const rooms = useRoomsStore()
    const messages = useMessagesStore()
    highlight.value = null
    if (rooms.activeKey !== roomKey && !(await rooms.open(roomKey))) return false
    await historyLoaded(roomKey)
    const timeline = messages.timeline(roomKey)
    if (!timeline.get(id)) {
      const result = await call((api) => api.revealMessage(roomKey, id))
      if (!result.ok) {
        useNoticesStore().push('error', t('search.showFailed', { error: result.error.message }))
        return false
      }
      const missing = result.value.messages.filter((m) => !timeline.get(m.id))
      messages.applyBatch(
        roomKey,
        missing.map((message) => ({ kind: 'upsert' as const, message, replaces: null })),
      )
    }
    if (rooms.activeKey !== roomKey) return false
    highlight.value = { roomKey, id, seq: ++seq }
    return true
  }

  function clearHighlight(roomKey: RoomKey): void {
    if (highlight.value?.roomKey === roomKey) highlight.value = null
  }

  return { overlay, searchScope, highlight, show, jumpTo, clearHighlight }
})
