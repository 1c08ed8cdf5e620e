/**
 * The message timeline of one room without any I/O: messages, outbox, unread count, and how
 * server frames, user commands and fetched history change them. The room controller owns the
 * socket and the history fetch and feeds this; unit tests drive it directly.
 */
import type { ChatEvent, ChatMessage, ErrorCode, RoomKey } from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import { unconfirmedText } from '../../../shared/user-text'
import type {
  ClientFrame,
  DeleteMessageEvent,
  NewMessageEvent,
  ServerFrame,
  UpdateMessageEvent,
} from '../../../shared/frames'
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import type { StoredMessage } from '../store/store-types'
import { bodyError, idKey, isUuid } from '../../../shared/frames'
import { attributeError } from './error-attribution'
import type { KnownMessage } from './fate-resolution'
import { historyShowsOtherDevice, resolveUnknownFates } from './fate-resolution'
import { mergeHistory } from './history/history-merge'
import { splitAtFloor } from './history/history-window'
import type { ViewContext } from './message-view'
import {
  AuthorCache,
  messageFromHistory,
  messageFromNew,
  pendingMessage,
  withUpdate,
} from './message-view'
import type { OutboxEntry, OutboxJournal, RestoredEntry } from './outbox'
import { Outbox } from './outbox'
import { RoomMessages } from './room-state'
import { text } from '../../../shared/i18n'
import type { ReadMark } from './unread/read-position'
import { RoomUnread } from './unread/room-unread'

/** The signed-in user as messages show them. */
export interface MeView {
  id: string
  username: string
  avatarUrl: string | null
}

export interface RoomTimelineDeps {
  roomKey: RoomKey
  baseUrl: string
  me(): MeView | null
  now(): number
  newClientId(): string
  /** The room is the active one: its new messages are read at once. */
  isActive(): boolean
  emit(event: ChatEvent): void
  /** The unread or mention count changed. */
  unreadChanged(): void
  /** The read mark as last saved (the store's), or null when the room was never shown. */
  readMark?: ReadMark | null
  /** The read mark moved forward: the caller saves it. */
  readMarkChanged?(mark: ReadMark): void
  /** A live message from someone else (for native notifications). */
  messageFromOther(author: string, body: string): void
  /** An error frame arrived (already attributed); the caller reports it to the user. */
  serverError(text: string): void
  /** Where outbox changes are made durable (the account's store); none in memory-only runs. */
  journal?: OutboxJournal
  /** Confirmed messages main holds at most after a first load (the window). */
  windowSize?: number
  /** My stored messages older than `beforeId`, by `username` (the store; none without one). */
  storedOwnBefore?(beforeId: string, username: string): readonly StoredMessage[]
  /**
   * A stored message older than the window, when the renderer may still show it (the room is
   * open); null otherwise. Changes to such messages reach the renderer from the stored copy.
   */
  storedMessage?(id: string): StoredMessage | null
}

/** Messages, outbox and unread count of one room. */
export class RoomTimeline {
  readonly messages: RoomMessages
  readonly outbox: Outbox
  /** The read mark and the unread and mention counts after it. */
  readonly reads: RoomUnread
  /**
   * When (deps.now) a fetched history last showed another device of mine at work while this
   * client was away. Live frames do not count: one that arrives while our text's echo is missing
   * was broadcast before that text could have been stored, so it cannot have changed it.
   */
  private otherDeviceSeenAt: number | null = null
  private readonly authors: AuthorCache
  private cachedCtx: ViewContext | null = null

  readonly windowSize: number

  constructor(private readonly deps: RoomTimelineDeps) {
    this.windowSize = deps.windowSize ?? Number.POSITIVE_INFINITY
    this.messages = new RoomMessages(deps.roomKey)
    this.outbox = new Outbox(deps.journal)
    this.authors = new AuthorCache(deps.baseUrl)
    this.reads = new RoomUnread({
      mark: deps.readMark ?? null,
      me: () => this.deps.me()?.username ?? null,
      messages: () => this.messages.list(),
      countsChanged: () => this.deps.unreadChanged(),
      ...(deps.readMarkChanged ? { markChanged: deps.readMarkChanged } : {}),
    })
  }

