/**
 * The signed-in account's local store as the chat service uses it: opened at sign-in and session
 * restore, closed when another account signs in, deleted at sign-out. Each room gets a
 * RoomPersistence over it: the durable outbox journal, the history as last seen, and the live
 * frames, written once per batch interval (one transaction per room) instead of once per frame.
 *
 * Nothing here throws at the chat service: the store reports its own failures as notices, which
 * become error events the user sees (the app then works on from the network, as before).
 */
import type { ChatEvent, RoomKey } from '../../../../shared/ipc-contract'
import type { ServerFrame } from '../../../../shared/frames'
import type { Room } from '../../../../shared/graphql-shapes'
import type { AccountStore } from '../../store/account-store'
import type {
  ReadMark,
  StoredMessage,
  StoredOutboxEntry,
  StoreNotice,
} from '../../store/store-types'
import type { Clock, OpenAccountStore, TimerHandle } from '../../ports'
import type { OutboxJournal, RestoredEntry } from '../outbox'
import type { BackgroundOp } from '../../store/writer/background-ops'

/** Live writes are gathered this long (the renderer's batch interval) into one transaction. */
export const STORE_FLUSH_MS = 16
/** The WAL is folded into the file this long after the last write (never inside a burst). */
export const STORE_IDLE_CHECKPOINT_MS = 1000
/** A draft is written this long after its last change: typing writes once, not per key. */
export const DRAFT_SAVE_MS = 500

/** What one room controller reads from and writes to the store. */
export interface RoomPersistence {
  journal: OutboxJournal
  /** The history as last seen: the newest `limit` messages, oldest first. */
  window(limit: number): { messages: StoredMessage[]; hasOlder: boolean }
  /**
   * The stored page before message `beforeId` (oldest first); null when that message is not
   * stored, so the store cannot tell where the page starts.
   */
  older(beforeId: string, limit: number): { messages: StoredMessage[]; hasOlder: boolean } | null
  /** One stored message (a change to it arrived after main let it go from its window). */
  message(id: string): StoredMessage | null
  /** My stored messages older than `beforeId` (to see what another device changed there). */
  ownBefore(beforeId: string, username: string): StoredMessage[]
  /** The unsent outbox, in the order it was written. */
  outbox(): RestoredEntry[]
  /** A whole history was fetched and merged: the store follows (rows carry our client ids). */
  historyFetched(rows: readonly StoredMessage[]): void
  /** A live frame was applied; `clientId` is set when a `new` echoed our own text. */
  frameApplied(frame: ServerFrame, clientId: string | null): void
  /** How far the user had read when the app last ran (null: never shown). */
  readMark(): ReadMark | null
  /** The read mark moved: saved with the next batch of writes (it moves with every message read). */
  readMarkChanged(mark: ReadMark): void
  /** Stored messages from others after `mark`: the unread count before the room is loaded. */
  unreadCount(mark: ReadMark, me: string | null): number
}

type Write =
  | { kind: 'upsert'; message: StoredMessage }
  | { kind: 'edit'; frame: Extract<ServerFrame, { action: 'update' }> }
  | { kind: 'delete'; id: string }

/** The user-visible text of a store notice (null for one the user need not hear about). */
export function noticeText(notice: StoreNotice): string {
  switch (notice.kind) {
    case 'moved-aside': {
      const lost =
        notice.lostOutbox === null
          ? ' Unsent messages it held could not be counted, so some may be lost.'
          : notice.lostOutbox > 0
            ? ` ${notice.lostOutbox} unsent messages could not be recovered.`
            : ''
      const recovered =
        notice.recoveredOutbox > 0 ? ` ${notice.recoveredOutbox} unsent messages were kept.` : ''
      return `Your local message store was damaged (${notice.reason}) and has been reset; the old file was kept aside.${recovered}${lost}`
    }
    case 'memory-only':
      return `Your messages cannot be saved on this computer (${notice.reason}); unsent messages will be lost if the app quits.`
    case 'unavailable':
      return `The local message store could not be loaded (${notice.reason}); the app works from the network only.`
    case 'io-error':
      return `Saving messages on this computer failed (${notice.operation}: ${notice.reason}).`
  }
}

function restoredOf(e: StoredOutboxEntry): RestoredEntry | null {
  const base = {
    clientId: e.clientId,
    created: e.created,
    state: e.state,
    firstSentAt: e.firstSentAt,
    error: e.error,
  }
  if (e.kind === 'text' && e.body !== null) return { ...base, kind: 'text', body: e.body }
  if (e.kind === 'edit' && e.body !== null && e.messageId !== null)
    return { ...base, kind: 'edit', messageId: e.messageId, body: e.body }
  if (e.kind === 'delete' && e.messageId !== null)
    return { ...base, kind: 'delete', messageId: e.messageId }
  return null
}

function storedOfNew(frame: Extract<ServerFrame, { action: 'new' }>, clientId: string | null) {
  return {
    id: frame.id,
    user: { id: frame.user_id, username: frame.user, avatar: frame.userAvatar },
    body: frame.body,
    edited: frame.edited,
    created: frame.created,
    updated: frame.updated,
    clientId,
  } satisfies StoredMessage
}

