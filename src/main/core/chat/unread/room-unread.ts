/**
 * One room's read state: the read mark, and the unread and mention counts after it. The room
 * timeline tells it what happened (a load, a live message, an edit or delete, the user reading);
 * it moves the mark forward (never back), recounts only when it must, and reports changes.
 */
import type { ChatMessage } from '../../../../shared/ipc-contract'
import { mentionsUser } from '../../../../shared/mentions'
import type { ReadMark, UnreadState } from './read-position'
import {
  NOTHING_UNREAD,
  countsAsUnread,
  isLaterMark,
  markOf,
  mayBeAfterMark,
  newestConfirmed,
  unreadAfter,
} from './read-position'

export interface RoomUnreadDeps {
  /** The read mark as last saved (the store's), or null when the room was never shown. */
  mark: ReadMark | null
  /** The signed-in user's username (mentions), or null. */
  me(): string | null
  /** The room's messages in display order (read only when a recount needs them). */
  messages(): readonly ChatMessage[]
  /** The unread or mention count changed. */
  countsChanged(): void
  /** The mark moved forward: the caller saves it. */
  markChanged?(mark: ReadMark): void
}

/** The read mark and what is unread after it. */
export class RoomUnread {
  unread = 0
  mentions = 0
  private current: ReadMark | null

  constructor(private readonly deps: RoomUnreadDeps) {
    this.current = deps.mark
  }

  get mark(): ReadMark | null {
    return this.current
  }

  /** The user sees the room: everything in it is read. */
  markRead(): void {
    const newest = newestConfirmed(this.deps.messages())
    if (newest) this.advance(markOf(newest))
    this.set(NOTHING_UNREAD)
  }

  /** A count known before the messages are (the store counted it); the first load replaces it. */
  seed(unread: number): void {
    this.set({ unread, mentions: this.mentions })
  }

  /** What is unread after `mark` in the messages held now. */
  since(mark: ReadMark | null): UnreadState {
    return unreadAfter(this.deps.messages(), mark, this.deps.me())
  }

  /**
   * A history was loaded. The room in view is read; a room never shown before starts read up to
   * its newest message (an empty one from the start of time, so everything that comes is
   * unread); any other room counts what came after its mark.
   */
  loaded(active: boolean): void {
    if (active) return this.markRead()
    if (this.current === null) {
      const newest = newestConfirmed(this.deps.messages())
      this.advance(newest ? markOf(newest) : { messageId: '', createdUs: 0 })
      return this.set(NOTHING_UNREAD)
    }
    this.set(this.since(this.current))
  }

  /** A new live message from someone else. */
  arrived(message: ChatMessage, active: boolean): void {
    if (active) return this.advance(markOf(message))
    const mention = mentionsUser(message.body, this.deps.me()) ? 1 : 0
    this.set({ unread: this.unread + 1, mentions: this.mentions + mention })
  }

  /** Our own message (echo, or from another device): everything before it has been read. */
  ownArrived(message: ChatMessage): void {
    this.advance(markOf(message))
    this.set(NOTHING_UNREAD)
  }

  /** A message was edited or deleted: if it was unread, the counts may change. */
  touched(message: ChatMessage): void {
    if (this.unread === 0 || this.current === null) return
    if (countsAsUnread(message) && mayBeAfterMark(message, this.current))
      this.set(this.since(this.current))
  }

  private advance(mark: ReadMark): void {
    if (!isLaterMark(mark, this.current)) return
    this.current = mark
    this.deps.markChanged?.(mark)
  }

  private set(state: Pick<UnreadState, 'unread' | 'mentions'>): void {
    if (this.unread === state.unread && this.mentions === state.mentions) return
    this.unread = state.unread
    this.mentions = state.mentions
    this.deps.countsChanged()
  }
}
