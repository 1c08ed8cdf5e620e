/**
 * What the log says about chat events: kinds, rooms, ids, states and counts, never a message body
 * or a draft (those are only ever in the events themselves, which are not logged).
 */
import type { ChatEvent } from '../../../shared/ipc-contract'
import type { Logger } from './logger'

/** One event as a log message and a context free of user text. */
export function describeChatEvent(event: ChatEvent): { message: string; context: object } {
  switch (event.kind) {
    case 'session-changed':
      return {
        message: `session ${event.session.status}`,
        context: {
          server: event.session.server,
          user: event.session.user?.username ?? null,
          keychain: event.session.keychain,
          reason: event.session.reason,
        },
      }
    case 'rooms-reset':
      return { message: `rooms reset (${event.rooms.length})`, context: {} }
    case 'room-updated':
      return {
        message: 'room updated',
        context: { room: event.room.key, joined: event.room.joined, unread: event.room.unread },
      }
    case 'room-removed':
      return { message: 'room removed', context: { room: event.roomKey } }
    case 'messages-reset':
      return {
        message: `history shown (${event.messages.length} messages)`,
        context: { room: event.roomKey },
      }
    case 'older-messages-loaded':
      return {
        message: `older page shown (${event.messages.length} messages)`,
        context: { room: event.roomKey, hasOlder: event.hasOlder },
      }
    case 'message-upserted':
      return {
        message: `message ${event.message.status}`,
        context: {
          room: event.roomKey,
          id: event.message.id,
          replaces: event.replaces,
          pendingAction: event.message.pendingAction,
          chars: [...event.message.body].length,
        },
      }
    case 'message-removed':
      return { message: 'message removed', context: { room: event.roomKey, id: event.id } }
    case 'connection-changed':
      return {
        message: `connection ${event.connection.state}`,
        context: {
          room: event.roomKey,
          attempt: event.connection.attempt,
          reason: event.connection.reason,
          terminal: event.connection.terminal,
        },
      }
    case 'error':
      return {
        message: `error shown: ${event.message}`,
        context: { room: event.roomKey, code: event.code },
      }
    case 'open-room-requested':
      return { message: 'open room requested', context: { room: event.roomKey } }
  }
}

const LOUD: ReadonlySet<ChatEvent['kind']> = new Set([
  'session-changed',
  'connection-changed',
  'error',
])

/** Logs a batch: state changes at info (errors at warn), message traffic at debug. */
export function logChatEvents(log: Logger, events: readonly ChatEvent[]): void {
  for (const event of events) {
    const { message, context } = describeChatEvent(event)
    if (event.kind === 'error') log.warn(message, context)
    else if (LOUD.has(event.kind)) log.info(message, context)
    else log.debug(message, context)
  }
}
