/**
 * The outbox of one room: texts, edits and deletes this client asked for, until the server's echo
 * confirms them. Pure bookkeeping; the room controller sends frames and emits events.
 *
 * States: queued (not sent yet) -> in-flight (sent on the open socket) -> done (removed) or failed.
 * A socket that drops while entries are in flight makes them `unknown`: the server may or may not
 * have applied them, so they are resolved against the history after the reconnect.
 */
import { sameId } from '../../../shared/frames'

export type OutboxState = 'queued' | 'in-flight' | 'unknown' | 'failed'

interface EntryBase {
  /** Client-side id; for texts it is also the pending message's id. */
  readonly clientId: string
  state: OutboxState
  /** Epoch ms of the first send attempt (client clock), for matching against history. */
  firstSentAt: number | null
  /** Order in which entries went in flight, so "oldest in flight" means oldest sent. */
  sentSeq: number
  error: string | null
}
export type TextEntry = EntryBase & { readonly kind: 'text'; readonly body: string }
export type EditEntry = EntryBase & {
  readonly kind: 'edit'
  readonly messageId: string
  readonly body: string
}
export type DeleteEntry = EntryBase & { readonly kind: 'delete'; readonly messageId: string }
export type OutboxEntry = TextEntry | EditEntry | DeleteEntry

/** What a caller provides to create an entry. */
export type NewEntry =
  | { kind: 'text'; clientId: string; body: string }
  | { kind: 'edit'; clientId: string; messageId: string; body: string }
  | { kind: 'delete'; clientId: string; messageId: string }

function targets(entry: OutboxEntry, messageId: string): entry is EditEntry | DeleteEntry {
  return entry.kind !== 'text' && sameId(entry.messageId, messageId)
}

/**
 * Where the outbox's changes are written so that they survive quit and crash (the account's local
 * store). `put` returns only once the entry is on disk; the room controller calls `inFlight`
 * right before a frame goes on the wire, so after a crash an entry that may have reached the
 * server is resolved against the history instead of being sent again.
 */
export interface OutboxJournal {
  put(entry: NewEntry, created: number): void
  inFlight(clientId: string, sentAt: number): void
  queued(clientId: string): void
  failed(clientId: string, error: string): void
  /** A text the history could not settle: it waits for the user (Send again / Discard). */
  unconfirmed(clientId: string): void
  removed(clientId: string): void
}

/** An entry read back from the journal after a restart. */
export type RestoredEntry = NewEntry & {
  /** Epoch ms when the user wrote it. */
  created: number
  state: 'queued' | 'in-flight' | 'failed' | 'unconfirmed'
  firstSentAt: number | null
  error: string | null
}

const noJournal: OutboxJournal = {
  put: () => undefined,
  inFlight: () => undefined,
  queued: () => undefined,
  failed: () => undefined,
  unconfirmed: () => undefined,
  removed: () => undefined,
}

/** Ordered outbox entries of one room, oldest first. */
export class Outbox {
  private items: OutboxEntry[] = []
  private seq = 0

  constructor(readonly journal: OutboxJournal = noJournal) {}

  /** All entries in the order they were created. */
  entries(): readonly OutboxEntry[] {
    return this.items
  }

  get size(): number {
    return this.items.length
  }

  /** Accepts an entry: journaled (durably) before the caller can send it. */
  add(entry: NewEntry, now = 0): OutboxEntry {
    this.journal.put(entry, now)
    const created = {
      ...entry,
      state: 'queued',
      firstSentAt: null,
      sentSeq: 0,
      error: null,
    } as OutboxEntry
    this.items.push(created)
    return created
  }

  /**
   * An entry read back after a restart (already journaled). One that was in flight may or may
   * not have reached the server: it becomes `unknown`, resolved by the next history fetch.
   */
  restore(entry: RestoredEntry): OutboxEntry {
    const { state, firstSentAt, error, created: _created, ...rest } = entry
    const restored = {
      ...rest,
      // An unconfirmed text is a failed one here (retry and discard work the same); the room
      // timeline tells them apart for the user.
      state: state === 'in-flight' ? 'unknown' : state === 'unconfirmed' ? 'failed' : state,
      firstSentAt,
      sentSeq: 0,
      error,
    } as OutboxEntry
    this.items.push(restored)
    return restored
  }

