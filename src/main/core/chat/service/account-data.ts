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
import type { StoredMessage, StoredOutboxEntry, StoreNotice } from '../../store/store-types'
import type { Clock, OpenAccountStore, TimerHandle } from '../../ports'
import type { OutboxJournal, RestoredEntry } from '../outbox'

/** Live writes are gathered this long (the renderer's batch interval) into one transaction. */
export const STORE_FLUSH_MS = 16
/** The WAL is folded into the file this long after the last write (never inside a burst). */
export const STORE_IDLE_CHECKPOINT_MS = 1000

/** What one room controller reads from and writes to the store. */
export interface RoomPersistence {
  journal: OutboxJournal
  /** The history as last seen: the newest window, oldest first. */
  window(): StoredMessage[]
  /** The unsent outbox, in the order it was written. */
  outbox(): RestoredEntry[]
  /** A whole history was fetched and merged: the store follows (rows carry our client ids). */
  historyFetched(rows: readonly StoredMessage[]): void
  /** A live frame was applied; `clientId` is set when a `new` echoed our own text. */
  frameApplied(frame: ServerFrame, clientId: string | null): void
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
  private flushTimer: TimerHandle | null = null
  private idleTimer: TimerHandle | null = null

  constructor(private readonly deps: AccountDataDeps) {}

  get current(): AccountStore | null {
    return this.store
  }

  /** Opens the account's store (closing another one); its notice becomes an error event. */
  open(origin: string, username: string): void {
    this.close()
    if (!this.deps.open) return
    const { store, notice } = this.deps.open({ origin, username })
    if (notice) this.report(notice)
    this.store = store
    this.unsubscribe = store?.onNotice((n) => this.report(n)) ?? null
  }

  /** Writes what is pending and closes the store (another account, quit). */
  close(): void {
    this.flush()
    this.clearTimers()
    this.unsubscribe?.()
    this.unsubscribe = null
    this.store?.close()
    this.store = null
  }

  /** Sign-out: the account's local data goes with it. */
  destroy(): void {
    this.pending.clear()
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

  /** A room that is gone (deleted): its row, history and outbox go from the store too. */
  roomRemoved(key: RoomKey): void {
    this.pending.delete(key)
    this.store?.rooms.remove(key)
  }

  /** The persistence of one room, bound to the store open now (null without one). */
  forRoom(key: RoomKey): RoomPersistence | null {
    const store = this.store
    if (!store) return null
    // A room of an account that has since been closed writes nothing (its store is gone).
    const live = (): AccountStore | null => (this.store === store ? store : null)
    const journal: OutboxJournal = {
      put: (entry, created) => {
        const body = entry.kind === 'delete' ? null : entry.body
        const messageId = entry.kind === 'text' ? null : entry.messageId
        live()?.outbox.put({ ...entry, roomKey: key, body, messageId, created })
      },
      inFlight: (clientId, sentAt) => void live()?.outbox.markInFlight(clientId, sentAt),
      queued: (clientId) => void live()?.outbox.markQueued(clientId),
      failed: (clientId, error) => void live()?.outbox.markFailed(clientId, error),
      removed: (clientId) => void live()?.outbox.remove(clientId),
    }
    return {
      journal,
      window: () => store.history.window(key).messages,
      outbox: () =>
        store.outbox
          .list(key)
          .map(restoredOf)
          .filter((e) => e !== null),
      historyFetched: (rows) => {
        // Live writes queued before the fetch are older than it: the fetch replaces them.
        this.pending.delete(key)
        live()?.history.replaceAll(key, rows)
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
        this.flushTimer ??= this.deps.clock.setTimeout(() => {
          this.flushTimer = null
          this.flush()
        }, STORE_FLUSH_MS)
      },
    }
  }

  /** Writes the gathered live frames, one batch per room, in arrival order. */
  flush(): void {
    const store = this.store
    if (!store || this.pending.size === 0) return
    for (const [key, writes] of this.pending) {
      let run: StoredMessage[] = []
      const upsertRun = (): void => {
        if (run.length > 0) store.history.upsertMany(key, run)
        run = []
      }
      for (const w of writes) {
        if (w.kind === 'upsert') {
          run.push(w.message)
          continue
        }
        upsertRun()
        if (w.kind === 'delete') store.history.applyDelete(key, w.id)
        else {
          const { id, body, edited, updated } = w.frame
          store.history.applyEdit(key, { id, body, edited, updated })
        }
      }
      upsertRun()
    }
    this.pending.clear()
    this.wroteSomething()
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
    this.flushTimer = null
    this.idleTimer = null
  }

  private report(notice: StoreNotice): void {
    this.deps.emit({ kind: 'error', roomKey: null, code: 'internal', message: noticeText(notice) })
  }
}
