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

/**
 * A room's participant. `name` and `avatar` are optional so rooms saved by an earlier version
 * (which asked for id and username only) still read back.
 */
export const UserRefSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
})
export type UserRef = z.infer<typeof UserRefSchema>
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
  /** Optional: `me` answers without it where only the identity was asked for. */
  bio: z.string().nullable().optional(),
})
export type Me = z.infer<typeof MeSchema>

export const RoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  created: z.string(),
  topic: z.object({ name: z.string() }).nullable(),
  host: UserRefSchema.partial().extend({ username: z.string() }),
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
  'id name slug description created topic { name } host { id username name avatar } ' +
  'participants { id username name avatar }'

/** `updateUser { user }`: the signed-in user as their profile shows them. */
export const ProfileUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable(),
  bio: z.string().nullable(),
  avatar: z.string().nullable(),
})
export type ProfileUser = z.infer<typeof ProfileUserSchema>

/** A room's stable key in the client: `host/slug`. */
export function roomKeyOf(room: { host: { username: string }; slug: string }): string {
  return `${room.host.username}/${room.slug}`
}

/** The host username and room slug of a `host/slug` key (the IPC contract validated its form). */
export function splitRoomKey(key: string): { host: string; slug: string } {
  const slash = key.indexOf('/')
  return { host: key.slice(0, slash), slug: key.slice(slash + 1) }
}
