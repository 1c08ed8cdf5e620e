/**
 * Native notifications: the core's Notifier port, carried out with Electron's Notification. Which
 * messages notify is decided by core/shell/notification-policy.ts; this file shows them and routes
 * clicks (show the window, open the room).
 */
import { Notification } from 'electron'
import type { RoomKey } from '../shared/ipc-contract'
import type { WindowAttention } from './core/shell/notification-policy'
import {
  decideErrorNotification,
  decideMessageNotification,
} from './core/shell/notification-policy'
import type { Clock, Notifier } from './core/ports'

export interface NativeNotifierDeps {
  /** The window's facts only; everything about chat comes with the message. */
  window(): WindowAttention
  clock: Clock
  iconPath: string
  /** A notification was clicked: show the window, and open the room when there is one. */
  activate(roomKey: RoomKey | null): void
}

/** The Notifier the chat service reports through. */
export function createNativeNotifier(deps: NativeNotifierDeps): Notifier {
  const recentErrors = new Map<string, number>()
  // Electron drops click handlers of notifications that get garbage-collected: keep them alive
  // until they are clicked or closed.
  const live = new Set<Notification>()

  function show(title: string, body: string, roomKey: RoomKey | null): void {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title, body, icon: deps.iconPath })
    live.add(notification)
    notification.on('click', () => {
      live.delete(notification)
      deps.activate(roomKey)
    })
    notification.on('close', () => live.delete(notification))
    notification.on('failed', (_event, error) => {
      live.delete(notification)
      console.error(`EduSphere: a notification could not be shown (${error})`)
    })
    notification.show()
  }

  return {
    error(title, body, roomKey) {
      const verdict = decideErrorNotification(
        { title, body, roomKey },
        deps.clock.now(),
        recentErrors,
      )
      if (verdict.show) show(verdict.title, verdict.body, verdict.roomKey)
    },
    message(message, chat) {
      const verdict = decideMessageNotification(message, { ...deps.window(), ...chat })
      if (verdict.show) show(verdict.title, verdict.body, verdict.roomKey)
    },
  }
}
