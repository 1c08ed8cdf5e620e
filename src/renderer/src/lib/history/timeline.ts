/**
 * One room's messages, ordered and indexed. Deliberately not reactive: at 100,000 messages Vue's
 * deep proxies would cost more than the rendering itself, so stores wrap a timeline in markRaw and
 * bump a revision counter instead. Messages are treated as immutable values (replaced, never mutated).
 */
import type { ChatMessage } from '../../../../shared/ipc-contract'
import { idKey } from '../../../../shared/frames'

/**
 * Sort order: creation time only. Messages created in the same millisecond keep the order they
 * arrived in (the server's order), which a tie-break on the random UUID would scramble.
 */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  return a.created - b.created
}

/**
 * The identity of a message's row in the list. The client id survives confirmation, so a sent
 * message keeps its DOM row and measured size when the server's copy replaces the pending one.
 */
export function rowKey(m: ChatMessage): string {
  return m.clientId ?? m.id
}

/** What an upsert did, so the view can decide whether to stick to the bottom. */
export type UpsertOutcome = 'appended' | 'inserted' | 'replaced' | 'unchanged'

/** An ordered, id-indexed list of one room's messages. */
export class Timeline {
  private items: ChatMessage[] = []
  private readonly byId = new Map<string, ChatMessage>()
  /** Lowest index whose row moved, appeared or changed identity since takeLowestChange(). */
  private lowestChange = Infinity
  /** Rows put in front (+) or dropped from the front (-) since takeFrontShift(). */
  private frontShift = 0

  /** The ordered messages; read-only by contract, do not mutate. */
  get messages(): readonly ChatMessage[] {
    return this.items
  }

  get size(): number {
    return this.items.length
  }

  /**
   * The lowest index whose row (by rowKey) may differ since the last call, or Infinity: rows
   * before it are exactly as they were. The list showing this timeline (its one reader) calls it
   * when it re-reads the messages, so it re-indexes only from there (an append touches just the
   * new rows) instead of the whole history.
   */
  takeLowestChange(): number {
    const lowest = this.lowestChange
    this.lowestChange = Infinity
    return lowest
  }

  /**
   * How many rows were added at the front (negative: dropped) since the last call: the list
   * moves the reader by as much, so the rows they look at stay where they are.
   */
  takeFrontShift(): number {
    const shift = this.frontShift
    this.frontShift = 0
    return shift
  }

  get(id: string): ChatMessage | undefined {
    return this.byId.get(idKey(id))
  }

  /** Replaces everything (history load or re-sync after reconnect). */
  reset(messages: readonly ChatMessage[]): void {
    // One pass, one array: history arrives sorted, so sorting is the rare path.
    this.byId.clear()
    const unique: ChatMessage[] = []
    let ordered = true
    for (const m of messages) {
      const key = idKey(m.id)
      if (this.byId.has(key)) continue
      this.byId.set(key, m)
      const last = unique[unique.length - 1]
      if (ordered && last && compareMessages(last, m) > 0) ordered = false
      unique.push(m)
    }
    if (!ordered) unique.sort(compareMessages)
    this.items = unique
    this.lowestChange = 0
    this.frontShift = 0
  }

  /**
   * Puts an older page (oldest first) in front; messages already here are skipped. Returns how
   * many were added. Rows after them keep their content, only their indexes move.
   */
  prepend(older: readonly ChatMessage[]): number {
    const added: ChatMessage[] = []
    for (const m of older) {
      const key = idKey(m.id)
      if (this.byId.has(key)) continue
      this.byId.set(key, m)
      added.push(m)
    }
    if (added.length === 0) return 0
    this.items = [...added, ...this.items]
    this.lowestChange = 0
    this.frontShift += added.length
    return added.length
  }

  /** Drops the `count` oldest messages (a page far above the reader). */
  dropOldest(count: number): void {
    const n = Math.min(count, this.items.length)
    if (n <= 0) return
    const kept = this.items.slice(n)
    if (n > kept.length) {
      // Most of it goes (a whole history trimmed to the reader's window): index what stays
      // rather than delete what goes, which for 100,000 messages is a long task.
      this.byId.clear()
      for (const m of kept) this.byId.set(idKey(m.id), m)
    } else for (let i = 0; i < n; i++) this.byId.delete(idKey(this.items[i]!.id))
    this.items = kept
    this.lowestChange = 0
    this.frontShift -= n
  }

  /**
   * Inserts or replaces `message`; `replaces` is the client id of the pending copy that the
   * server just confirmed, which disappears in the same step so the message is never shown twice.
   */
  upsert(message: ChatMessage, replaces: string | null = null): UpsertOutcome {
    let removedOld = false
    if (replaces !== null && idKey(replaces) !== idKey(message.id)) {
      removedOld = this.remove(replaces)
    }
    const key = idKey(message.id)
    const existing = this.byId.get(key)
    if (existing) {
      if (existing === message) return removedOld ? 'replaced' : 'unchanged'
      const index = this.indexOf(existing)
      this.byId.set(key, message)
      if (existing.created === message.created && index >= 0) {
        this.items[index] = message
        if (rowKey(existing) !== rowKey(message)) this.touch(index)
        return 'replaced'
      }
      if (index >= 0) {
        this.items.splice(index, 1)
        this.touch(index)
      }
      this.insertSorted(message)
      return 'replaced'
    }
    this.byId.set(key, message)
    const last = this.items[this.items.length - 1]
    if (!last || compareMessages(last, message) <= 0) {
      this.touch(this.items.length)
      this.items.push(message)
      return removedOld ? 'replaced' : 'appended'
    }
    this.insertSorted(message)
    return removedOld ? 'replaced' : 'inserted'
  }

  /** Removes a message by id (any case); false when it was not there. */
  remove(id: string): boolean {
    const key = idKey(id)
    const existing = this.byId.get(key)
    if (!existing) return false
    this.byId.delete(key)
    const index = this.indexOf(existing)
    if (index >= 0) {
      this.items.splice(index, 1)
      this.touch(index)
    }
    return true
  }

  /** The newest message the signed-in user may edit (confirmed and their own), for Up-arrow. */
  lastEditable(): ChatMessage | undefined {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const m = this.items[i]!
      if (m.own && m.status === 'confirmed') return m
    }
    return undefined
  }

  /** The position of the message with this id (any case), or -1. */
  indexOfId(id: string): number {
    const message = this.get(id)
    return message ? this.indexOf(message) : -1
  }

  private indexOf(message: ChatMessage): number {
    // Binary search for the first message created at the same time, then scan that short run.
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.items[mid]!.created < message.created) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < this.items.length && this.items[i]!.created === message.created; i++) {
      if (this.items[i] === message) return i
    }
    return -1
  }

  /** Inserts after every message created at or before it, so ties keep arrival order. */
  private insertSorted(message: ChatMessage): void {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareMessages(this.items[mid]!, message) <= 0) lo = mid + 1
      else hi = mid
    }
    this.items.splice(lo, 0, message)
    this.touch(lo)
  }

  private touch(index: number): void {
    if (index < this.lowestChange) this.lowestChange = index
  }
}