export interface AccountDataDeps {
  open?: OpenAccountStore
  clock: Clock
  emit(event: ChatEvent): void
}

/** The current account's store (or none), and the rooms' view of it. */
export class AccountData {
  private store: AccountStore | null = null
  private unsubscribe: (() => void) | null = null
  private readonly pending = new Map<RoomKey, Write[]>()
  private readonly pendingMarks = new Map<RoomKey, ReadMark>()
  private flushTimer: TimerHandle | null = null
  private idleTimer: TimerHandle | null = null
  /**
   * The outbox as read once at start, by room: restoring fifty (or 1,500) rooms costs one query,
   * not one each. Dropped at the first outbox write; a room created after that reads its own.
   */
  private outboxByRoom: Map<RoomKey, StoredOutboxEntry[]> | null = null
  /** Every room's draft as the composer last sent it; the store follows (DRAFT_SAVE_MS). */
  private drafts = new Map<RoomKey, string>()
  private readonly unsavedDrafts = new Set<RoomKey>()
  private draftTimer: TimerHandle | null = null

  constructor(private readonly deps: AccountDataDeps) {}

  get current(): AccountStore | null {
    return this.store
  }

  /** Opens the account's store (closing another one); its notice becomes an error event. */
  open(origin: string, username: string): void {
    this.close()
    this.outboxByRoom = null
    if (!this.deps.open) return
    const { store, notice } = this.deps.open({ origin, username })
    if (notice) this.report(notice)
    this.store = store
    this.unsubscribe = store?.onNotice((n) => this.report(n)) ?? null
    this.drafts = new Map(store?.drafts.all())
  }

  /** Writes what is pending and closes the store (another account, quit). */
  close(): void {
    this.flush()
    this.saveDrafts()
    this.outboxByRoom = null
    this.clearTimers()
    this.unsubscribe?.()
    this.unsubscribe = null
    this.store?.close()
    this.store = null
  }

  /** Sign-out: the account's local data goes with it. */
  destroy(): void {
    this.pending.clear()
    this.pendingMarks.clear()
    this.drafts.clear()
    this.unsavedDrafts.clear()
    this.outboxByRoom = null
    this.clearTimers()
    this.unsubscribe?.()
    this.unsubscribe = null
    this.store?.destroy()
    this.store = null
  }

  /** The rooms as last seen (empty without a store). */
  rooms(): Room[] {
    return this.store?.rooms.list() ?? []
  }

  roomsFetched(rooms: readonly Room[]): void {
    this.store?.rooms.replaceAll(rooms)
  }

  roomJoined(room: Room): void {
    this.store?.rooms.upsert(room)
  }

  /** The composer's unsent text in a room ('' when none). */
  draftOf(key: RoomKey): string {
    return this.drafts.get(key) ?? ''
  }

  /** The composer's text changed: kept now, written to the store once typing pauses. */
  saveDraft(key: RoomKey, body: string): void {
    if (this.draftOf(key) === body) return
    if (body === '') this.drafts.delete(key)
    else this.drafts.set(key, body)
    if (!this.store) return
    this.unsavedDrafts.add(key)
    const { clock } = this.deps
    if (this.draftTimer !== null) clock.clearTimeout(this.draftTimer)
    this.draftTimer = clock.setTimeout(() => {
      this.draftTimer = null
      this.saveDrafts()
    }, DRAFT_SAVE_MS)
  }

  /** Writes the drafts changed since the last write (also at close, so quitting keeps them). */
  private saveDrafts(): void {
    const store = this.store
    if (!store || this.unsavedDrafts.size === 0) return
    const ops: BackgroundOp[] = []
    for (const key of this.unsavedDrafts)
      ops.push({ op: 'draft', roomKey: key, body: this.draftOf(key) })
    store.background.write(ops)
    this.unsavedDrafts.clear()
    this.wroteSomething()
  }

  /** A room that is gone (deleted): its row, history and outbox go from the store too. */
  roomRemoved(key: RoomKey): void {
    this.pending.delete(key)
    // Writes for it already handed over land first, so none arrives after its rows are gone.
    this.store?.background.settle()
    this.store?.rooms.remove(key)
  }

