/**
 * The EduSphere GraphQL API (docs/protocol.md §2–§3) as typed calls. Every answer is validated with the
 * shared schemas, and every failure is an AppError whose code a UI can act on.
 */
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { TerminalReason } from '../../../shared/ipc-contract'
import {
  HistoryMessageSchema,
  MeSchema,
  ProfileUserSchema,
  RefreshTokenSchema,
  RoomSchema,
  TokenAuthSchema,
  TokenPayloadSchema,
} from '../../../shared/graphql-shapes'
import { reasonFromZod } from '../../../shared/decode'
import { checkServerUrl } from '../../../shared/server-url'
import type {
  HistoryMessage,
  Me,
  ProfileUser,
  RefreshToken,
  Room,
  TokenAuth,
  TokenPayload,
} from '../../../shared/graphql-shapes'
import { GraphQLHttp } from './graphql-http'
import { operations } from './operations'
import type { OperationField } from './operations'
import { text } from '../../../shared/i18n'
import type { UploadFile } from './graphql-http'
import { errorFromGraphQL } from './graphql-errors'

export { errorFromGraphQL }

/**
 * Normalises what a user typed as the server address to its origin (the shared rule the sign-in
 * form also applies); throws an invalid-argument AppError with the shared wording otherwise.
 */
export function normaliseServerUrl(input: string): string {
  const checked = checkServerUrl(input)
  if (!checked.ok) throw new AppError('invalid-argument', checked.problem)
  return checked.origin
}

const RoomResultSchema = z.object({ room: RoomSchema.nullable() }).nullable()

const noRoomIn = (field: string): AppError =>
  new AppError('protocol', text('error.noRoomInAnswer', { field }))

/** The GraphQL client: one per server origin, sharing its cookie jar and CSRF token. */
export class EduSphereApi {
  readonly baseUrl: string
  private readonly http: GraphQLHttp

  constructor(baseUrl: string, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
    this.baseUrl = normaliseServerUrl(baseUrl)
    this.http = new GraphQLHttp(this.baseUrl, opts)
  }

  /** The current CSRF token, exposed for tests of the rotation rule. */
  get csrfToken(): string | null {
    return this.http.csrfToken
  }

  /** Signs in with email and password (works even with a stale token around). */
  signIn(email: string, password: string): Promise<TokenAuth> {
    return this.call('tokenAuth', { email, password }, null, TokenAuthSchema)
  }

  /**
   * A new token with a new exp; must be called before the current one expires. The old token goes
   * only as the argument: never as a header (null here) nor a cookie (the jar keeps no JWT).
   */
  refresh(token: string): Promise<RefreshToken> {
    return this.call('refreshToken', { token }, null, RefreshTokenSchema)
  }

  /** The token's payload, if the server still accepts it. */
  async verify(token: string): Promise<TokenPayload> {
    const result = await this.call(
      'verifyToken',
      { token },
      null,
      z.object({ payload: TokenPayloadSchema }),
    )
    return result.payload
  }

  /** deleteToken: clears the server's cookie (there is no server-side revocation). */
  async signOut(token: string): Promise<void> {
    await this.call('deleteToken', {}, token, z.object({ deleted: z.boolean().nullable() }))
  }

  /** The signed-in user. */
  me(token: string): Promise<Me> {
    return this.call('me', {}, token, MeSchema)
  }

  /** The rooms `username` has joined, newest first. */
  joinedRooms(token: string, username: string): Promise<Room[]> {
    return this.call('roomsParticipatedByUser', { user: username }, token, z.array(RoomSchema))
  }

  /** All rooms, most participants first, optionally filtered by a search text. */
  browseRooms(token: string, search?: string): Promise<Room[]> {
    const text = search?.trim() ?? ''
    return this.call('rooms', text ? { search: text } : {}, token, z.array(RoomSchema))
  }

  /** One room; AppError 'not-found' when it does not exist. */
  async room(token: string | null, host: string, slug: string): Promise<Room> {
    const room = await this.call('room', { host, slug }, token, RoomSchema.nullable())
    if (!room)
      throw new AppError('not-found', text('error.roomNotFound', { room: `${host}/${slug}` }))
    return room
  }

  /** The whole history of a room, oldest first. */
  history(token: string | null, host: string, slug: string): Promise<HistoryMessage[]> {
    return this.call('messages', { host, slug }, token, z.array(HistoryMessageSchema))
  }

