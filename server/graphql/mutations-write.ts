/**
 * Room and message mutations: createRoom, updateRoom, deleteRoom, joinRoom, updateMessage,
 * deleteMessage. Ownership failures are "Permission denied" (PERMISSION_DENIED); form failures are
 * "Invalid data". Message edits here touch the database only: like the real server, no open
 * socket hears about them.
 */
import { randomUUID } from 'node:crypto'
import type { ServerContext } from '../context'
import type { MessageRow, RoomRow, UserRow } from '../store/db'
import type { FormCheck } from './graphql-errors'
import {
  charField,
  DjangoText,
  FormCheck as Form,
  notFound,
  permissionDenied,
  ResolverText,
  roomNotFound,
} from './graphql-errors'

const NAME_MAX = 200
const TOPIC_MAX = 200

/** Django's `slugify`: ASCII, lower case, runs of spaces/hyphens become one hyphen. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\s!-~]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
}

/** Text for a room name that slugifies to nothing (its URL would be empty). */
export const ROOM_NAME_NEEDS_LETTERS = 'Room name must contain letters or digits.'

function roomOf(ctx: ServerContext, host: unknown, slug: unknown): RoomRow {
  const room = ctx.store.roomByHostSlug(String(host), String(slug))
  if (!room) throw roomNotFound()
  return room
}

/** The host's other room with this name (names are unique per host, case-insensitively). */
function nameTaken(ctx: ServerContext, host: UserRow, name: string, except?: string): boolean {
  const lower = name.toLowerCase()
  return ctx.directory
    .rooms({ host: host.username })
    .some((r) => r.id !== except && (r.name.toLowerCase() === lower || r.slug === slugify(name)))
}

function checkTopic(form: FormCheck, value: unknown): string {
  return charField(form, 'topic', value, TOPIC_MAX)
}

/** `createRoom(name, topicName, description)`: the topic is created when needed; the host joins. */
export function createRoom(ctx: ServerContext, host: UserRow, args: Record<string, unknown>) {
  const form = new Form()
  const name = charField(form, 'name', args.name, NAME_MAX)
  const slug = slugify(name)
  if (name !== '' && !form.has('name') && slug === '') form.add('name', ROOM_NAME_NEEDS_LETTERS)
  const topicName = checkTopic(form, args.topicName)
  const description = typeof args.description === 'string' ? args.description.trim() : ''
  if (!form.has('name') && name !== '' && nameTaken(ctx, host, name))
    form.add('__all__', DjangoText.roomNameTaken)
  form.throwIfInvalid()
  const { store } = ctx
  const room = store.db.transaction(() => {
    const topic = store.ensureTopic(topicName)
    const now = ctx.micros()
    const row = store.insertRoom({
      id: randomUUID(),
      host_id: host.id,
      topic_id: topic.id,
      name,
      slug,
      description,
      created: now,
      updated: now,
    })
    store.addParticipant(row.id, host.id)
    return row
  })()
  return { room }
}

/** `updateRoom(hostSlug, roomSlug, name?, topicName?, description?)`: host only; the slug stays. */
export function updateRoom(ctx: ServerContext, user: UserRow, args: Record<string, unknown>) {
  const room = roomOf(ctx, args.hostSlug, args.roomSlug)
  if (room.host_id !== user.id) throw permissionDenied()
  const form = new Form()
  const name = 'name' in args ? charField(form, 'name', args.name, NAME_MAX) : room.name
  if ('name' in args && name !== '' && !form.has('name') && slugify(name) === '')
    form.add('name', ROOM_NAME_NEEDS_LETTERS)
  const topicName = 'topicName' in args ? checkTopic(form, args.topicName) : null
  const description =
    'description' in args
      ? typeof args.description === 'string'
        ? args.description.trim()
        : ''
      : room.description
  if (!form.has('name') && name !== '' && nameTaken(ctx, user, name, room.id))
    form.add('__all__', DjangoText.roomNameTaken)
  form.throwIfInvalid()
  const { store } = ctx
  const updated = store.db.transaction(() => {
    const topicId = topicName === null ? room.topic_id : store.ensureTopic(topicName).id
    const changes = { name, description, topic_id: topicId, updated: ctx.micros() }
    ctx.directory.updateRoom(room.id, changes)
    return { ...room, ...changes }
  })()
  return { room: updated }
}

/** `deleteRoom(hostSlug, roomSlug) { success }`: host only; history and memberships go too. */
export function deleteRoom(ctx: ServerContext, user: UserRow, args: Record<string, unknown>) {
  const room = roomOf(ctx, args.hostSlug, args.roomSlug)
  if (room.host_id !== user.id) throw permissionDenied()
  ctx.directory.deleteRoom(room.id)
  return { success: true }
}

/** `joinRoom(hostSlug, roomSlug) { room }`: adds the caller as a participant; idempotent. */
export function joinRoom(ctx: ServerContext, user: UserRow, args: Record<string, unknown>) {
  const room = roomOf(ctx, args.hostSlug, args.roomSlug)
  ctx.store.addParticipant(room.id, user.id)
  return { room }
}

function ownMessage(ctx: ServerContext, user: UserRow, id: unknown): MessageRow {
  const message = ctx.directory.messageById(String(id))
  if (!message) throw notFound(ResolverText.messageNotFound)
  if (message.user_id !== user.id) throw permissionDenied()
  return message
}

/**
 * `updateMessage(messageId, body) { message }`: owner only; sets `edited`. Like the real
 * resolver (Message.update), the body is stored as given, without the socket's 500 limit.
 */
export function updateMessage(ctx: ServerContext, user: UserRow, args: Record<string, unknown>) {
  const message = ownMessage(ctx, user, args.messageId)
  const body = String(args.body)
  const updated = ctx.micros()
  ctx.store.updateMessage(message.id, body, updated)
  return { message: { ...message, body, edited: 1, updated } }
}

/** `deleteMessage(messageId) { success }`: owner only. */
export function deleteMessage(ctx: ServerContext, user: UserRow, args: Record<string, unknown>) {
  const message = ownMessage(ctx, user, args.messageId)
  ctx.store.deleteMessage(message.id)
  return { success: true }
}
