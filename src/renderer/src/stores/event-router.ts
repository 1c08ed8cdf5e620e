/** Applies each batch of ChatEvents from main to the stores, in order, with one update per room. */
import type { ChatEvent, ChatMessage, RoomKey } from '../../../shared/ipc-contract'
import { assertNever } from '../../../shared/errors'
import { useConnectionStore } from './connection'
import { useMessagesStore } from './messages'
import { useNoticesStore } from './notices'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'
import { t } from '../i18n'

type MessageOp =
  { kind: 'upsert'; message: ChatMessage; replaces: string | null } | { kind: 'remove'; id: string }

/** Routes one batch; message events for a room are grouped so the list re-renders once. */
export function applyEvents(events: readonly ChatEvent[]): void {
  const session = useSessionStore()
  const rooms = useRoomsStore()
  const messages = useMessagesStore()
  const connection = useConnectionStore()
  const notices = useNoticesStore()
  let pending = new Map<RoomKey, MessageOp[]>()

  // Ops are flushed before any non-message event so ordering across kinds is preserved.
  const flush = (): void => {
    for (const [roomKey, ops] of pending) messages.applyBatch(roomKey, ops)
    pending = new Map()
  }
  const queue = (roomKey: RoomKey, op: MessageOp): void => {
    const list = pending.get(roomKey)
    if (list) list.push(op)
    else pending.set(roomKey, [op])
  }

  for (const event of events) {
    switch (event.kind) {
      case 'message-upserted':
        queue(event.roomKey, { kind: 'upsert', message: event.message, replaces: event.replaces })
        continue
      case 'message-removed':
        queue(event.roomKey, { kind: 'remove', id: event.id })
        continue
      default:
        break
    }
    flush()
    switch (event.kind) {
      case 'session-changed': {
        const wasSignedIn = session.signedIn
        session.apply(event.session)
        if (wasSignedIn && event.session.status !== 'signed-in') rooms.clear()
        break
      }
      case 'rooms-reset':
        rooms.reset(event.rooms)
        break
      case 'room-updated':
        rooms.update(event.room)
        break
      case 'room-removed':
        rooms.removeRoom(event.roomKey)
        break
      case 'messages-reset':
        messages.reset(event.roomKey, event.messages, {
          firstUnreadId: event.firstUnreadId ?? null,
          hasOlder: event.hasOlder ?? false,
        })
        rooms.historyArrived(event.roomKey)
        break
      case 'older-messages-loaded':
        messages.prependOlder(event.roomKey, event.messages, event.hasOlder)
        break
      case 'connection-changed':
        connection.set(event.roomKey, event.connection)
        break
      case 'error': {
        const room = event.roomKey !== null ? rooms.find(event.roomKey) : undefined
        notices.push('error', event.message, room?.name ?? event.roomKey)
        break
      }
      case 'open-room-requested':
        void rooms.open(event.roomKey)
        break
      default:
        assertNever(event)
    }
  }
  flush()
}

/** Forwards a malformed batch to a toast instead of letting one bad event break the stream. */
export function applyEventsSafely(events: unknown): void {
  if (!Array.isArray(events)) {
    useNoticesStore().push('error', t('events.notAList'))
    return
  }
  try {
    applyEvents(events as ChatEvent[])
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    useNoticesStore().push('error', t('events.notApplied', { error: message }))
  }
}
