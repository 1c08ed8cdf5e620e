/**
 * When a native notification is shown, decided purely from the facts: what arrived, where the user
 * is looking, and their setting. notifications.ts only carries out the verdict.
 */
import type { RoomKey } from '../../../shared/ipc-contract'

/** What only the shell knows: the window. */
export interface WindowAttention {
  windowVisible: boolean
  windowFocused: boolean
}

/** What the chat service owns and hands over with each message. */
export interface ChatAttention {
  /** The room the window is showing, or null. */
  activeRoom: RoomKey | null
  /** The user's "message notifications" setting (the service's one copy). */
  messageNotifications: boolean
  /** The signed-in user's name, so our own messages never notify even from another device. */
  selfUsername: string | null
}

/** Where the user's attention is when something arrives. */
export type AttentionState = WindowAttention & ChatAttention

export interface IncomingMessage {
  roomKey: RoomKey
  roomName: string
  author: string
  body: string
}

/** What to show, or why not. */
export type NotificationVerdict =
  | { show: true; title: string; body: string; roomKey: RoomKey | null }
  | { show: false; reason: 'setting-off' | 'own-message' | 'room-in-view' | 'duplicate' }

/** Longest notification body, in code points; desktop notification servers cut anyway. */
export const MAX_NOTIFICATION_BODY = 180

/** Collapses whitespace and shortens to `max` code points, never splitting a surrogate pair. */
export function summarize(text: string, max = MAX_NOTIFICATION_BODY): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…'
}

/** Decides whether a new message from the server becomes a native notification. */
export function decideMessageNotification(
  message: IncomingMessage,
  attention: AttentionState,
): NotificationVerdict {
  if (!attention.messageNotifications) return { show: false, reason: 'setting-off' }
  if (
    attention.selfUsername !== null &&
    message.author.toLowerCase() === attention.selfUsername.toLowerCase()
  )
    return { show: false, reason: 'own-message' }
  const looking = attention.windowVisible && attention.windowFocused
  if (looking && attention.activeRoom === message.roomKey)
    return { show: false, reason: 'room-in-view' }
  const body = summarize(message.body)
  return {
    show: true,
    title: `${message.author} in ${summarize(message.roomName || message.roomKey, 60)}`,
    body: body || '(empty message)',
    roomKey: message.roomKey,
  }
}

/**
 * Error notifications: always shown (they are why the user must act), except that the same text
 * for the same room is not repeated within `windowMs`, so a burst of identical failures is one
 * notification. `recent` is the caller's memory of what was shown when; it is updated in place.
 */
export function decideErrorNotification(
  error: { title: string; body: string; roomKey: RoomKey | null },
  now: number,
  recent: Map<string, number>,
  windowMs = 10_000,
): NotificationVerdict {
  const key = `${error.roomKey ?? ''}\u0000${error.title}\u0000${error.body}`
  const last = recent.get(key)
  if (last !== undefined && now - last < windowMs) return { show: false, reason: 'duplicate' }
  for (const [k, at] of recent) if (now - at >= windowMs) recent.delete(k)
  recent.set(key, now)
  return {
    show: true,
    title: summarize(error.title, 80) || 'EduSphere',
    body: summarize(error.body),
    roomKey: error.roomKey,
  }
}
