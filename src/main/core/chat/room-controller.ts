/**
 * One joined room at runtime: its socket (RoomConnection) and its timeline. Keeps history in sync
 * after every (re)open, buffering live frames during the fetch and applying them after it in
 * order, and flushes the outbox only while the socket is open and history is in sync.
 *
 * What reaches the renderer: nothing about messages until the room is opened; then the whole
 * list once per open (`messages-reset`), and after it one event per change. While a reset is
 * owed, changes are not sent on their own: the reset carries them.
 */
import type { ChatEvent, ChatMessage, ConnectionSnapshot } from '../../../shared/ipc-contract'
import { parseIsoTimestamp } from '../../../shared/iso-time'
import { AppError } from '../../../shared/errors'
import type { HistoryMessage, Room } from '../../../shared/graphql-shapes'
import type { ServerFrame } from '../../../shared/frames'
import { roomKeyOf } from '../../../shared/graphql-shapes'
import type { Clock, Notifier, RoomConnection, RoomConnectionDeps, TimerHandle } from '../ports'
import type { MeView } from './room-timeline'
import { frameFor, RoomTimeline } from './room-timeline'
import type { RestoredEntry } from './outbox'
import type { RoomPersistence } from './service/account-data'
import { text } from '../../../shared/i18n'
import type { ReadMark } from './unread/read-position'
import { loadOlderPage } from './history/older-pages'
import { MEMORY_ONLY_WINDOW, TRIM_SLACK, WINDOW_SIZE } from './history/history-window'

export type { MeView } from './room-timeline'

/** Invalid frames closer together than this count as one burst and are reported once. */
export const INVALID_BURST_MS = 10_000
/** After a failed history fetch on an open socket, try again this much later. */
export const SYNC_RETRY_MS = 5_000

export type ConnectionHandlers = Pick<
  RoomConnectionDeps,
  'onFrame' | 'onInvalidFrame' | 'onStateChange' | 'onOpen' | 'onFailed'
>

export interface RoomControllerDeps {
  room: Room
  baseUrl: string
  clock: Clock
  /** Error notifications (connection lost, server errors). */
  notifier: Pick<Notifier, 'error'>
  me(): MeView | null
  newClientId(): string
  fetchHistory(): Promise<HistoryMessage[]>
  connect(handlers: ConnectionHandlers): RoomConnection
  /** The user is looking at this room (active and the window focused): nothing is unread. */
  isActive(): boolean
  /** A live message from someone else: the service decides, with the policy, whether to notify. */
  messageFromOther(author: string, body: string): void
  emit(event: ChatEvent): void
  /** The unread count changed: the service re-emits the room summary. */
  summaryChanged(): void
  /** The account's local store for this room; null when running without one. */
  persistence?: RoomPersistence | null
}

const MESSAGE_EVENTS: ReadonlySet<ChatEvent['kind']> = new Set([
  'messages-reset',
  'older-messages-loaded',
  'message-upserted',
  'message-removed',
])

/** The live state of one joined room. */
export class RoomController {
  readonly key: string
  readonly timeline: RoomTimeline
  snapshot: ConnectionSnapshot
  private readonly connection: RoomConnection
  private syncing = false
  private syncRequested = false
  private syncRunning: Promise<void> | null = null
  private lastSyncError: unknown = null
  private syncRetry: TimerHandle | null = null
  private buffer: ServerFrame[] = []
  private lastInvalidAt = Number.NEGATIVE_INFINITY
  private disposed = false
  /** Opened since it was joined: its message changes go to the renderer. */
  private visible = false
  /** An open asked for the history and it has not gone out yet. */
  private owed = false
  /** The last reset went out before any history had loaded (only local messages). */
  private partial = false
  /** The stored window has been read (it is read once, lazily). */
  private storedRead = false
  /** The read mark when the room was last opened: the "New messages" divider goes after it. */
  private dividerMark: ReadMark | null = null
  /** The room is the one on screen: pages the reader loaded stay until it is left. */
  private reading = false
  /** Older messages the reader paged into the window since opening the room. */
  private pagedIn = 0
  /** Creation time (ms) of the oldest message the renderer was sent since the room was opened. */
  private shownFloor: number | null = null