  get unread(): number {
    return this.reads.unread
  }

  get mentions(): number {
    return this.reads.mentions
  }

  /** The view context, rebuilt only when the signed-in user changes (it is read per frame). */
  private get ctx(): ViewContext {
    const me = this.deps.me()?.username ?? null
    if (this.cachedCtx?.me !== me)
      this.cachedCtx = {
        baseUrl: this.deps.baseUrl,
        roomKey: this.deps.roomKey,
        me,
        authors: this.authors,
      }
    return this.cachedCtx
  }

  markRead(): void {
    this.reads.markRead()
  }

  // -------------------------------------------------------------------------------------------
  // Commands: validated here, queued in the outbox; the controller flushes.

  /** Adds a pending text and returns its client id. */
  send(body: string): string {
    const invalid = bodyError(body)
    if (invalid) throw new AppError('invalid-argument', invalid)
    const me = this.requireMe()
    const clientId = this.deps.newClientId()
    const now = this.deps.now()
    this.outbox.add({ kind: 'text', clientId, body }, now)
    this.putLocal(pendingMessage(clientId, body, now, this.ctx, me))
    return clientId
  }

  edit(messageId: string, body: string): void {
    const target = this.ownTarget(messageId, 'edit')
    const invalid = bodyError(body)
    if (invalid) throw new AppError('invalid-argument', invalid)
    const clientId = this.deps.newClientId()
    this.outbox.add({ kind: 'edit', clientId, messageId: target.id, body }, this.deps.now())
    this.refreshPendingAction(target.id)
  }

  delete(messageId: string): void {
    const target = this.ownTarget(messageId, 'delete')
    const clientId = this.deps.newClientId()
    this.outbox.add({ kind: 'delete', clientId, messageId: target.id }, this.deps.now())
    this.refreshPendingAction(target.id)
  }

  retry(clientId: string): void {
    const entry = this.outbox.byClientId(clientId)
    const message = this.messages.localById(clientId)
    if (!entry || !message || entry.state !== 'failed')
      throw new AppError('not-found', text('error.noFailedMessage'))
    this.outbox.requeue(entry)
    this.putLocal({ ...message, status: 'pending', error: null })
  }

  discard(clientId: string): void {
    const entry = this.outbox.byClientId(clientId)
    const message = this.messages.localById(clientId)
    if (!entry || !message) throw new AppError('not-found', text('error.noUnsentMessage'))
    if (entry.state === 'in-flight' || entry.state === 'unknown')
      throw new AppError('invalid-argument', text('error.onItsWay'))
    this.outbox.remove(entry)
    this.messages.removeLocal(clientId)
    this.deps.emit({ kind: 'message-removed', roomKey: this.deps.roomKey, id: clientId })
  }

  /** A queued entry could not be encoded: it fails instead of blocking the queue. */
  failUnsendable(entry: OutboxEntry, reason: string): void {
    this.settleFailure(entry, reason)
  }

  // -------------------------------------------------------------------------------------------
  // Server frames

  applyFrame(frame: ServerFrame): void {
    if ('error' in frame) return this.applyError(frame.error)
    if (frame.action === 'new') return this.applyNew(frame)
    if (frame.action === 'update') return this.applyUpdate(frame)
    return this.applyDelete(frame)
  }

  private applyNew(frame: NewMessageEvent): void {
    const ctx = this.ctx
    const own = ctx.me !== null && frame.user === ctx.me
    const entry = own ? this.outbox.matchText(frame.body) : undefined
    if (entry) {
      this.outbox.remove(entry)
      this.messages.removeLocal(entry.clientId)
      const message = messageFromNew(frame, ctx, entry.clientId)
      this.messages.putConfirmed(message)
      this.emitUpsert(message, entry.clientId)
      return this.reads.ownArrived(message)
    }
    const message = messageFromNew(frame, ctx)
    const existed = this.messages.upsertConfirmed(message)
    if (existed) {
      // A repeated `new` (history and live overlap) keeps what we know about the message.
      message.clientId = existed.clientId
      message.pendingAction = existed.pendingAction
    }
    this.emitUpsert(message, null)
    if (existed) return
    if (own) return this.reads.ownArrived(message)
    this.reads.arrived(message, this.deps.isActive())
    this.deps.messageFromOther(frame.user, frame.body)
  }

