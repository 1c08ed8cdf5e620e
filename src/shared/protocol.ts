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
  const date = new Date(Date.UTC(2000, +mo! - 1, +d!, +h!, +mi!, +s!))
  // setUTCFullYear, not Date.UTC's year: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(+y!)
  const ms = date.getTime()
  if (Number.isNaN(ms)) return null
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48
  const b = text.charCodeAt(i + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/**
 * parseIsoMicros without the regex, for the hot path of incoming frames: the same result for
 * every input, because anything but the plain common shape (year >= 1970, valid fields) is
 * handed to parseIsoMicros itself.
 */
export function fastIsoMicros(text: string): number | null {
  const len = text.length
  if (
    len < 19 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return parseIsoMicros(text)
  const hi = twoDigits(text, 0)
  const lo = twoDigits(text, 2)
  const mo = twoDigits(text, 5)
  const d = twoDigits(text, 8)
  const h = twoDigits(text, 11)
  const mi = twoDigits(text, 14)
  const sec = twoDigits(text, 17)
  const y = hi * 100 + lo
  if (hi < 0 || lo < 0 || y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23)
    return parseIsoMicros(text)
  if (mi < 0 || mi > 59 || sec < 0 || sec > 59) return parseIsoMicros(text)
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  if (d > DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0)) return parseIsoMicros(text)
  let i = 19
  let micros = 0
  if (i < len && text.charCodeAt(i) === 46) {
    let digits = 0
    for (i++; i < len && digits < 6; i++, digits++) {
      const c = text.charCodeAt(i) - 48
      if (c < 0 || c > 9) break
      micros = micros * 10 + c
    }
    if (digits === 0) return parseIsoMicros(text)
    for (; digits < 6; digits++) micros *= 10
  }
  let offsetMin = 0
  if (i < len) {
    const z = text.charCodeAt(i)
    if (z === 90 && i + 1 === len) offsetMin = 0
    else if ((z === 43 || z === 45) && i + 6 === len && text.charCodeAt(i + 3) === 58) {
      const oh = twoDigits(text, i + 1)
      const om = twoDigits(text, i + 4)
      if (oh < 0 || om < 0) return parseIsoMicros(text)
      offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om)
    } else return parseIsoMicros(text)
  }
  return (Date.UTC(y, mo - 1, d, h, mi, sec) - offsetMin * 60_000) * 1000 + micros
}

/** Epoch milliseconds of a Python isoformat timestamp, or null. */
export function parseIsoTimestamp(text: string): number | null {
  const us = fastIsoMicros(text)
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
