/**
 * Where the user has read up to in a room, and what is unread after it. Pure.
 *
 * The read mark names the newest message the user has seen (its id and time, as the store keeps
 * it). Messages are in display order, so what is unread is found by walking back from the end
 * until the mark: the cost is the number of unread messages, not the size of the history.
 *
 * The renderer's messages carry epoch milliseconds, the server microseconds; a mark made here
 * covers its whole millisecond (`createdUs` = ms × 1000 + 999). A message of a later millisecond
 * is after the mark; one of the same millisecond is after it when it comes after the marked
 * message in the list (when that message is gone, the whole millisecond counts as read, which
 * is also what the store's `countAfter` says).
 */
import type { ChatMessage } from '../../../../shared/ipc-contract'
import { idKey } from '../../../../shared/frames'
import { mentionsUser } from '../../../../shared/mentions'
import type { ReadMark } from '../../store/store-types'

export type { ReadMark } from '../../store/store-types'

/** What is unread after a mark. */
export interface UnreadState {
  /** Confirmed messages from others after the mark. */
  unread: number
  /** Of those, the ones that mention the user. */
  mentions: number
  /** The oldest of them (where the "New messages" divider goes), or null. */
  firstUnreadId: string | null
}

export const NOTHING_UNREAD: UnreadState = Object.freeze({
  unread: 0,
  mentions: 0,
  firstUnreadId: null,
})

/** The mark that says "read up to and including `message`". */
export function markOf(message: Pick<ChatMessage, 'id' | 'created'>): ReadMark {
  return { messageId: idKey(message.id), createdUs: message.created * 1000 + 999 }
}

function markMs(mark: ReadMark): number {
  return Math.floor(mark.createdUs / 1000)
}

/** True when `message` may be after the mark (its millisecond is not earlier). */
export function mayBeAfterMark(message: Pick<ChatMessage, 'created'>, mark: ReadMark): boolean {
  return message.created >= markMs(mark)
}

/**
 * True when `next` reads at least as far as `current`: a mark never moves back. The same
 * millisecond moves it, since messages are marked in the order they are shown.
 */
export function isLaterMark(next: ReadMark, current: ReadMark | null): boolean {
  return current === null || next.createdUs >= current.createdUs
}

/** Counts from another user's message: confirmed, not ours. */
export function countsAsUnread(message: ChatMessage): boolean {
  return !message.own && message.status === 'confirmed'
}

/**
 * What is unread after `mark` in `messages` (display order). No mark means nothing was ever
 * shown here, which the caller settles by marking the newest message read.
 */
export function unreadAfter(
  messages: readonly ChatMessage[],
  mark: ReadMark | null,
  me: string | null,
): UnreadState {
  if (mark === null) return NOTHING_UNREAD
  const ms = markMs(mark)
  const sure = { unread: 0, mentions: 0, firstUnreadId: null as string | null }
  // Messages of the mark's own millisecond count only once the marked message shows up before them.
  const tie = { unread: 0, mentions: 0, firstUnreadId: null as string | null }
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!
    if (m.status !== 'confirmed') continue // local messages sit at the end, out of time order
    if (idKey(m.id) === mark.messageId) return addTie(sure, tie)
    if (m.created < ms) break
    if (!countsAsUnread(m)) continue
    const into = m.created === ms ? tie : sure
    into.unread++
    if (mentionsUser(m.body, me)) into.mentions++
    into.firstUnreadId = m.id
  }
  return sure
}

function addTie(sure: UnreadState, tie: UnreadState): UnreadState {
  return {
    unread: sure.unread + tie.unread,
    mentions: sure.mentions + tie.mentions,
    firstUnreadId: tie.firstUnreadId ?? sure.firstUnreadId,
  }
}

/** The newest confirmed message, or null. */
export function newestConfirmed(messages: readonly ChatMessage[]): ChatMessage | null {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]!.status === 'confirmed') return messages[i]!
  return null
}