  byClientId(clientId: string): OutboxEntry | undefined {
    return this.items.find((e) => e.clientId === clientId)
  }

  remove(entry: OutboxEntry): void {
    const i = this.items.indexOf(entry)
    if (i < 0) return
    this.items.splice(i, 1)
    this.journal.removed(entry.clientId)
  }

  /** Entries waiting to be sent, in creation order. */
  queued(): OutboxEntry[] {
    return this.items.filter((e) => e.state === 'queued')
  }

  /** Entries sent on the current socket and not yet echoed, oldest sent first. */
  inFlight(): OutboxEntry[] {
    return this.items.filter((e) => e.state === 'in-flight').sort((a, b) => a.sentSeq - b.sentSeq)
  }

  /** Entries whose fate became unknown when a socket dropped, in creation order. */
  unknown(): OutboxEntry[] {
    return this.items.filter((e) => e.state === 'unknown')
  }

  markInFlight(entry: OutboxEntry, now: number): void {
    entry.state = 'in-flight'
    entry.sentSeq = ++this.seq
    entry.firstSentAt ??= now
    entry.error = null
  }

  /** The socket dropped: nothing in flight can be echoed any more. */
  connectionLost(): void {
    for (const e of this.items) if (e.state === 'in-flight') e.state = 'unknown'
  }

  /** Puts an entry back in the queue (retry, or an unknown fate that history did not confirm). */
  requeue(entry: OutboxEntry): void {
    entry.state = 'queued'
    entry.error = null
    this.journal.queued(entry.clientId)
  }

  fail(entry: OutboxEntry, reason: string): void {
    entry.state = 'failed'
    entry.error = reason
    this.journal.failed(entry.clientId, reason)
  }

  /** Failed for sending purposes, but kept on disk as unconfirmed (see OutboxJournal). */
  unconfirm(entry: OutboxEntry, reason: string): void {
    entry.state = 'failed'
    entry.error = reason
    this.journal.unconfirmed(entry.clientId)
  }

  /**
   * Our own `new` echo with this body: the oldest in-flight text with an identical body (FIFO).
   * Falls back to a text that failed on a server error, which heals a misattributed error.
   */
  matchText(body: string): TextEntry | undefined {
    const texts = this.inFlight().filter((e): e is TextEntry => e.kind === 'text')
    return (
      texts.find((e) => e.body === body) ??
      this.items.find(
        (e): e is TextEntry => e.kind === 'text' && e.state === 'failed' && e.body === body,
      )
    )
  }

  /** Our own `update` echo: the in-flight edit of that message, preferring an identical body. */
  matchEdit(messageId: string, body: string): EditEntry | undefined {
    const edits = this.inFlight().filter(
      (e): e is EditEntry => e.kind === 'edit' && targets(e, messageId),
    )
    return edits.find((e) => e.body === body) ?? edits[0]
  }

  /** Our own `delete` echo: the in-flight delete of that message. */
  matchDelete(messageId: string): DeleteEntry | undefined {
    return this.inFlight().find(
      (e): e is DeleteEntry => e.kind === 'delete' && targets(e, messageId),
    )
  }

  /** Active (not failed) edits and deletes aimed at a message. */
  activeFor(messageId: string): (EditEntry | DeleteEntry)[] {
    return this.items.filter(
      (e): e is EditEntry | DeleteEntry => e.state !== 'failed' && targets(e, messageId),
    )
  }

  /** What the message view should show as waiting: a delete wins over an edit. */
  pendingActionFor(messageId: string): 'edit' | 'delete' | null {
    const active = this.activeFor(messageId)
    if (active.some((e) => e.kind === 'delete')) return 'delete'
    return active.length > 0 ? 'edit' : null
  }

  clear(): void {
    this.items = []
  }
}
