/**
 * One chat frame from a client, handled as the real consumer does (docs/protocol.md §4): the outcome is
 * a broadcast for the room, an error for the sender only, silence, or "malformed", which the
 * socket layer turns into an abnormal close of that one connection.
 */
import { randomUUID } from 'node:crypto'
import { bodyError, isUuid, ServerErrorText } from '../../src/shared/frames'
import { pythonJson, toPythonIsoformat } from '../python-format'
import type { ServerContext } from '../context'
import type { MessageRow, RoomRow, UserRow } from '../store/db'

/** Who is talking, in which room (fixed at handshake). */
export interface ChatSession {
  user: UserRow
  room: RoomRow
}

/** What the socket layer must do with one frame. */
export type FrameOutcome =
  | { kind: 'malformed'; reason: string }
  | { kind: 'ignore' }
  | { kind: 'error'; frame: string }
  | { kind: 'broadcast'; frame: string }

/** `{"type": "chat_message", "action": "new", …}` with the real key order. */
export function newMessageFrame(m: MessageRow, user: UserRow): string {
  return pythonJson({
    type: 'chat_message',
    action: 'new',
    id: m.id,
    user: user.username,
    user_id: user.id,
    body: m.body,
    created: toPythonIsoformat(m.created),
    edited: false,
    updated: toPythonIsoformat(m.updated),
    userAvatar: user.avatar === '' ? null : user.avatar,
  })
}

/** The update event; `id` is the client's messageId verbatim. */
export function updateMessageFrame(id: string, body: string, updatedMicros: number): string {
  return pythonJson({
    type: 'chat_message',
    action: 'update',
    id,
    body,
    edited: true,
    updated: toPythonIsoformat(updatedMicros),
  })
}

/** The delete event; `id` is the client's messageId verbatim. */
export function deleteMessageFrame(id: string): string {
  return pythonJson({ type: 'chat_message', action: 'delete', id })
}

/** `{"error": "…"}`, sent to the sender only. */
export function errorFrame(text: string): string {
  return pythonJson({ error: text })
}

const MALFORMED = Symbol('malformed')

/** The body as the consumer sees it: numbers become their string; other non-strings crash it. */
function bodyOf(value: unknown): string | typeof MALFORMED {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return MALFORMED
}

/**
 * The messageId as Django's UUIDField sees it: missing or an integer is a lookup that finds
 * nothing; a string that is not a UUID (or any other shape) raises, killing the consumer.
 */
function messageIdOf(value: unknown): { id: string | null } | typeof MALFORMED {
  if (value === undefined || value === null || typeof value === 'boolean') return { id: null }
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 ? { id: null } : MALFORMED
  if (typeof value === 'string') return isUuid(value) ? { id: value } : MALFORMED
  return MALFORMED
}

function malformed(reason: string): FrameOutcome {
  return { kind: 'malformed', reason }
}
function error(text: string): FrameOutcome {
  return { kind: 'error', frame: errorFrame(text) }
}

/**
 * Handles one text frame. Everything up to the storage write runs synchronously, so a connection's
 * writes are queued in frame order and can share a commit; the outcome is then a promise that
 * settles once the write is committed (rejecting only when storage fails, where the real consumer
 * would crash). Outcomes without a write (malformed, ignore, error) are returned directly.
 */
export function handleClientFrame(
  ctx: ServerContext,
  session: ChatSession,
  text: string,
): FrameOutcome | Promise<FrameOutcome> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return malformed('invalid JSON')
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return malformed('frame is not a JSON object')
  const frame = data as Record<string, unknown>
  const type = 'type' in frame ? frame.type : 'text'
  if (type !== 'text' && type !== 'update' && type !== 'delete') return { kind: 'ignore' }

  const { store } = ctx
  if (type === 'text') {
    const body = bodyOf(frame.message)
    if (body === MALFORMED) return malformed('message is not a string')
    if (bodyError(body)) return error(ServerErrorText.tooLong)
    // Django sets auto_now (updated) just before auto_now_add (created): updated is a hair earlier.
    const updated = ctx.micros()
    const row: MessageRow = {
      id: randomUUID(),
      room_id: session.room.id,
      user_id: session.user.id,
      body,
      edited: 0,
      created: ctx.micros(),
      updated,
    }
    return ctx.writer
      .write({ op: 'insert', row })
      .then(() => ({ kind: 'broadcast', frame: newMessageFrame(row, session.user) }))
  }

  // The real consumer looks the message up first (a non-UUID id crashes it right there), then
  // checks the owner, and only then the body: `{"type":"update","messageId":""}` closes the socket.
  const ref = messageIdOf(frame.messageId)
  if (ref === MALFORMED) return malformed('messageId is not a UUID')
  const target =
    ref.id === null ? undefined : store.messageInRoom(ref.id.toLowerCase(), session.room.id)
  if (!target) return error(ServerErrorText.notFound)
  const clientId = ref.id as string
  if (type === 'update') {
    if (target.user_id !== session.user.id) return error(ServerErrorText.notYourEdit)
    const body = bodyOf(frame.message)
    if (body === MALFORMED) return malformed('message is not a string')
    if (bodyError(body)) return error(ServerErrorText.tooLong)
    const updated = ctx.micros()
    // 0 rows changed: deleted meanwhile (an earlier queued frame, or the author's other socket).
    return ctx.writer
      .write({ op: 'update', id: target.id, body, updated })
      .then((changed) =>
        changed === 0
          ? error(ServerErrorText.notFound)
          : { kind: 'broadcast', frame: updateMessageFrame(clientId, body, updated) },
      )
  }
  if (target.user_id !== session.user.id) return error(ServerErrorText.notYourDelete)
  return ctx.writer
    .write({ op: 'delete', id: target.id })
    .then((changed) =>
      changed === 0
        ? error(ServerErrorText.notFound)
        : { kind: 'broadcast', frame: deleteMessageFrame(clientId) },
    )
}
