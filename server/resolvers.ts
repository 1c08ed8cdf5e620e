/**
 * GraphQL resolvers: the queries and mutations of docs/protocol.md §2–§3 with the real server's error
 * texts. Account and room creation live in `mutations-write.ts`.
 */
import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql'
import { GraphQLError } from 'graphql'
import type { IncomingMessage } from 'node:http'
import { GraphQLErrorText } from '../src/shared/graphql-shapes'
import type { RequestAuth } from './auth'
import { JWT_COOKIE } from './auth'
import type { ServerContext } from './context'
import { nowSeconds } from './context'
import { expiredCookie, parseCookies, serializeCookie } from './cookies'
import { csrfCookie, newCsrfSecret } from './csrf'
import type { MessageRow, RoomRow, TopicRow, UserRow } from './db'
import { signJwt, verifyJwt } from './jwt'
import type { JwtPayload } from './jwt'
import { createRoom, registerUser } from './mutations-write'
import { verifyPassword } from './passwords'

/** Per-request state the resolvers read and write (cookies to set on the response). */
export interface GqlContext {
  server: ServerContext
  req: IncomingMessage
  auth: RequestAuth
  setCookies: string[]
}

type Resolver = GraphQLFieldResolver<unknown, GqlContext, Record<string, unknown>>
type ResolverMap = Record<string, Record<string, Resolver>>

/** Error for an unknown room, with the code clients branch on. */
export function roomNotFound(): GraphQLError {
  return new GraphQLError(GraphQLErrorText.roomNotFound, { extensions: { code: 'NOT_FOUND' } })
}

/** The signed-in user, or graphql-jwt's `login_required` failure. */
export function requireUser(ctx: GqlContext): UserRow {
  if (ctx.auth.kind !== 'user') throw new GraphQLError(GraphQLErrorText.permissionDenied)
  return ctx.auth.user
}

function roomOrThrow(ctx: GqlContext, host: unknown, slug: unknown): RoomRow {
  const room = ctx.server.store.roomByHostSlug(String(host), String(slug))
  if (!room) throw roomNotFound()
  return room
}

/** Issues a token pair's response fields and the cookies tokenAuth/refreshToken set. */
function issueToken(ctx: GqlContext, email: string, origIat: number) {
  const { server } = ctx
  const payload: JwtPayload = { email, exp: nowSeconds(server) + server.tokenTtl, origIat }
  const token = signJwt(payload, server.secret)
  ctx.setCookies.push(
    serializeCookie(JWT_COOKIE, token, {
      maxAge: server.tokenTtl,
      httpOnly: true,
      sameSite: 'Lax',
    }),
    // Django's rotate_token: the old CSRF secret stops matching the client's new cookie.
    csrfCookie(newCsrfSecret()),
  )
  return { token, payload, refreshExpiresIn: origIat + server.refreshTtl }
}

/** The token argument, else the JWT cookie, else graphql-jwt's "Token is required". */
function tokenArgument(ctx: GqlContext, args: Record<string, unknown>): string {
  const token =
    typeof args.token === 'string' && args.token !== ''
      ? args.token
      : parseCookies(ctx.req.headers.cookie).get(JWT_COOKIE)
  if (!token) throw new GraphQLError(GraphQLErrorText.tokenRequired)
  return token
}

function verifiedPayload(ctx: GqlContext, token: string): JwtPayload {
  const result = verifyJwt(token, ctx.server.secret, nowSeconds(ctx.server))
  if (!result.ok) throw new GraphQLError(result.error)
  return result.payload
}

const Query: Record<string, Resolver> = {
  me: (_root, _args, ctx) => requireUser(ctx),
  roomsParticipatedByUser: (_root, args, ctx) => {
    const user = ctx.server.store.userByUsername(String(args.userSlug))
    return user ? ctx.server.store.roomsOf(user.id) : []
  },
  rooms: (_root, args, ctx) =>
    ctx.server.store.rooms({
      host: typeof args.hostSlug === 'string' ? args.hostSlug : undefined,
      search: typeof args.search === 'string' ? args.search : undefined,
      topic: typeof args.topic === 'string' ? args.topic : undefined,
    }),
  room: (_root, args, ctx) => roomOrThrow(ctx, args.hostSlug, args.roomSlug),
  messages: (_root, args, ctx) =>
    ctx.server.store.messages(roomOrThrow(ctx, args.hostSlug, args.roomSlug).id),
  topics: (_root, _args, ctx) => ctx.server.store.topics(),
}