  private applyUpdate(frame: UpdateMessageEvent): void {
    const entry = this.outbox.matchEdit(frame.id, frame.body)
    if (entry) this.outbox.remove(entry)
    const existing = this.messages.confirmedById(frame.id)
    if (!existing) return this.changedBelowWindow(frame)
    const pendingAction = this.outbox.pendingActionFor(existing.id)
    const message = { ...withUpdate(existing, frame), pendingAction }
    this.messages.putConfirmed(message)
    this.emitUpsert(message, null)
    this.reads.touched(message)
  }

  private applyDelete(frame: DeleteMessageEvent): void {
    const entry = this.outbox.matchDelete(frame.id)
    if (entry) this.outbox.remove(entry)
    for (const other of this.outbox.activeFor(frame.id)) {
      this.outbox.remove(other)
      if (other.kind === 'edit')
        this.report('The message was deleted before your edit could be saved.')
    }
    const removed = this.messages.removeConfirmed(frame.id)
    if (!removed) return this.changedBelowWindow(frame)
    this.deps.emit({ kind: 'message-removed', roomKey: this.deps.roomKey, id: removed.id })
    this.reads.touched(removed)
  }

  /**
   * A change to a message main does not hold. Older than the window, it may still be on screen
   * (the reader scrolled up through stored pages), so the renderer hears of it, built from the
   * stored copy; the store follows the frame itself. Neither stored nor held: not loaded yet,
   * and the next history fetch brings it.
   */
  private changedBelowWindow(frame: UpdateMessageEvent | DeleteMessageEvent): void {
    const stored = this.deps.storedMessage?.(frame.id)
    if (!stored) return
    if (frame.action === 'delete') {
      this.deps.emit({ kind: 'message-removed', roomKey: this.deps.roomKey, id: stored.id })
      return
    }
    const view = messageFromHistory(stored, this.ctx, stored.clientId)
    const pendingAction = this.outbox.pendingActionFor(stored.id)
    this.emitUpsert({ ...withUpdate(view, frame), pendingAction }, null)
  }

  private applyError(text: string): void {
    const entry = attributeError(text, this.outbox.inFlight(), {
      exists: (id) => this.messages.confirmedById(id) !== undefined,
      isOwn: (id) => this.messages.confirmedById(id)?.own === true,
    })
    if (entry) this.settleFailure(entry, text)
    this.deps.serverError(text)
  }

  private settleFailure(entry: OutboxEntry, reason: string): void {
    if (entry.kind !== 'text') {
      this.outbox.remove(entry)
      return this.refreshPendingAction(entry.messageId)
    }
    this.outbox.fail(entry, reason)
    const message = this.messages.localById(entry.clientId)
    if (message) this.putLocal({ ...message, status: 'failed', error: reason })
  }

  /**
   * Neither resent (it may be stored already) nor dropped (it may be lost): the user decides.
   * The outbox keeps it as failed, so retry and discard work as for a failed text.
   */
  private settleUnconfirmed(entry: OutboxEntry): void {
    this.outbox.unconfirm(entry, unconfirmedText())
    const message = this.messages.localById(entry.clientId)
    if (message) this.putLocal({ ...message, status: 'unconfirmed', error: unconfirmedText() })
  }

  private sawOtherDevice(): void {
    this.otherDeviceSeenAt = this.deps.now()
  }

