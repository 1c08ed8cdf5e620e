/**
 * Chat socket frames (docs/protocol.md §4): the body rules, ids, client → server frames and their
 * encoder, server → client frames and their never-throwing decoders.
 */
import { z } from 'zod'
import { decodeWith } from './decode'
import type { Decoded } from './decode'
import { fastIsoMicros, parseIsoMicros } from './iso-time'

/** Longest body the server accepts, in Unicode code points (Python `len`). */
export const MAX_BODY_CODE_POINTS = 500

/** The server's error texts, verbatim (docs/protocol.md §4). */
export const ServerErrorText = {
  tooLong: `Message exceeds ${MAX_BODY_CODE_POINTS} characters.`,
  notFound: 'Message not found.',
  notYourEdit: 'You can only edit your own messages.',
  notYourDelete: 'You can only delete your own messages.',
} as const

/** Length in Unicode code points, as Python's `len` counts it (an emoji is 1). */
export function codePointLength(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // A high surrogate followed by a low surrogate is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) i++
    }
    n++
  }
  return n
}

/**
 * The server's verdict on a body, computed locally: null when it would be accepted, else the
 * server's own error text. Empty bodies get "exceeds" too, exactly as the server answers them.
 */
export function bodyError(body: string): string | null {
  const n = codePointLength(body)
  return n === 0 || n > MAX_BODY_CODE_POINTS ? ServerErrorText.tooLong : null
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a canonical 8-4-4-4-12 hex UUID, any case (what the server's UUIDField accepts). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value)
}

/** Ids come back verbatim from the client, so compare them case-insensitively. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** Canonical form of an id, for use as a map key. */
export function idKey(id: string): string {
  return id.toLowerCase()
}

// ---------------------------------------------------------------------------------------------
// Client → server frames

/** An ISO 8601 timestamp as the server writes it. */
export const isoString = z
  .string()
  .refine((s) => parseIsoMicros(s) !== null, 'not an ISO 8601 timestamp')
const uuidString = z.string().refine((s) => isUuid(s), 'not a UUID')
const body = z.string().refine((s) => bodyError(s) === null, ServerErrorText.tooLong)

export const TextFrameSchema = z.object({
  type: z.literal('text'),
  message: body,
  timestamp: isoString.optional(),
})
export const UpdateFrameSchema = z.object({
  type: z.literal('update'),
  messageId: uuidString,
  message: body,
  timestamp: isoString.optional(),
})
export const DeleteFrameSchema = z.object({
  type: z.literal('delete'),
  messageId: uuidString,
  timestamp: isoString.optional(),
})
export const ClientFrameSchema = z.discriminatedUnion('type', [
  TextFrameSchema,
  UpdateFrameSchema,
  DeleteFrameSchema,
])
export type TextFrame = z.infer<typeof TextFrameSchema>
export type UpdateFrame = z.infer<typeof UpdateFrameSchema>
export type DeleteFrame = z.infer<typeof DeleteFrameSchema>
export type ClientFrame = z.infer<typeof ClientFrameSchema>

/**
 * Serialises a client frame after validating it, because a malformed frame (a bad messageId)
 * kills the server's consumer. Returns the JSON text, or the reason it must not be sent.
 */
export function encodeClientFrame(frame: ClientFrame): Decoded<string> {
  const checked = decodeWith(ClientFrameSchema, frame)
  return checked.ok ? { ok: true, value: JSON.stringify(checked.value) } : checked
}

// ---------------------------------------------------------------------------------------------
// Server → client frames

export const NewMessageEventSchema = z.object({
  type: z.literal('chat_message'),
  action: z.literal('new'),
  id: z.string().min(1),
  user: z.string(),
  user_id: z.string(),
  body: z.string(),
  created: isoString,
  edited: z.boolean(),
  updated: isoString,
  userAvatar: z.string().nullable(),
})
export const UpdateMessageEventSchema = z.object({
  type: z.literal('chat_message'),
  action: z.literal('update'),
  id: z.string().min(1),
  body: z.string(),
  edited: z.boolean(),
  updated: isoString,
})
export const DeleteMessageEventSchema = z.object({
  type: z.literal('chat_message'),
  action: z.literal('delete'),
  id: z.string().min(1),
})
export const ErrorFrameSchema = z.object({ error: z.string() })

export type NewMessageEvent = z.infer<typeof NewMessageEventSchema>
export type UpdateMessageEvent = z.infer<typeof UpdateMessageEventSchema>
export type DeleteMessageEvent = z.infer<typeof DeleteMessageEventSchema>
export type ErrorFrame = z.infer<typeof ErrorFrameSchema>
export type ChatMessageEvent = NewMessageEvent | UpdateMessageEvent | DeleteMessageEvent
export type ServerFrame = ChatMessageEvent | ErrorFrame

const actionSchemas = {
  new: NewMessageEventSchema,
  update: UpdateMessageEventSchema,
  delete: DeleteMessageEventSchema,
} as const

/** Decodes an already-parsed server frame; never throws. */
export function decodeServerValue(value: unknown): Decoded<ServerFrame> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
    return { ok: false, reason: `frame is not an object (got ${got})` }
  }
  const record = value as Record<string, unknown>
  if ('error' in record) return decodeWith(ErrorFrameSchema, record)
  if (!('type' in record)) return { ok: false, reason: 'missing field type' }
  if (record.type !== 'chat_message')
    return { ok: false, reason: `unknown type ${String(record.type)}` }
  if (!('action' in record)) return { ok: false, reason: 'missing field action' }
  const action = record.action
  if (typeof action !== 'string' || !Object.hasOwn(actionSchemas, action))
    return { ok: false, reason: `unknown action ${String(action)}` }
  if (action === 'new') {
    const fast = fastNewMessage(record)
    if (fast) return { ok: true, value: fast }
  }
  return decodeWith<ServerFrame>(actionSchemas[action as keyof typeof actionSchemas], record)
}

/**
 * The hot path for `new` frames (thousands per second in a busy room): plain type checks that
 * accept exactly what NewMessageEventSchema accepts and return the same stripped object. Null
 * sends the frame through zod, which then gives the precise reason.
 */
const NEW_FRAME_KEYS = Object.keys(NewMessageEventSchema.shape).length

function fastNewMessage(r: Record<string, unknown>): NewMessageEvent | null {
  const { id, user, user_id, body, created, edited, updated, userAvatar } = r
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    typeof user !== 'string' ||
    typeof user_id !== 'string' ||
    typeof body !== 'string' ||
    typeof created !== 'string' ||
    typeof edited !== 'boolean' ||
    typeof updated !== 'string' ||
    (userAvatar !== null && typeof userAvatar !== 'string')
  )
    return null
  if (fastIsoMicros(created) === null || fastIsoMicros(updated) === null) return null
  // zod strips unknown keys; with none to strip, the parsed object already is the result.
  let keys = 0
  for (const _ in r) keys++
  if (keys === NEW_FRAME_KEYS) return r as NewMessageEvent
  return {
    type: 'chat_message',
    action: 'new',
    id,
    user,
    user_id,
    body,
    created,
    edited,
    updated,
    userAvatar,
  }
}

/** Decodes one text frame from the chat socket; never throws. */
export function decodeServerFrame(text: string): Decoded<ServerFrame> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, reason: `invalid JSON (${(e as Error).message})` }
  }
  return decodeServerValue(value)
}