  constructor(private readonly deps: RoomControllerDeps) {
    const key = roomKeyOf(deps.room)
    this.key = key
    this.timeline = new RoomTimeline({
      roomKey: key,
      baseUrl: deps.baseUrl,
      me: deps.me,
      now: () => deps.clock.now(),
      newClientId: deps.newClientId,
      isActive: deps.isActive,
      emit: (event) => this.forward(event),
      unreadChanged: deps.summaryChanged,
      messageFromOther: deps.messageFromOther,
      serverError: (said) => {
        deps.emit({ kind: 'error', roomKey: key, code: 'server', message: said })
        deps.notifier.error(deps.room.name, said, key)
      },
      windowSize: deps.persistence ? WINDOW_SIZE : MEMORY_ONLY_WINDOW,
      ...(deps.persistence ? this.storedParts(deps.persistence) : {}),
      readMark: deps.persistence?.readMark() ?? null,
    })
    // Until the room's messages are read, the store's count keeps the room list and tray right.
    const mark = this.timeline.reads.mark
    if (mark && deps.persistence)
      this.timeline.reads.seed(deps.persistence.unreadCount(mark, deps.me()?.username ?? null))
    // The unsent outbox at once (it is sent as soon as the room connects); the history as last
    // seen when the room is first opened or synced, unless the outbox needs it now to recognise
    // entries whose echo was stored before the app stopped.
    const outbox = deps.persistence?.outbox() ?? []
    if (outbox.length > 0) this.restoreStored(outbox)
    this.connection = deps.connect({
      onFrame: (frame) => (this.syncing ? this.buffer.push(frame) : this.applyFrame(frame)),
      onInvalidFrame: (reason) => this.invalidFrame(reason),
      onStateChange: (snapshot) => this.stateChanged(snapshot),
      onOpen: () => void this.requestSync(true),
      onFailed: (message) => {
        deps.emit({ kind: 'error', roomKey: key, code: 'connection', message })
        deps.notifier.error(text('notify.connectionLost', { room: deps.room.name }), message, key)
      },
    })
    this.snapshot = this.connection.snapshot
  }

  get room(): Room {
    return this.deps.room
  }

  /** The host renamed or re-described it (same key, so the same socket and timeline). */
  set room(room: Room) {
    this.deps.room = room
  }

  get unread(): number {
    return this.timeline.unread
  }

  get mentions(): number {
    return this.timeline.mentions
  }

  start(): void {
    this.connection.open()
  }

  dispose(): void {
    this.disposed = true
    if (this.syncRetry !== null) this.deps.clock.clearTimeout(this.syncRetry)
    this.syncRetry = null
    this.connection.close()
  }

  retryNow(): void {
    this.connection.retryNow()
  }

  nudge(): void {
    this.connection.nudge()
  }

  /**
   * The user opened the room: its history goes to the renderer once, as soon as it is loaded
   * (at once when it already is). Rejects with the fetch error when it cannot load; a later
   * successful fetch still delivers it.
   */
  async open(): Promise<void> {
    // Before anything reads the room (the registry marks it read right after this starts).
    this.dividerMark = this.timeline.reads.mark
    this.visible = true
    this.reading = true
    this.owed = true
    this.restoreStored([])
    // Loaded (from the store, or an earlier fetch): shown at once; a running fetch merges over it.
    if (this.timeline.messages.loaded) return this.deliver()
    if (this.syncRunning) await this.syncRunning
    if (!this.timeline.messages.loaded) await this.requestSync(true)
    if (this.owed && !this.disposed) this.deliver()
    if (!this.timeline.messages.loaded)
      throw this.lastSyncError ?? new AppError('internal', text('error.historyNotLoaded'))
  }

  /** The reader left the room: what they paged in goes back to the store. */
  close(): void {
    this.reading = false
    this.pagedIn = 0
    this.shownFloor = null
    this.timeline.messages.trimOldest(this.timeline.windowSize)
  }

