/**
 * The public shapes of the local store: what one signed-in account keeps on disk between runs.
 * Messages are kept in their wire shape (a GraphQL history row plus the client id that sent it),
 * so a window read from the store feeds the same merge code as a history fetch.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import type { HistoryMessage, Room } from '../../../shared/graphql-shapes'

/** A confirmed message as last seen: a history row, plus our client id when this client sent it. */
export type StoredMessage = HistoryMessage & { clientId: string | null }

/** Position in a room's history: messages are ordered by (created, id). */
export interface HistoryCursor {
  /** Epoch microseconds of `created` (the server's precision). */
  createdUs: number
  /** The message id, lower-cased (ids compare case-insensitively). */
  id: string
}

export interface HistoryWindow {
  /** Oldest first, at most `limit`. */
  messages: StoredMessage[]
  /** True when older messages exist before `messages[0]`. */
  hasOlder: boolean
  /** Pass as `before` to read the page before this one; null when the window is empty. */
  oldest: HistoryCursor | null
}

/** The fields of an `update` frame the store keeps. */
export interface MessageEdit {
  id: string
  body: string
  edited: boolean
  updated: string
}

export type OutboxKind = 'text' | 'edit' | 'delete'
/**
 * `in-flight` means "a frame may have left": after a restart such an entry's fate is unknown and
 * is resolved against the history, never blindly resent. `unconfirmed`: a text whose fate the
 * history could not settle (another device of the user was at work); the user decides.
 */
export type StoredOutboxState = 'queued' | 'in-flight' | 'failed' | 'unconfirmed'

export interface NewOutboxEntry {
  clientId: string
  roomKey: RoomKey
  kind: OutboxKind
  /** The text (text, edit); null for a delete. */
  body: string | null
  /** The target message (edit, delete); null for a text. */
  messageId: string | null
  /** Epoch ms when the user wrote it. */
  created: number
}

export interface StoredOutboxEntry extends NewOutboxEntry {
  state: StoredOutboxState
  /** Epoch ms of the first send attempt, for matching against history after a restart. */
  firstSentAt: number | null
  error: string | null
}

/** How far the user has read in a room. */
export interface ReadMark {
  messageId: string
  createdUs: number
}

/** Something the user (or the log) should hear about the store. */
export type StoreNotice =
  /** The file could not be used; it was renamed and a fresh store opened in its place. */
  | {
      kind: 'moved-aside'
      reason: string
      /** Where the old file went (null when renaming failed too and it was deleted). */
      movedTo: string | null
      /** Queued messages copied from the old file into the new one. */
      recoveredOutbox: number
      /** Queued messages that could not be read back; null when that cannot be known. */
      lostOutbox: number | null
    }
  /** The database engine could not be loaded: there is no store this run. */
  | { kind: 'unavailable'; reason: string }
  /** No file could be opened at all: the store lives in memory and is gone at quit. */
  | { kind: 'memory-only'; reason: string }
  /** A read or write failed after opening; the operation was skipped. */
  | { kind: 'io-error'; operation: string; reason: string }

export interface AccountRef {
  /** The server origin, e.g. `https://edusphere.example`; normalised before use. */
  origin: string
  username: string
}

export interface RoomsRepo {
  /** Joined rooms in the order last saved. */
  list(): Room[]
  upsert(room: Room): void
  /** Replaces the whole list (the joined rooms just fetched); rooms not in it are dropped. */
  replaceAll(rooms: readonly Room[]): void
  /**
   * Forgets a room with its history, read mark and draft. Its outbox entries stay: unsent
   * messages are never dropped behind the user's back (outbox.removeRoom does that on purpose).
   */
  remove(roomKey: RoomKey): void
}