  /** Checked before resolving, so that what this history shows counts for this resolution. */
  private noteOtherDeviceIn(rows: readonly HistoryMessage[]): void {
    const requested = new Set<string>()
    for (const e of this.outbox.entries()) if (e.kind !== 'text') requested.add(idKey(e.messageId))
    if (historyShowsOtherDevice(rows, this.knownOwnMessages(), requested)) this.sawOtherDevice()
  }

  /** My messages this client knew: the window's, and the stored ones older than the window. */
  private *knownOwnMessages(): Generator<KnownMessage> {
    yield* this.messages.confirmedMessages()
    const floor = this.messages.oldestConfirmed()
    const me = this.deps.me()?.username
    if (!floor || !me || !this.messages.hasOlder || !this.deps.storedOwnBefore) return
    for (const r of this.deps.storedOwnBefore(floor.id, me))
      yield { id: r.id, body: r.body, own: true }
  }

  // -------------------------------------------------------------------------------------------
  // History

  /**
   * Merges a fetched history, first resolving entries whose fate became unknown when a socket
   * dropped: confirmed by the history, done, gone, or queued again to be resent.
   */
  applyHistory(rows: readonly HistoryMessage[]): void {
    const me = this.deps.me()
    const firstLoad = !this.messages.loaded
    const { below, within } = splitAtFloor(rows, this.messages, this.windowSize)
    const knownIds = new Set<string>()
    for (const m of this.messages.confirmedMessages()) knownIds.add(idKey(m.id))
    // Rows older than the window were seen before (the store holds them), as when main held all.
    if (!firstLoad) for (const r of below) knownIds.add(idKey(r.id))
    const unknown = this.outbox.unknown()
    // On a first load nothing is known yet, so nothing in it can tell another device apart.
    if (me && !firstLoad) this.noteOtherDeviceIn(rows)
    const fateCtx = { me: me?.username ?? '', knownIds, otherDeviceSeenAt: this.otherDeviceSeenAt }
    const fates = me ? resolveUnknownFates(unknown, rows, fateCtx) : new Map()
    const claims = new Map<string, string>()
    for (const [entry, fate] of fates) {
      if (fate.kind !== 'confirmed') continue
      claims.set(idKey(fate.row.id), entry.clientId)
      this.outbox.remove(entry)
    }
    const result = mergeHistory(this.messages, within, this.ctx, claims)
    if (firstLoad || below.length > 0) this.messages.hasOlder = below.length > 0
    for (const event of result.events) this.deps.emit(event)
    // A text confirmed by a row older than the window: its pending copy goes, the row stays stored.
    for (const row of below) {
      const clientId = claims.get(idKey(row.id))
      if (clientId && this.messages.removeLocal(clientId))
        this.deps.emit({ kind: 'message-removed', roomKey: this.deps.roomKey, id: clientId })
    }
    this.reads.loaded(this.deps.isActive())
    for (const [entry, fate] of fates) {
      if (fate.kind === 'resend') this.outbox.requeue(entry)
      else if (fate.kind === 'uncertain') this.settleUnconfirmed(entry)
      else if (fate.kind === 'done') this.outbox.remove(entry)
      else if (fate.kind === 'gone') {
        this.outbox.remove(entry)
        this.report('The message you edited no longer exists, so your edit was not saved.')
      }
      if (entry.kind !== 'text') this.refreshPendingAction(entry.messageId)
    }
  }

  /** Stored rows as the renderer shows them, without holding them (a page below the window). */
  viewOf(rows: readonly StoredMessage[]): ChatMessage[] {
    const ctx = this.ctx
    return rows.map((r) => messageFromHistory(r, ctx, r.clientId))
  }

  /**
   * Older confirmed messages (oldest first) join the window in front: a page the reader asked
   * for. Returns the ones that were not held yet, as the renderer should show them.
   */
  addOlder(rows: readonly StoredMessage[], hasOlder: boolean): ChatMessage[] {
    const ctx = this.ctx
    const page = rows.map(
      (r) => this.messages.confirmedById(r.id) ?? messageFromHistory(r, ctx, r.clientId),
    )
    this.messages.prependConfirmed(page)
    this.messages.hasOlder = hasOlder
    return page
  }

