/**
 * Native notifications: the sink of core/shell/notification-center.ts, carried out with Electron's
 * Notification. What is shown, and when, is decided in core; this file shows it and routes clicks
 * (show the window, open the room).
 */
import { Notification } from 'electron'
import type { RoomKey } from '../shared/ipc-contract'
import type { Clock, Notifier } from './core/ports'
import type { WindowAttention } from './core/shell/notification-policy'
import { createNotificationCenter } from './core/shell/notification-center'
import type { NativeNotice } from './core/shell/notification-center'

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
  // Electron drops click handlers of notifications that get garbage-collected: keep them alive
  // until they are clicked or closed.
  // Keyed by the notice's key: a newer notice of the same room replaces the one on screen
  // (Electron has no cross-platform tag, so the previous one is closed).
  const live = new Map<string, Notification>()

  function forget(key: string, notification: Notification): void {
    if (live.get(key) === notification) live.delete(key)
  }

  function show({ key, title, body, roomKey }: NativeNotice): void {
    if (!Notification.isSupported()) return
    live.get(key)?.close()
    const notification = new Notification({ title, body, icon: deps.iconPath })
    live.set(key, notification)
    notification.on('click', () => {
      forget(key, notification)
      deps.activate(roomKey)
    })
    notification.on('close', () => forget(key, notification))
    notification.on('failed', (_event, error) => {
      forget(key, notification)
      console.error(`EduSphere: a notification could not be shown (${error})`)
    })
    notification.show()
  }

  return createNotificationCenter(
    { window: deps.window, clock: deps.clock, platform: process.platform },
    { show },
  )
}