const Mutation: Record<string, Resolver> = {
  tokenAuth: async (_root, args, ctx) => {
    const user = ctx.server.store.userByEmail(String(args.email))
    const ok = user !== undefined && (await verifyPassword(String(args.password), user.password))
    if (!ok) throw new GraphQLError(GraphQLErrorText.invalidCredentials)
    return { ...issueToken(ctx, user.email, nowSeconds(ctx.server)), success: true, user }
  },
  refreshToken: (_root, args, ctx) => {
    const payload = verifiedPayload(ctx, tokenArgument(ctx, args))
    if (!ctx.server.store.userByEmail(payload.email)) throw new GraphQLError('Invalid payload')
    if (nowSeconds(ctx.server) > payload.origIat + ctx.server.refreshTtl)
      throw new GraphQLError(GraphQLErrorText.refreshExpired)
    return issueToken(ctx, payload.email, payload.origIat)
  },
  verifyToken: (_root, args, ctx) => ({ payload: verifiedPayload(ctx, tokenArgument(ctx, args)) }),
  deleteToken: (_root, _args, ctx) => {
    const had = parseCookies(ctx.req.headers.cookie).has(JWT_COOKIE)
    ctx.setCookies.push(expiredCookie(JWT_COOKIE))
    return { deleted: had }
  },
  joinRoom: (_root, args, ctx) => {
    const user = requireUser(ctx)
    const room = ctx.server.store.roomById(String(args.roomId))
    if (!room) throw roomNotFound()
    ctx.server.store.addParticipant(room.id, user.id)
    return { room }
  },
  createRoom: (_root, args, ctx) => ({ room: createRoom(ctx.server, requireUser(ctx), args) }),
  registerUser: async (_root, args, ctx) => ({ user: await registerUser(ctx.server, args) }),
}

const UserType: Record<string, Resolver> = {
  avatar: (user) => (user as UserRow).avatar ?? '',
}
const RoomType: Record<string, Resolver> = {
  host: (room, _a, ctx) => ctx.server.store.userById((room as RoomRow).host_id) ?? null,
  topic: (room, _a, ctx) => {
    const id = (room as RoomRow).topic_id
    return id === null ? null : (ctx.server.store.topicById(id) ?? null)
  },
  participants: (room, _a, ctx) => ctx.server.store.participants((room as RoomRow).id),
}
const MessageType: Record<string, Resolver> = {
  user: (m, _a, ctx) => ctx.server.store.userById((m as MessageRow).user_id),
  room: (m, _a, ctx) => ctx.server.store.roomById((m as MessageRow).room_id),
  edited: (m) => (m as MessageRow).edited === 1,
}
const TopicType: Record<string, Resolver> = { id: (t) => String((t as TopicRow).id) }

/**
 * Root fields fail with the token's error when a bad token is attached, except tokenAuth, which
 * must work so a client holding an expired token can sign in again.
 */
function guardRoot(name: string, resolve: Resolver): Resolver {
  if (name === 'tokenAuth') return resolve
  return (root, args, ctx, info) => {
    if (ctx.auth.kind === 'invalid') throw new GraphQLError(ctx.auth.error)
    return resolve(root, args, ctx, info)
  }
}

/** Attaches every resolver to the schema's fields. */
export function attachResolvers(schema: GraphQLSchema): GraphQLSchema {
  const map: ResolverMap = { Query, Mutation, UserType, RoomType, MessageType, TopicType }
  for (const [typeName, fields] of Object.entries(map)) {
    const type = schema.getType(typeName) as GraphQLObjectType
    const defs = type.getFields()
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = defs[fieldName]
      if (!field) throw new Error(`schema has no field ${typeName}.${fieldName}`)
      const isRoot = typeName === 'Query' || typeName === 'Mutation'
      field.resolve = isRoot ? guardRoot(fieldName, resolve) : resolve
    }
  }
  return schema
}