  /**
   * The page before `beforeId` joins the window and goes to the renderer as one event (or in
   * the reset, when one is owed).
   */
  async loadOlder(beforeId: string): Promise<void> {
    const page = await loadOlderPage({
      beforeId,
      held: this.timeline.messages,
      persistence: this.deps.persistence ?? null,
      fetchHistory: this.deps.fetchHistory,
    })
    if (this.disposed) return
    // Main's window reaches down to the reader's oldest message: the page joins it. Otherwise
    // main let that part go during a flood, and the page only goes to the renderer.
    const contiguous = this.timeline.messages.oldestConfirmed()?.id === beforeId
    const messages = contiguous
      ? this.timeline.addOlder(page.messages, page.hasOlder)
      : this.timeline.viewOf(page.messages)
    if (contiguous && this.reading) this.pagedIn += messages.length
    this.shown(messages)
    this.forward({
      kind: 'older-messages-loaded',
      roomKey: this.key,
      messages,
      hasOlder: page.hasOlder,
    })
  }

  markRead(): void {
    this.timeline.markRead()
  }

  send(body: string): string {
    const clientId = this.timeline.send(body)
    this.flush()
    return clientId
  }

  edit(messageId: string, body: string): void {
    this.timeline.edit(messageId, body)
    this.flush()
  }

  delete(messageId: string): void {
    this.timeline.delete(messageId)
    this.flush()
  }

  retry(clientId: string): void {
    this.timeline.retry(clientId)
    this.flush()
  }

  discard(clientId: string): void {
    this.timeline.discard(clientId)
  }

  /** What the timeline reads from and writes to the room's store. */
  private storedParts(persistence: RoomPersistence) {
    return {
      journal: persistence.journal,
      storedOwnBefore: persistence.ownBefore,
      readMarkChanged: persistence.readMarkChanged,
      storedMessage: (id: string) => {
        const floor = this.showing() ? this.shownFloor : null
        const stored = floor === null ? null : persistence.message(id)
        // Older than anything the renderer was sent: it cannot be showing it.
        return stored && (parseIsoTimestamp(stored.created) ?? 0) >= floor! ? stored : null
      },
    }
  }

  /** Messages (oldest first) went to the renderer: it may show down to the oldest of them. */
  private shown(messages: readonly ChatMessage[]): void {
    const oldest = messages[0]?.created
    if (oldest !== undefined && (this.shownFloor === null || oldest < this.shownFloor))
      this.shownFloor = oldest
  }

  /** The renderer holds this room's messages and hears of each change on its own. */
  private showing(): boolean {
    return this.visible && !this.owed
  }

  /** Message events go out only for a room the renderer holds, and not while a reset is owed. */
  private forward(event: ChatEvent): void {
    if (!this.showing() && MESSAGE_EVENTS.has(event.kind)) return
    this.deps.emit(event)
  }

  /** The room's whole list, once: everything the renderer shows of it starts from here. */
  private deliver(): void {
    this.owed = false
    this.partial = !this.timeline.messages.loaded
    const { hasOlder } = this.timeline.messages
    const messages = this.timeline.messages.list()
    this.shownFloor = null
    this.shown(messages)
    const { firstUnreadId } = this.timeline.reads.since(this.dividerMark)
    this.deps.emit({ kind: 'messages-reset', roomKey: this.key, messages, firstUnreadId, hasOlder })
  }

  private invalidFrame(reason: string): void {
    const now = this.deps.clock.now()
    const quiet = now - this.lastInvalidAt > INVALID_BURST_MS
    this.lastInvalidAt = now
    if (quiet)
      this.timeline.report(`Ignored a malformed message from the server (${reason}).`, 'protocol')
  }

  private stateChanged(snapshot: ConnectionSnapshot): void {
    const wasOpen = this.snapshot.state === 'connected'
    this.snapshot = snapshot
    if (wasOpen && snapshot.state !== 'connected') this.timeline.outbox.connectionLost()
    this.deps.emit({ kind: 'connection-changed', roomKey: this.key, connection: snapshot })
  }

  /** Fetches history (again if `fresh` and one is already running), then merges and flushes. */
  requestSync(fresh: boolean): Promise<void> {
    if (fresh || !this.syncRunning) this.syncRequested = true
    this.syncRunning ??= this.runSync().finally(() => (this.syncRunning = null))
    return this.syncRunning
  }

