/**
 * One room's messages: confirmed messages keyed by server id (case-insensitive, display order)
 * followed by this client's pending and failed messages keyed by client id. A plain store; the
 * room controller decides what changes and which events follow.
 */
import type { ChatMessage, RoomKey } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'

/** The messages of one room, as the renderer should see them. */
export class RoomMessages {
  /**
   * Confirmed messages in display order, without two of one id. They are looked up by id only
   * now and then (an edit, a delete, a repeated `new`), while a busy room adds thousands a
   * second: so the id index is built lazily, from the first lookup on, and catches up with what
   * was appended since at the next lookup, never per message.
   */
  private order: ChatMessage[] = []
  /**
   * idKey -> place in `order`, for `order` up to `indexedTo` (exclusive). Null until needed, and
   * again whenever places shift (a trim, a removal, a reset): rebuilt at the next lookup.
   */
  private index: Map<string, number> | null = null
  private indexedTo = 0
  private local = new Map<string, ChatMessage>()
  /** True once a history fetch has been merged. */
  loaded = false
  /**
   * Older confirmed messages exist than the ones held here (in the store, or on the server):
   * main holds a window of each room, not its whole history.
   */
  hasOlder = false
  /**
   * At least the creation time (ms) of every confirmed message held. A message keeps its
   * creation time, so one created later cannot be held yet: a live flood's `new` frames are
   * added without looking them up first.
   */
  private newestCreated = Number.NEGATIVE_INFINITY

  constructor(readonly roomKey: RoomKey) {}

  /** Confirmed messages in order, then pending/failed ones in the order they were written. */
  list(): ChatMessage[] {
    return [...this.order, ...this.local.values()]
  }

  get confirmedCount(): number {
    return this.order.length
  }

  /** A confirmed message by server id, any case. */
  confirmedById(id: string): ChatMessage | undefined {
    const at = this.positionOf(idKey(id))
    return at === undefined ? undefined : this.order[at]
  }

  /** A pending or failed message by client id. */
  localById(clientId: string): ChatMessage | undefined {
    return this.local.get(clientId)
  }

  /** Every confirmed message, in order (a snapshot: changes while iterating do not show). */
  confirmedMessages(): IterableIterator<ChatMessage> {
    return [...this.order].values()
  }

  /** Adds or replaces a confirmed message; a new one goes to the end. */
  putConfirmed(message: ChatMessage): void {
    this.upsertConfirmed(message)
  }

  /** Adds or replaces a confirmed message; returns the one it replaced. */
  upsertConfirmed(message: ChatMessage): ChatMessage | undefined {
    if (message.created > this.newestCreated) {
      this.newestCreated = message.created
      this.order.push(message)
      return undefined
    }
    const at = this.positionOf(idKey(message.id))
    if (at === undefined) {
      this.order.push(message)
      return undefined
    }
    const existing = this.order[at]
    this.order[at] = message
    return existing
  }

  /** Removes a confirmed message; returns it when it existed. */
  removeConfirmed(id: string): ChatMessage | undefined {
    const at = this.positionOf(idKey(id))
    if (at === undefined) return undefined
    const [existing] = this.order.splice(at, 1)
    this.index = null
    return existing
  }

  /** Replaces all confirmed messages at once (history merge), keeping the given order. */
  resetConfirmed(messages: Iterable<ChatMessage>): void {
    // A repeated id keeps its first place and its last value, as a Map would.
    const next = new Map<string, ChatMessage>()
    for (const m of messages) next.set(idKey(m.id), m)
    this.replaceOrder([...next.values()])
  }

  /** The oldest confirmed message held (the window's floor), if any. */
  oldestConfirmed(): ChatMessage | undefined {
    return this.order[0]
  }

  /** The newest confirmed message held (the last in order), if any. */
  newestConfirmed(): ChatMessage | undefined {
    return this.order[this.order.length - 1]
  }

  /** Puts older confirmed messages (oldest first) in front of the held ones; known ids are kept. */
  prependConfirmed(older: readonly ChatMessage[]): ChatMessage[] {
    const added: ChatMessage[] = []
    const keys = new Set<string>()
    for (const m of older) {
      const key = idKey(m.id)
      if (keys.has(key) || this.positionOf(key) !== undefined) continue
      keys.add(key)
      added.push(m)
    }
    if (added.length > 0) this.replaceOrder([...added, ...this.order])
    return added
  }

  /** Drops the oldest confirmed messages beyond the newest `keep`; returns how many went. */
  trimOldest(keep: number): number {
    const drop = this.order.length - keep
    if (drop <= 0) return 0
    this.order.splice(0, drop)
    this.index = null
    this.hasOlder = true
    return drop
  }

  /** Where the message with this key sits in `order`, indexing what was appended since. */
  private positionOf(key: string): number | undefined {
    if (this.index === null) {
      this.index = new Map()
      this.indexedTo = 0
    }
    const order = this.order
    for (let i = this.indexedTo; i < order.length; i++) this.index.set(idKey(order[i]!.id), i)
    this.indexedTo = order.length
    return this.index.get(key)
  }

  private replaceOrder(order: ChatMessage[]): void {
    this.order = order
    this.index = null
    for (const m of order) if (m.created > this.newestCreated) this.newestCreated = m.created
  }

  /** Adds or replaces a pending/failed message (keyed by its client id). */
  putLocal(message: ChatMessage): void {
    if (message.clientId === null) throw new Error('a local message needs a client id')
    this.local.set(message.clientId, message)
  }

  /** Removes a pending/failed message; returns it when it existed. */
  removeLocal(clientId: string): ChatMessage | undefined {
    const existing = this.local.get(clientId)
    if (existing) this.local.delete(clientId)
    return existing
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.order = []
    this.index = null
    this.local.clear()
    this.newestCreated = Number.NEGATIVE_INFINITY
    this.loaded = false
    this.hasOlder = false
  }
}
