/**
 * The EduSphere wire contract (spec/protocol.md §2–§4): frames, GraphQL shapes, and the helpers
 * both the client and the local server need. Pure TypeScript: runs in Node, the renderer and tests.
 */
import { z } from 'zod'

/** Longest body the server accepts, in Unicode code points (Python `len`). */
export const MAX_BODY_CODE_POINTS = 500

/** The server's error texts, verbatim (protocol.md §4). */
export const ServerErrorText = {
  tooLong: `Message exceeds ${MAX_BODY_CODE_POINTS} characters.`,
  notFound: 'Message not found.',
  notYourEdit: 'You can only edit your own messages.',
  notYourDelete: 'You can only delete your own messages.',
} as const

/** GraphQL error texts the client must recognise (protocol.md §2–§3). */
export const GraphQLErrorText = {
  invalidCredentials: 'Please enter valid credentials',
  signatureExpired: 'Signature has expired',
  decodingError: 'Error decoding signature',
  tokenRequired: 'Token is required',
  permissionDenied: 'You do not have permission to perform this action',
  roomNotFound: 'Room not found',
  refreshExpired: 'Refresh token is expired',
} as const

// ---------------------------------------------------------------------------------------------
// Helpers

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

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?$/

/**
 * Parses a Python `isoformat()` timestamp (`2026-11-25T17:58:00.657039+00:00`, fraction optional)
 * into epoch microseconds, so that ordering keeps the server's precision. Null when malformed.
 */
export function parseIsoMicros(text: string): number | null {
  const m = ISO_RE.exec(text)
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!)
  if (Number.isNaN(ms)) return null
  const date = new Date(ms)
  // Reject overflowed fields such as 2026-02-31 or 25:00.
  if (date.getUTCMonth() !== +mo! - 1 || date.getUTCDate() !== +d! || date.getUTCHours() !== +h!)
    return null
  if (+mi! > 59 || +s! > 59) return null
  let offsetMin = 0
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1
    offsetMin = sign * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6))
  }
  const micros = Number(frac.padEnd(6, '0') || '0')
  return (ms - offsetMin * 60_000) * 1000 + micros
}

/** Epoch milliseconds of a Python isoformat timestamp, or null. */
export function parseIsoTimestamp(text: string): number | null {
  const us = parseIsoMicros(text)
  return us === null ? null : Math.floor(us / 1000)
}

/** Formats epoch microseconds the way Python's `datetime.isoformat()` does for UTC values. */
export function toPythonIsoformat(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000)
  const micros = epochMicros - Math.floor(epochMicros / 1_000_000) * 1_000_000
  const base = new Date(ms).toISOString().slice(0, 19)
  const frac = micros === 0 ? '' : '.' + String(micros).padStart(6, '0')
  return `${base}${frac}+00:00`
}

// ---------------------------------------------------------------------------------------------
// Decoding results

/** A decoded value, or the precise reason it was rejected. Decoders never throw. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string }

function describePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

/** Turns the first zod issue into a short, specific reason ("missing field body"). */
export function reasonFromZod(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid value'
  const field = describePath(issue.path)
  if (issue.code === 'invalid_type') {
    let value: unknown = input
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined
    }
    if (value === undefined && field) return `missing field ${field}`
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
    return field
      ? `field ${field} must be ${issue.expected}, got ${got}`
      : `expected ${issue.expected}, got ${got}`
  }
  return field ? `field ${field}: ${issue.message}` : issue.message
}

/** Validates `input` against `schema`, never throwing. */
export function decodeWith<T>(schema: z.ZodType<T>, input: unknown): Decoded<T> {
  const result = schema.safeParse(input)
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, reason: reasonFromZod(result.error, input) }
}

// ---------------------------------------------------------------------------------------------
// Client → server frames

const isoString = z.string().refine((s) => parseIsoMicros(s) !== null, 'not an ISO 8601 timestamp')
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
  return decodeWith<ServerFrame>(actionSchemas[action as keyof typeof actionSchemas], record)
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

/**
 * Serialises like Python's `json.dumps` default (", " and ": " separators), keeping key order.
 * Used by the local server so its frames are byte-for-byte like the real one's.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    )
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (Array.isArray(value)) return '[' + value.map(pythonJson).join(', ') + ']'
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  )
  return '{' + entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ') + '}'
}

// ---------------------------------------------------------------------------------------------
// GraphQL shapes (protocol.md §2–§3)

export const TokenPayloadSchema = z.object({
  email: z.string(),
  exp: z.number().int(),
  origIat: z.number().int(),
})
export type TokenPayload = z.infer<typeof TokenPayloadSchema>

export const UserRefSchema = z.object({ id: z.string(), username: z.string() })
export const SignedInUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable(),
})
export type SignedInUser = z.infer<typeof SignedInUserSchema>

export const TokenAuthSchema = z.object({
  token: z.string().min(1),
  payload: TokenPayloadSchema,
  refreshExpiresIn: z.number().int(),
  success: z.boolean().nullable().optional(),
  user: SignedInUserSchema,
})
export type TokenAuth = z.infer<typeof TokenAuthSchema>

export const RefreshTokenSchema = z.object({
  token: z.string().min(1),
  payload: TokenPayloadSchema,
  refreshExpiresIn: z.number().int(),
})
export type RefreshToken = z.infer<typeof RefreshTokenSchema>

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable(),
  avatar: z.string().nullable(),
})
export type Me = z.infer<typeof MeSchema>

export const RoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  created: z.string(),
  topic: z.object({ name: z.string() }).nullable(),
  host: z.object({ username: z.string() }),
  participants: z.array(UserRefSchema),
})
export type Room = z.infer<typeof RoomSchema>

export const HistoryMessageSchema = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), username: z.string(), avatar: z.string().nullable() }),
  body: z.string(),
  edited: z.boolean(),
  created: isoString,
  updated: isoString,
})
export type HistoryMessage = z.infer<typeof HistoryMessageSchema>

export const TopicSchema = z.object({ name: z.string() })
export type Topic = z.infer<typeof TopicSchema>

/** The GraphQL selection for a room, shared by every query that returns one. */
export const ROOM_FIELDS =
  'id name slug description created topic { name } host { username } participants { id username }'

/** A room's stable key in the client: `host/slug`. */
export function roomKeyOf(room: { host: { username: string }; slug: string }): string {
  return `${room.host.username}/${room.slug}`
}
