/**
 * GraphQL resolvers: every query and mutation of the real schema with the real resolvers'
 * behaviour (docs/protocol.md §2–§3). Token mutations live in `auth-mutations.ts`, account writes in
 * `account-mutations.ts`, room and message writes in `mutations-write.ts`.
 */
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql'
import { GraphQLError, GraphQLObjectType } from 'graphql'
import { registerUser, updateUser } from './account-mutations'
import * as auth from './auth-mutations'
import type { MessageRow, RoomRow, TopicRow, UserRow } from '../store/db'
import { notFound, ResolverText, roomNotFound } from './graphql-errors'
import * as write from './mutations-write'
import type { GqlContext } from './resolver-context'
import { requireUser } from './resolver-context'

export type { GqlContext } from './resolver-context'
export { requireUser } from './resolver-context'

type Args = Record<string, unknown>
type Resolver = GraphQLFieldResolver<unknown, GqlContext, Args>

function roomOrThrow(ctx: GqlContext, host: unknown, slug: unknown): RoomRow {
  const room = ctx.server.store.roomByHostSlug(String(host), String(slug))
  if (!room) throw roomNotFound()
  return room
}

function userOrThrow(ctx: GqlContext, username: unknown): UserRow {
  const user = ctx.server.store.userByUsername(String(username))
  if (!user) throw notFound(ResolverText.userNotFound)
  return user
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

const Query: Record<string, Resolver> = {
  me: (_root, _args, ctx) => requireUser(ctx),
  authStatus: (_root, _args, ctx) =>
    ctx.auth.kind === 'user'
      ? { isAuthenticated: true, user: ctx.auth.user }
      : { isAuthenticated: false, user: null },
  rooms: (_root, args, ctx) =>
    ctx.server.directory.rooms({
      host: text(args.hostSlug),
      search: text(args.search),
      topics: Array.isArray(args.topic)
        ? args.topic.filter((t): t is string => typeof t === 'string' && t !== '')
        : [],
    }),
  roomsParticipatedByUser: (_root, args, ctx) =>
    ctx.server.store.roomsOf(userOrThrow(ctx, args.userSlug).id),
  roomsNotParticipatedByUser: (_root, args, ctx) =>
    ctx.server.directory.roomsNotOf(userOrThrow(ctx, args.userSlug).id),
  room: (_root, args, ctx) => roomOrThrow(ctx, args.hostSlug, args.roomSlug),
  topics: (_root, args, ctx) =>
    ctx.server.directory.topics(
      text(args.search),
      typeof args.minRooms === 'number' ? args.minRooms : undefined,
    ),
  messages: (_root, args, ctx) =>
    ctx.server.store.messages(roomOrThrow(ctx, args.hostSlug, args.roomSlug).id),
  messagesByUser: (_root, args, ctx) =>
    ctx.server.directory.messagesByUser(userOrThrow(ctx, args.userSlug).id),
  users: (_root, args, ctx) => ctx.server.directory.users(text(args.search)),
  user: (_root, args, ctx) => userOrThrow(ctx, args.userSlug),
}

const Mutation: Record<string, Resolver> = {
  tokenAuth: (_root, args, ctx) => auth.tokenAuth(ctx, args),
  refreshToken: (_root, args, ctx) => auth.refreshToken(ctx, args),
  verifyToken: (_root, args, ctx) => auth.verifyToken(ctx, args),
  deleteToken: (_root, _args, ctx) => auth.deleteToken(ctx),
  deleteRefreshToken: (_root, _args, ctx) => auth.deleteRefreshToken(ctx),
  registerUser: (_root, args, ctx) => registerUser(ctx.server, args),
  updateUser: (_root, args, ctx) => updateUser(ctx.server, requireUser(ctx), args),
  createRoom: (_root, args, ctx) => write.createRoom(ctx.server, requireUser(ctx), args),
  updateRoom: (_root, args, ctx) => write.updateRoom(ctx.server, requireUser(ctx), args),
  deleteRoom: (_root, args, ctx) => write.deleteRoom(ctx.server, requireUser(ctx), args),
  joinRoom: (_root, args, ctx) => write.joinRoom(ctx.server, requireUser(ctx), args),
  updateMessage: (_root, args, ctx) => write.updateMessage(ctx.server, requireUser(ctx), args),
  deleteMessage: (_root, args, ctx) => write.deleteMessage(ctx.server, requireUser(ctx), args),
}

const UserType: Record<string, Resolver> = {
  // The model's fields are non-null strings; rows from older data directories may hold NULL.
  name: (user) => (user as UserRow).name ?? '',
  avatar: (user) => (user as UserRow).avatar ?? '',
}
const RoomType: Record<string, Resolver> = {
  host: (room, _a, ctx) => ctx.server.store.userById((room as RoomRow).host_id),
  topic: (room, _a, ctx) => {
    const id = (room as RoomRow).topic_id
    return id === null ? null : ctx.server.store.topicById(id)
  },
  description: (room) => (room as RoomRow).description ?? '',
  participants: (room, _a, ctx) => ctx.server.store.participants((room as RoomRow).id),
}
const MessageType: Record<string, Resolver> = {
  user: (m, _a, ctx) => ctx.server.store.userById((m as MessageRow).user_id),
  room: (m, _a, ctx) => ctx.server.store.roomById((m as MessageRow).room_id),
  edited: (m) => (m as MessageRow).edited === 1,
}
const TopicType: Record<string, Resolver> = { id: (t) => String((t as TopicRow).id) }

/** tokenAuth must work with a bad token attached, so a client holding one can sign in again. */
const IGNORES_ATTACHED_TOKEN = new Set(['tokenAuth'])
/**
 * refreshToken and verifyToken run on their own token (argument or cookie); an expired or
 * garbage token attached to the request then fails their sub-fields, so the error's path is
 * e.g. ["refreshToken", "token"] while the new cookies are already set.
 */
const FAILS_AT_SUB_FIELDS: Record<string, string> = {
  refreshToken: 'Refresh',
  verifyToken: 'Verify',
}

function rejectBadToken(resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    if (ctx.auth.kind === 'invalid') throw new GraphQLError(ctx.auth.error)
    return resolve(source, args, ctx, info)
  }
}

