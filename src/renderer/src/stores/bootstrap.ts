/** Wires the stores to main: subscribes to events, loads the session, and follows sign-in/out. */
import { watch } from 'vue'
import type { Unsubscribe } from '../../../shared/ipc-contract'
import { chatApi } from '../api/bridge'
import { applyEventsSafely } from './event-router'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'
import { useSettingsStore } from './settings'

/** Starts the data flow; call once after Pinia is installed. Returns a teardown. */
export async function bootstrap(): Promise<Unsubscribe> {
  const session = useSessionStore()
  const rooms = useRoomsStore()
  const settings = useSettingsStore()
  // Subscribe before the first read so no event between the two is lost.
  const unsubscribe = chatApi().onEvents((events) => applyEventsSafely(events))
  const stop = watch(
    () => session.signedIn,
    (signedIn) => {
      if (signedIn) {
        void rooms.load()
        void settings.load()
      } else rooms.clear()
    },
  )
  await session.load()
  const onFocus = (): void => {
    if (rooms.activeKey && rooms.active && rooms.active.unread > 0)
      void rooms.markRead(rooms.activeKey)
  }
  if (typeof window !== 'undefined') window.addEventListener('focus', onFocus)
  return () => {
    unsubscribe()
    stop()
    if (typeof window !== 'undefined') window.removeEventListener('focus', onFocus)
  }
}
