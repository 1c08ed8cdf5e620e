/**
 * Native notifications: the sink of core/shell/notification-center.ts, carried out with Electron's
 * Notification. What is shown, and when, is decided in core; this file shows it and routes clicks
 * (show the window, open the room).
 */
import { Notification } from 'electron'
import type { RoomKey } from '../shared/ipc-contract'
import type { Clock, Notifier } from './core/ports'
import type { AttentionState } from './core/shell/notification-policy'
import { createNotificationCenter } from './core/shell/notification-center'
import type { NativeNotice } from './core/shell/notification-center'

export interface NativeNotifierDeps {
  attention(): AttentionState
  clock: Clock
  iconPath: string
  /** A notification was clicked: show the window, and open the room when there is one. */
  activate(roomKey: RoomKey | null): void
}

/** The Notifier the chat service reports through. */
export function createNativeNotifier(deps: NativeNotifierDeps): Notifier {
  // Electron drops click handlers of notifications that get garbage-collected: keep them alive
  // until they are clicked or closed.
  const live = new Set<Notification>()

  function show({ title, body, roomKey }: NativeNotice): void {
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

  return createNotificationCenter({ attention: deps.attention, clock: deps.clock }, { show })
}