  /** The persistence of one room, bound to the store open now (null without one). */
  forRoom(key: RoomKey): RoomPersistence | null {
    const store = this.store
    if (!store) return null
    // A room of an account that has since been closed writes nothing (its store is gone).
    const live = (): AccountStore | null => (this.store === store ? store : null)
    /** The store for an outbox write (which makes the outbox read at start stale). */
    const writing = (): AccountStore | null => {
      this.outboxByRoom = null
      return live()
    }
    const journal: OutboxJournal = {
      put: (entry, created) => {
        const body = entry.kind === 'delete' ? null : entry.body
        const messageId = entry.kind === 'text' ? null : entry.messageId
        writing()?.outbox.put({ ...entry, roomKey: key, body, messageId, created })
      },
      inFlight: (clientId, sentAt) => void writing()?.outbox.markInFlight(clientId, sentAt),
      queued: (clientId) => void writing()?.outbox.markQueued(clientId),
      failed: (clientId, error) => void writing()?.outbox.markFailed(clientId, error),
      unconfirmed: (clientId) => void writing()?.outbox.markUnconfirmed(clientId),
      removed: (clientId) => void writing()?.outbox.remove(clientId),
    }
    return {
      journal,
      window: (limit) => store.history.window(key, { limit }),
      older: (beforeId, limit) => {
        // Live writes still gathered would be missing from the page: write them first.
        this.settle()
        const before = store.history.cursorOfId(key, beforeId)
        return before ? store.history.window(key, { before, limit }) : null
      },
      message: (id) => {
        this.settle()
        return store.history.byId(key, id)
      },
      ownBefore: (beforeId, username) => {
        this.settle()
        const before = store.history.cursorOfId(key, beforeId)
        return before ? store.history.byAuthorBefore(key, before, username) : []
      },
      outbox: () =>
        this.outboxOf(store, key)
          .map(restoredOf)
          .filter((e) => e !== null),
      historyFetched: (rows) => {
        // Live writes queued before the fetch are older than it: the fetch replaces them.
        this.pending.delete(key)
        live()?.background.write([{ op: 'replace', roomKey: key, messages: [...rows] }])
        this.wroteSomething()
      },
      frameApplied: (frame, clientId) => {
        if ('error' in frame || !live()) return
        const write: Write =
          frame.action === 'new'
            ? { kind: 'upsert', message: storedOfNew(frame, clientId) }
            : frame.action === 'update'
              ? { kind: 'edit', frame }
              : { kind: 'delete', id: frame.id }
        const list = this.pending.get(key)
        if (list) list.push(write)
        else this.pending.set(key, [write])
        this.scheduleFlush()
      },
      readMark: () => store.readMarks.get(key),
      readMarkChanged: (mark) => {
        if (!live()) return
        this.pendingMarks.set(key, mark)
        this.scheduleFlush()
      },
      unreadCount: (mark, me) =>
        store.history.countAfter(key, { createdUs: mark.createdUs, id: mark.messageId }, me),
    }
  }

  private scheduleFlush(): void {
    this.flushTimer ??= this.deps.clock.setTimeout(() => {
      this.flushTimer = null
      this.flush()
    }, STORE_FLUSH_MS)
  }

  /** A room's unsent outbox, from the one read of the whole outbox while nothing has changed. */
  private outboxOf(store: AccountStore, key: RoomKey): StoredOutboxEntry[] {
    if (store !== this.store) return store.outbox.list(key)
    if (!this.outboxByRoom) {
      const byRoom = new Map<RoomKey, StoredOutboxEntry[]>()
      for (const entry of store.outbox.list()) {
        const list = byRoom.get(entry.roomKey)
        if (list) list.push(entry)
        else byRoom.set(entry.roomKey, [entry])
      }
      this.outboxByRoom = byRoom
    }
    return this.outboxByRoom.get(key) ?? []
  }

  /** Hands the gathered live frames and read marks to the store, in arrival order. */
  flush(): void {
    const store = this.store
    if (!store) return
    if (this.pending.size === 0 && this.pendingMarks.size === 0) return
    const ops: BackgroundOp[] = []
    for (const [roomKey, mark] of this.pendingMarks) ops.push({ op: 'read-mark', roomKey, mark })
    this.pendingMarks.clear()
    for (const [roomKey, writes] of this.pending) {
      let run: StoredMessage[] = []
      const upsertRun = (): void => {
        if (run.length > 0) ops.push({ op: 'upsert', roomKey, messages: run })
        run = []
      }
      for (const w of writes) {
        if (w.kind === 'upsert') {
          run.push(w.message)
          continue
        }
        upsertRun()
        if (w.kind === 'delete') ops.push({ op: 'delete', roomKey, id: w.id })
        else {
          const { id, body, edited, updated } = w.frame
          ops.push({ op: 'edit', roomKey, edit: { id, body, edited, updated } })
        }
      }
      upsertRun()
    }
    this.pending.clear()
    store.background.write(ops)
    this.wroteSomething()
  }

  /** Everything gathered so far is committed: a read that follows sees it. */
  private settle(): void {
    this.flush()
    this.store?.background.settle()
  }

  private wroteSomething(): void {
    const { clock } = this.deps
    if (this.idleTimer !== null) clock.clearTimeout(this.idleTimer)
    this.idleTimer = clock.setTimeout(() => {
      this.idleTimer = null
      this.store?.checkpoint()
    }, STORE_IDLE_CHECKPOINT_MS)
  }

  private clearTimers(): void {
    const { clock } = this.deps
    if (this.flushTimer !== null) clock.clearTimeout(this.flushTimer)
    if (this.idleTimer !== null) clock.clearTimeout(this.idleTimer)
    if (this.draftTimer !== null) clock.clearTimeout(this.draftTimer)
    this.flushTimer = null
    this.idleTimer = null
    this.draftTimer = null
  }

  private report(notice: StoreNotice): void {
    this.deps.emit({ kind: 'error', roomKey: null, code: 'internal', message: noticeText(notice) })
  }
}
