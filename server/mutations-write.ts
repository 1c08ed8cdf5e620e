/** createRoom and registerUser: the two writes the protocol leaves to us, validated like Django. */
import { randomUUID } from 'node:crypto'
import { GraphQLError } from 'graphql'
import type { ServerContext } from './context'
import type { RoomRow, UserRow } from './db'
import { hashPassword } from './auth/passwords'

const NAME_MAX = 200
const USERNAME_RE = /^[\w.@+-]{1,150}$/
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

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

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/** Creates a room hosted by `host`, who is also its first participant. */
export function createRoom(
  ctx: ServerContext,
  host: UserRow,
  args: Record<string, unknown>,
): RoomRow {
  const name = String(args.name ?? '').trim()
  if (name === '') throw new GraphQLError('Room name is required.')
  if (name.length > NAME_MAX)
    throw new GraphQLError(
      `Ensure this value has at most ${NAME_MAX} characters (it has ${name.length}).`,
    )
  const slug = slugify(name)
  if (slug === '') throw new GraphQLError('Room name must contain letters or digits.')
  const { store } = ctx
  if (store.roomByHostSlug(host.username, slug))
    throw new GraphQLError(`You already host a room called "${slug}".`)
  const topicName = optionalText(args.topic)
  return store.db.transaction(() => {
    const topic = topicName === null ? null : store.ensureTopic(topicName)
    const now = ctx.micros()
    const room = store.insertRoom({
      id: randomUUID(),
      host_id: host.id,
      topic_id: topic?.id ?? null,
      name,
      slug,
      description: optionalText(args.description),
      created: now,
      updated: now,
    })
    store.addParticipant(room.id, host.id)
    return room
  })()
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message)
}

function checkFree(ctx: ServerContext, email: string, username: string): void {
  if (ctx.store.userByUsername(username))
    throw new GraphQLError('A user with that username already exists.')
  if (ctx.store.userByEmail(email)) throw new GraphQLError('User with this Email already exists.')
}

/** Registers an account with Django's default validation messages. */
export async function registerUser(
  ctx: ServerContext,
  args: Record<string, unknown>,
): Promise<UserRow> {
  const email = String(args.email ?? '').trim()
  const username = String(args.username ?? '').trim()
  const password = String(args.password ?? '')
  if (!EMAIL_RE.test(email)) throw new GraphQLError('Enter a valid email address.')
  if (!USERNAME_RE.test(username))
    throw new GraphQLError(
      'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
    )
  if ([...password].length < 8)
    throw new GraphQLError('This password is too short. It must contain at least 8 characters.')
  if (/^\d+$/.test(password)) throw new GraphQLError('This password is entirely numeric.')
  checkFree(ctx, email, username)
  const hash = await hashPassword(password)
  // Checked again after the (async) hashing: a concurrent registration may have won meanwhile.
  checkFree(ctx, email, username)
  try {
    return ctx.store.insertUser({
      id: randomUUID(),
      email,
      username,
      name: optionalText(args.name),
      password: hash,
      avatar: '',
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new GraphQLError('A user with that username already exists.')
    throw error
  }
}