  /**
   * What the store kept from the last run, before any network answer: the history as last seen
   * (a first load, so it emits nothing; the room's reset carries it) and the unsent outbox. It
   * resolves no fates: only a fetched history can say whether an in-flight entry arrived.
   * Stored rows carry the client id that sent them, so an entry whose echo was stored before
   * the app stopped is confirmed here, not sent again.
   */
  restore(
    stored: readonly StoredMessage[],
    entries: readonly RestoredEntry[],
    hasOlder = false,
  ): void {
    const echoed = new Set<string>()
    const claims = new Map<string, string>()
    for (const row of stored)
      if (row.clientId !== null) {
        echoed.add(row.clientId)
        claims.set(idKey(row.id), row.clientId)
      }
    if (stored.length > 0) {
      mergeHistory(this.messages, stored, this.ctx, claims)
      this.messages.hasOlder = hasOlder
      this.reads.loaded(this.deps.isActive())
    }
    const me = this.deps.me()
    for (const entry of entries) {
      if (echoed.has(entry.clientId)) {
        this.outbox.journal.removed(entry.clientId)
        continue
      }
      const unconfirmed = entry.state === 'unconfirmed'
      this.outbox.restore(unconfirmed ? { ...entry, error: unconfirmedText() } : entry)
      if (entry.kind !== 'text') this.refreshPendingAction(entry.messageId)
      else if (me) {
        const pending = pendingMessage(entry.clientId, entry.body, entry.created, this.ctx, me)
        if (unconfirmed)
          this.putLocal({ ...pending, status: 'unconfirmed', error: unconfirmedText() })
        else if (entry.state === 'failed')
          this.putLocal({ ...pending, status: 'failed', error: entry.error })
        else this.putLocal(pending)
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  private ownTarget(messageId: string, action: 'edit' | 'delete'): ChatMessage {
    this.requireMe()
    if (this.messages.localById(messageId))
      throw new AppError('invalid-argument', text('error.notDelivered', { action }))
    if (!isUuid(messageId)) throw new AppError('invalid-argument', text('error.notMessageId'))
    const target = this.messages.confirmedById(messageId)
    if (!target) throw new AppError('not-found', text('error.messageNotFound'))
    if (!target.own) throw new AppError('forbidden', text('error.notOwn', { action }))
    if (this.outbox.pendingActionFor(target.id) === 'delete')
      throw new AppError('invalid-argument', text('error.alreadyDeleting'))
    return target
  }

  private requireMe(): MeView {
    const me = this.deps.me()
    if (!me) throw new AppError('not-signed-in', text('error.signInToSend'))
    return me
  }

  private refreshPendingAction(messageId: string): void {
    const message = this.messages.confirmedById(messageId)
    if (!message) return
    const pendingAction = this.outbox.pendingActionFor(messageId)
    if (message.pendingAction === pendingAction) return
    const next = { ...message, pendingAction }
    this.messages.putConfirmed(next)
    this.emitUpsert(next, null)
  }

  private putLocal(message: ChatMessage): void {
    this.messages.putLocal(message)
    this.emitUpsert(message, null)
  }

  private emitUpsert(message: ChatMessage, replaces: string | null): void {
    this.deps.emit({ kind: 'message-upserted', roomKey: this.deps.roomKey, message, replaces })
  }

  /** An error event for this room (not a server frame: those go through serverError). */
  report(message: string, code: ErrorCode = 'internal'): void {
    this.deps.emit({ kind: 'error', roomKey: this.deps.roomKey, code, message })
  }
}

/** The wire frame for an outbox entry. */
export function frameFor(entry: OutboxEntry, now: number): ClientFrame {
  const timestamp = new Date(now).toISOString()
  if (entry.kind === 'text') return { type: 'text', message: entry.body, timestamp }
  if (entry.kind === 'edit')
    return { type: 'update', messageId: entry.messageId, message: entry.body, timestamp }
  return { type: 'delete', messageId: entry.messageId, timestamp }
}
