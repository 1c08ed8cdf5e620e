/**
 * Turns wire shapes (socket frames, GraphQL history rows) into the renderer's ChatMessage view
 * model. Pure functions: no state, no I/O.
 */
import type { ChatMessage, RoomKey } from '../../../shared/ipc-contract'
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import type { NewMessageEvent, UpdateMessageEvent } from '../../../shared/frames'
import { parseIsoTimestamp } from '../../../shared/iso-time'
import { avatarUrlFor } from '../media/avatar-path'

/** A message's author as the renderer sees it. */
export type Author = ChatMessage['author']

/** Who "me" is, for ownership decisions, and where authors come from. */
export interface ViewContext {
  baseUrl: string
  roomKey: RoomKey
  /** The signed-in user's username; null when signed out. */
  me: string | null
  /** Shares one author object per user, so 100,000 messages do not hold 100,000 copies. */
  authors?: AuthorCache
}

/** Interns author objects (and their avatar URLs) per user. */
export class AuthorCache {
  // Keyed by user id, without building a key string: this runs for every incoming message.
  private readonly byId = new Map<string, { author: Author; avatar: string | null }>()

  constructor(
    private readonly baseUrl: string,
    private readonly limit = 10_000,
  ) {}

  get(id: string, username: string, avatar: string | null): Author {
    const cached = this.byId.get(id)
    if (cached && cached.author.username === username && cached.avatar === avatar)
      return cached.author
    if (this.byId.size >= this.limit) this.byId.clear()
    const author = Object.freeze({ id, username, avatarUrl: avatarUrlFor(this.baseUrl, avatar) })
    this.byId.set(id, { author, avatar })
    return author
  }
}

function authorOf(ctx: ViewContext, id: string, username: string, avatar: string | null): Author {
  return ctx.authors
    ? ctx.authors.get(id, username, avatar)
    : { id, username, avatarUrl: avatarUrlFor(ctx.baseUrl, avatar) }
}

/** Epoch ms of a validated timestamp (the decoders already rejected malformed ones). */
function millis(iso: string): number {
  return parseIsoTimestamp(iso) ?? 0
}

/** A confirmed message from a live `new` frame. */
export function messageFromNew(
  frame: NewMessageEvent,
  ctx: ViewContext,
  clientId: string | null = null,
): ChatMessage {
  return {
    id: frame.id,
    clientId,
    roomKey: ctx.roomKey,
    author: authorOf(ctx, frame.user_id, frame.user, frame.userAvatar),
    body: frame.body,
    created: millis(frame.created),
    updated: millis(frame.updated),
    edited: frame.edited,
    status: 'confirmed',
    error: null,
    own: ctx.me !== null && frame.user === ctx.me,
    pendingAction: null,
  }
}

/** A confirmed message from a GraphQL history row. */
export function messageFromHistory(
  row: HistoryMessage,
  ctx: ViewContext,
  clientId: string | null = null,
): ChatMessage {
  return {
    id: row.id,
    clientId,
    roomKey: ctx.roomKey,
    author: authorOf(ctx, row.user.id, row.user.username, row.user.avatar),
    body: row.body,
    created: millis(row.created),
    updated: millis(row.updated),
    edited: row.edited,
    status: 'confirmed',
    error: null,
    own: ctx.me !== null && row.user.username === ctx.me,
    pendingAction: null,
  }
}

/** A message after an `update` frame: new body, edited, and no edit waiting any more. */
export function withUpdate(message: ChatMessage, frame: UpdateMessageEvent): ChatMessage {
  return {
    ...message,
    body: frame.body,
    edited: frame.edited,
    updated: millis(frame.updated),
    pendingAction: null,
  }
}

/** A pending message the user just wrote; its id is the client id until the echo arrives. */
export function pendingMessage(
  clientId: string,
  body: string,
  now: number,
  ctx: ViewContext,
  author: { id: string; username: string; avatarUrl: string | null },
): ChatMessage {
  return {
    id: clientId,
    clientId,
    roomKey: ctx.roomKey,
    author,
    body,
    created: now,
    updated: now,
    edited: false,
    status: 'pending',
    error: null,
    own: true,
    pendingAction: null,
  }
}

/** True when two views of the same message differ in anything the renderer shows. */
export function sameContent(a: ChatMessage, b: ChatMessage): boolean {
  return (
    a.body === b.body &&
    a.edited === b.edited &&
    a.updated === b.updated &&
    a.author.avatarUrl === b.author.avatarUrl &&
    a.author.username === b.author.username
  )
}
