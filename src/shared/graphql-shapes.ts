/** GraphQL response shapes and error texts the client relies on (docs/protocol.md §2–§3). */
import { z } from 'zod'
import { isoString } from './frames'

/** GraphQL error texts the client must recognise (docs/protocol.md §2–§3). */
export const GraphQLErrorText = {
  invalidCredentials: 'Please enter valid credentials',
  signatureExpired: 'Signature has expired',
  decodingError: 'Error decoding signature',
  tokenRequired: 'Token is required',
  permissionDenied: 'You do not have permission to perform this action',
  roomNotFound: 'Room not found',
  refreshExpired: 'Refresh token is expired',
} as const

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

/** The host username and room slug of a `host/slug` key (the IPC contract validated its form). */
export function splitRoomKey(key: string): { host: string; slug: string } {
  const slash = key.indexOf('/')
  return { host: key.slice(0, slash), slug: key.slice(slash + 1) }
}
