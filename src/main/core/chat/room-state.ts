/**
 * One room's messages: confirmed messages keyed by server id (case-insensitive, display order)
 * followed by this client's pending and failed messages keyed by client id. A plain store; the
 * room controller decides what changes and which events follow.
 */
import type { ChatMessage, RoomKey } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'

/** The messages of one room, as the renderer should see them. */
export class RoomMessages {
  private confirmed = new Map<string, ChatMessage>()
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
    return [...this.confirmed.values(), ...this.local.values()]
  }

  get confirmedCount(): number {
    return this.confirmed.size
  }

  /** A confirmed message by server id, any case. */
  confirmedById(id: string): ChatMessage | undefined {
    return this.confirmed.get(idKey(id))
  }

  /** A pending or failed message by client id. */
  localById(clientId: string): ChatMessage | undefined {
    return this.local.get(clientId)
  }

  /** Every confirmed message, in order. */
  confirmedMessages(): IterableIterator<ChatMessage> {
    return this.confirmed.values()
  }

  /** Adds or replaces a confirmed message; a new one goes to the end. */
  putConfirmed(message: ChatMessage): void {
    this.noteCreated(message)
    this.confirmed.set(idKey(message.id), message)
  }

  /** Adds or replaces a confirmed message; returns the one it replaced. */
  upsertConfirmed(message: ChatMessage): ChatMessage | undefined {
    const key = idKey(message.id)
    if (message.created > this.newestCreated) {
      this.newestCreated = message.created
      this.confirmed.set(key, message)
      return undefined
    }
    const existing = this.confirmed.get(key)
    this.confirmed.set(key, message)
    return existing
  }

  private noteCreated(message: ChatMessage): void {
    if (message.created > this.newestCreated) this.newestCreated = message.created
  }

  /** Removes a confirmed message; returns it when it existed. */
  removeConfirmed(id: string): ChatMessage | undefined {
    const key = idKey(id)
    const existing = this.confirmed.get(key)
    if (existing) this.confirmed.delete(key)
    return existing
  }

  /** Replaces all confirmed messages at once (history merge), keeping the given order. */
  resetConfirmed(messages: Iterable<ChatMessage>): void {
    const next = new Map<string, ChatMessage>()
    for (const m of messages) {
      this.noteCreated(m)
      next.set(idKey(m.id), m)
    }
    this.confirmed = next
  }

  /** The oldest confirmed message held (the window's floor), if any. */
  oldestConfirmed(): ChatMessage | undefined {
    for (const m of this.confirmed.values()) return m
    return undefined
  }

  /** Puts older confirmed messages (oldest first) in front of the held ones; known ids are kept. */
  prependConfirmed(older: readonly ChatMessage[]): ChatMessage[] {
    const added: ChatMessage[] = []
    const next = new Map<string, ChatMessage>()
    for (const m of older) {
      const key = idKey(m.id)
      if (this.confirmed.has(key) || next.has(key)) continue
      this.noteCreated(m)
      next.set(key, m)
      added.push(m)
    }
    if (added.length === 0) return added
    for (const [key, m] of this.confirmed) next.set(key, m)
    this.confirmed = next
    return added
  }

  /** Drops the oldest confirmed messages beyond the newest `keep`; returns how many went. */
  trimOldest(keep: number): number {
    const drop = this.confirmed.size - keep
    if (drop <= 0) return 0
    let left = drop
    for (const key of this.confirmed.keys()) {
      if (left-- <= 0) break
      this.confirmed.delete(key)
    }
    this.hasOlder = true
    return drop
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
    this.confirmed.clear()
    this.local.clear()
    this.newestCreated = Number.NEGATIVE_INFINITY
    this.loaded = false
    this.hasOlder = false
  }
}
