/**
 * The core's Notifier port as the shell implements it: every message and error the chat service
 * reports is judged by notification-policy.ts, and what survives is handed to a sink that shows
 * it. The sink is Electron's Notification in the app (notifications.ts) and a recorder in tests,
 * so everything that decides what the user sees runs in plain Node.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import type { Clock, Notifier } from '../ports'
import type { AttentionState } from './notification-policy'
import { decideErrorNotification, decideMessageNotification } from './notification-policy'

/** One native notification to show. */
export interface NativeNotice {
  title: string
  body: string
  roomKey: RoomKey | null
}

/** Carries out the verdicts: shows a notification. */
export interface NoticeSink {
  show(notice: NativeNotice): void
}

export interface NotificationCenterDeps {
  attention(): AttentionState
  clock: Clock
}

/** The Notifier the chat service reports through. */
export function createNotificationCenter(deps: NotificationCenterDeps, sink: NoticeSink): Notifier {
  const recentErrors = new Map<string, number>()
  return {
    error(title, body, roomKey) {
      const verdict = decideErrorNotification(
        { title, body, roomKey },
        deps.clock.now(),
        recentErrors,
      )
      if (verdict.show) sink.show(verdict)
    },
    message(roomKey, roomName, author, body) {
      const verdict = decideMessageNotification(
        { roomKey, roomName, author, body },
        deps.attention(),
      )
      if (verdict.show) sink.show(verdict)
    },
  }
}