const property: Resolver = (source, _args, _ctx, info) =>
  (source as Record<string, unknown>)[info.fieldName]

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType {
  const type = schema.getType(name)
  if (!(type instanceof GraphQLObjectType)) throw new Error(`schema has no object type ${name}`)
  return type
}

/**
 * Attaches every resolver to the schema's fields. Throws when a root field of the schema has no
 * resolver or a resolver names a field the schema lacks, so the two cannot drift apart.
 */
export function attachResolvers(schema: GraphQLSchema): GraphQLSchema {
  const map = { Query, Mutation, UserType, RoomType, MessageType, TopicType }
  for (const [typeName, resolvers] of Object.entries(map)) {
    const fields = objectType(schema, typeName).getFields()
    const isRoot = typeName === 'Query' || typeName === 'Mutation'
    if (isRoot)
      for (const name of Object.keys(fields))
        if (!resolvers[name]) throw new Error(`no resolver for ${typeName}.${name}`)
    for (const [fieldName, resolve] of Object.entries(resolvers)) {
      const field = fields[fieldName]
      if (!field) throw new Error(`schema has no field ${typeName}.${fieldName}`)
      const guarded =
        isRoot && !IGNORES_ATTACHED_TOKEN.has(fieldName) && !FAILS_AT_SUB_FIELDS[fieldName]
      field.resolve = guarded ? rejectBadToken(resolve) : resolve
    }
  }
  for (const typeName of Object.values(FAILS_AT_SUB_FIELDS))
    for (const field of Object.values(objectType(schema, typeName).getFields()))
      field.resolve = rejectBadToken(property)
  return schema
}