  /** Adds the signed-in user as a participant of `host/slug` (idempotent); returns the room. */
  async joinRoom(token: string, host: string, slug: string): Promise<Room> {
    const result = await this.call(
      'joinRoom',
      { host, slug },
      token,
      z.object({ room: RoomSchema.nullable() }).nullable(),
    )
    if (!result?.room)
      throw new AppError('not-found', text('error.roomNotFound', { room: `${host}/${slug}` }))
    return result.room
  }

  /** Topic names, for the room form's suggestions. */
  async topics(token: string | null, search?: string): Promise<string[]> {
    const text = search?.trim() ?? ''
    const list = await this.call(
      'topics',
      text ? { search: text } : {},
      token,
      z.array(z.object({ name: z.string() }).nullable()),
    )
    return list.flatMap((t) => (t ? [t.name] : []))
  }

  /** Creates a room hosted (and joined) by the signed-in user; the topic is made when new. */
  async createRoom(
    token: string,
    form: { name: string; topic: string; description: string },
  ): Promise<Room> {
    const result = await this.call('createRoom', form, token, RoomResultSchema)
    if (!result?.room) throw noRoomIn('createRoom')
    return result.room
  }

  /** Renames, re-describes or re-topics a room (host only); an omitted field keeps its value. */
  async updateRoom(
    token: string,
    host: string,
    slug: string,
    changes: { name?: string; topic?: string; description?: string },
  ): Promise<Room> {
    const result = await this.call(
      'updateRoom',
      { host, slug, ...changes },
      token,
      RoomResultSchema,
    )
    if (!result?.room) throw noRoomIn('updateRoom')
    return result.room
  }

  /** Deletes a room, its history and memberships (host only). */
  async deleteRoom(token: string, host: string, slug: string): Promise<void> {
    const schema = z.object({ success: z.boolean().nullable() }).nullable()
    const result = await this.call('deleteRoom', { host, slug }, token, schema)
    if (result?.success === false) throw new AppError('protocol', text('error.roomNotDeleted'))
  }

  /** Changes the signed-in user's name, bio and avatar (a multipart upload); omitted: unchanged. */
  async updateUser(
    token: string,
    changes: { name?: string; bio?: string },
    avatar?: Omit<UploadFile, 'variable'>,
  ): Promise<ProfileUser> {
    const schema = z.object({ user: ProfileUserSchema.nullable() }).nullable()
    const files = avatar ? [{ ...avatar, variable: 'avatar' }] : []
    const result = await this.call('updateUser', changes, token, schema, files)
    if (!result?.user) throw new AppError('protocol', text('error.noProfile'))
    return result.user
  }

  /** Creates an account; form errors come back as an invalid-argument AppError with `fields`. */
  async registerUser(form: {
    username: string
    name: string
    email: string
    password1: string
    password2: string
  }): Promise<void> {
    const schema = z.object({ success: z.boolean().nullable() }).nullable()
    const result = await this.call('registerUser', form, null, schema)
    if (result?.success === false) throw new AppError('protocol', text('error.accountNotCreated'))
  }

  /**
   * Why a chat handshake was refused with 403 (docs/protocol.md §4 gives no reason): an expired session,
   * an unknown room, or not being a participant. Null when GraphQL shows none of these.
   */
  async classifyRejection(
    token: string,
    host: string,
    slug: string,
  ): Promise<TerminalReason | null> {
    let me: Me
    try {
      me = await this.me(token)
    } catch (error) {
      if (error instanceof AppError && error.code === 'session-expired') return 'session-expired'
      throw error
    }
    let room: Room
    try {
      room = await this.room(token, host, slug)
    } catch (error) {
      if (error instanceof AppError && error.code === 'not-found') return 'room-not-found'
      throw error
    }
    const member = room.participants.some((p) => p.id === me.id || p.username === me.username)
    return member ? null : 'not-participant'
  }

  /**
   * Sends the one document for `field` (operations.ts), as a multipart request when `files` go
   * with it, and validates data[field] with `schema`.
   */
  private async call<T>(
    field: OperationField,
    variables: Record<string, unknown>,
    token: string | null,
    schema: z.ZodType<T>,
    files: readonly UploadFile[] = [],
  ): Promise<T> {
    const body =
      files.length > 0
        ? await this.http.upload(operations[field], variables, files, token)
        : await this.http.post(operations[field], variables, token)
    if (body.errors.length > 0) throw errorFromGraphQL(field, body.errors)
    if (!body.data || !(field in body.data))
      throw new AppError('protocol', text('error.noData', { field }))
    const value = body.data[field]
    const parsed = schema.safeParse(value)
    if (!parsed.success)
      throw new AppError(
        'protocol',
        text('error.badShape', { field, detail: reasonFromZod(parsed.error, value) }),
      )
    return parsed.data
  }
}