  private async runSync(): Promise<void> {
    this.restoreStored([])
    this.syncing = true
    try {
      while (this.syncRequested && !this.disposed) {
        this.syncRequested = false
        try {
          const rows = await this.deps.fetchHistory()
          if (this.disposed) return
          this.timeline.applyHistory(rows)
          this.persistFetched(rows)
          this.lastSyncError = null
        } catch (error) {
          this.lastSyncError = error
        }
      }
    } finally {
      this.syncing = false
      const buffered = this.buffer
      this.buffer = []
      for (const frame of buffered) this.applyFrame(frame)
      this.flush()
    }
    // A room nobody reads keeps only its window; the rest of what was fetched is in the store.
    if (!this.reading) this.timeline.messages.trimOldest(this.timeline.windowSize)
    const loaded = this.timeline.messages.loaded
    if (!this.disposed && this.visible && loaded && (this.owed || this.partial)) this.deliver()
    if (this.lastSyncError !== null && !this.disposed) this.syncFailed(this.lastSyncError)
  }

  /** Reads the room's stored window (once) into the timeline, with `outbox` entries. */
  private restoreStored(outbox: RestoredEntry[]): void {
    if (this.storedRead || !this.deps.persistence) return
    this.storedRead = true
    const stored = this.deps.persistence.window(this.timeline.windowSize)
    this.timeline.restore(stored.messages, outbox, stored.hasOlder)
  }

  private applyFrame(frame: ServerFrame): void {
    this.timeline.applyFrame(frame)
    this.boundWindow()
    const persistence = this.deps.persistence
    if (!persistence) return
    const isNew = 'action' in frame && frame.action === 'new'
    persistence.frameApplied(frame, isNew ? this.clientIdOf(frame.id) : null)
  }

  /** The client id of a held message; a `new` frame's message is usually the newest, no lookup. */
  private clientIdOf(id: string): string | null {
    const messages = this.timeline.messages
    const newest = messages.newestConfirmed()
    return (newest?.id === id ? newest : messages.confirmedById(id))?.clientId ?? null
  }

  /**
   * Live messages grow the window; once it holds a window's worth (TRIM_SLACK) more than it
   * should, the oldest go, the open room's too: during a flood main's memory stays bounded.
   * The open room keeps the pages its reader loaded; what the renderer still shows below the
   * window is paged and changed from the store.
   */
  private boundWindow(): void {
    const held = this.timeline.messages
    const keep = this.timeline.windowSize + (this.reading ? this.pagedIn : 0)
    if (held.confirmedCount > keep + this.timeline.windowSize * (TRIM_SLACK - 1))
      held.trimOldest(keep)
  }

  /** The store follows the fetched history, with the client ids of our confirmed messages. */
  private persistFetched(rows: readonly HistoryMessage[]): void {
    const persistence = this.deps.persistence
    if (!persistence) return
    const messages = this.timeline.messages
    persistence.historyFetched(
      rows.map((r) => ({ ...r, clientId: messages.confirmedById(r.id)?.clientId ?? null })),
    )
  }

  private syncFailed(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error)
    const code = error instanceof AppError ? error.code : 'internal'
    this.timeline.report(`Could not load the history of ${this.deps.room.name}: ${detail}`, code)
    if (this.snapshot.state !== 'connected' || this.syncRetry !== null) return
    this.syncRetry = this.deps.clock.setTimeout(() => {
      this.syncRetry = null
      if (!this.disposed && this.snapshot.state === 'connected') void this.requestSync(true)
    }, SYNC_RETRY_MS)
  }

  /** Sends queued entries in order while the socket is open and history is in sync. */
  private flush(): void {
    if (this.syncing || this.disposed || this.snapshot.state !== 'connected') return
    const outbox = this.timeline.outbox
    for (const entry of outbox.queued()) {
      // On disk as "may have left" before it can leave: after a crash its fate is looked up in
      // the history, never guessed.
      outbox.journal.inFlight(entry.clientId, entry.firstSentAt ?? this.deps.clock.now())
      const outcome = this.connection.send(frameFor(entry, this.deps.clock.now()))
      if (!outcome.sent && outcome.reason === 'invalid') {
        this.timeline.failUnsendable(entry, `Not sent: ${outcome.detail}`)
        continue
      }
      if (!outcome.sent) {
        outbox.journal.queued(entry.clientId)
        break
      }
      outbox.markInFlight(entry, this.deps.clock.now())
    }
  }
}
