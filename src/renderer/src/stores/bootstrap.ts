/**
 * Wires the stores to main: subscribes to events, loads the session, and follows sign-in/out.
 * Focus is the shell's to report to main (it clears unread there); the page does not.
 */
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
  // The language first: the sign-in screen speaks it too.
  await settings.load()
  await session.load()
  // A window that starts signed in asks once for what main has; after that, events keep it
  // current (a sign-in brings its rooms as rooms-reset, so it is not asked again).
  if (session.signedIn) {
    void rooms.load()
  }
  const stop = watch(
    () => session.signedIn,
    (signedIn) => {
      if (signedIn) void settings.load()
      else rooms.clear()
    },
  )
  return () => {
    unsubscribe()
    stop()
  }
}
