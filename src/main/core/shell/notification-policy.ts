/**
 * When a native notification is shown, decided purely from the facts: what arrived, where the user
 * is looking, and their setting. notifications.ts only carries out the verdict.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import { mentionsUser } from '../../../shared/mentions'
import { sanitizeNotificationText } from './notification-text'
import { text } from '../../../shared/i18n'

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
  /**
   * The user's "mention notifications" setting: a message naming the user (`@username`) notifies
   * by this one, even when message notifications are off.
   */
  mentionNotifications: boolean
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

type Hidden = { show: false; reason: 'setting-off' | 'own-message' | 'room-in-view' | 'duplicate' }

/**
 * What to show, or why not. Every text is sanitized (see notification-text.ts). Message verdicts
 * are plain text (the caller escapes markup after composing, so an escape is never cut in half);
 * `author` and `room` are the sanitized names, for notifications composed from several messages.
 */
export type MessageVerdict =
  | {
      show: true
      title: string
      body: string
      roomKey: RoomKey
      author: string
      room: string
      /** The message mentions the user (its notifications are grouped apart from the rest). */
      mention: boolean
    }
  | Hidden
export type NotificationVerdict =
  { show: true; title: string; body: string; roomKey: RoomKey | null } | Hidden

/** Longest notification body, in code points; desktop notification servers cut anyway. */
export const MAX_NOTIFICATION_BODY = 180
/** Longest author or room name in a notification, in code points. */
export const MAX_NOTIFICATION_NAME = 60
/** Longest error title. */
export const MAX_NOTIFICATION_TITLE = 80

/** A name: sanitized plain text, never markup (titles are plain text everywhere). */
export function notificationName(text: string, max = MAX_NOTIFICATION_NAME): string {
  return sanitizeNotificationText(text, { max, markup: false })
}

/** A body: sanitized, and markup-escaped where the notification server renders markup. */
export function notificationBody(text: string, markup: boolean): string {
  return sanitizeNotificationText(text, { max: MAX_NOTIFICATION_BODY, markup })
}

/** Decides whether a new message from the server becomes a native notification. */
export function decideMessageNotification(
  message: IncomingMessage,
  attention: AttentionState,
): MessageVerdict {
  if (
    attention.selfUsername !== null &&
    message.author.toLowerCase() === attention.selfUsername.toLowerCase()
  )
    return { show: false, reason: 'own-message' }
  const mention = mentionsUser(message.body, attention.selfUsername)
  const wanted = mention ? attention.mentionNotifications : attention.messageNotifications
  if (!wanted) return { show: false, reason: 'setting-off' }
  const looking = attention.windowVisible && attention.windowFocused
  if (looking && attention.activeRoom === message.roomKey)
    return { show: false, reason: 'room-in-view' }
  const author = notificationName(message.author) || text('notify.someone')
  const room = notificationName(message.roomName) || notificationName(message.roomKey)
  const body = notificationBody(message.body, false)
  return {
    show: true,
    title: text(mention ? 'notify.mentionTitle' : 'notify.messageTitle', { author, room }),
    body: body || text('notify.emptyMessage'),
    roomKey: message.roomKey,
    author,
    room,
    mention,
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
  markup = false,
): NotificationVerdict {
  const key = `${error.roomKey ?? ''}\u0000${error.title}\u0000${error.body}`
  const last = recent.get(key)
  if (last !== undefined && now - last < windowMs) return { show: false, reason: 'duplicate' }
  for (const [k, at] of recent) if (now - at >= windowMs) recent.delete(k)
  recent.set(key, now)
  return {
    show: true,
    title: notificationName(error.title, MAX_NOTIFICATION_TITLE) || text('app.name'),
    body: notificationBody(error.body, markup),
    roomKey: error.roomKey,
  }
}
