/**
 * One room's messages, ordered and indexed. Deliberately not reactive: at 100,000 messages Vue's
 * deep proxies would cost more than the rendering itself, so stores wrap a timeline in markRaw and
 * bump a revision counter instead. Messages are treated as immutable values (replaced, never mutated).
 */
import type { ChatMessage } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/protocol'

/** Sort order: creation time, then id so equal timestamps stay stable. */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.created !== b.created) return a.created - b.created
  const ka = idKey(a.id)
  const kb = idKey(b.id)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** What an upsert did, so the view can decide whether to stick to the bottom. */
export type UpsertOutcome = 'appended' | 'inserted' | 'replaced' | 'unchanged'

/** An ordered, id-indexed list of one room's messages. */
export class Timeline {
  private items: ChatMessage[] = []
  private readonly byId = new Map<string, ChatMessage>()

  /** The ordered messages; read-only by contract, do not mutate. */
  get messages(): readonly ChatMessage[] {
    return this.items
  }

  get size(): number {
    return this.items.length
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
        return 'replaced'
      }
      if (index >= 0) this.items.splice(index, 1)
      this.insertSorted(message)
      return 'replaced'
    }
    this.byId.set(key, message)
    const last = this.items[this.items.length - 1]
    if (!last || compareMessages(last, message) <= 0) {
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
    if (index >= 0) this.items.splice(index, 1)
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

  private indexOf(message: ChatMessage): number {
    // Binary search by sort key, then a short local scan for identity (equal keys are rare).
    let lo = 0
    let hi = this.items.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const c = compareMessages(this.items[mid]!, message)
      if (c === 0) {
        if (this.items[mid] === message) return mid
        break
      }
      if (c < 0) lo = mid + 1
      else hi = mid - 1
    }
    // Recent messages are the ones usually touched, so scan from the end.
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i] === message) return i
    return -1
  }

  private insertSorted(message: ChatMessage): void {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareMessages(this.items[mid]!, message) <= 0) lo = mid + 1
      else hi = mid
    }
    this.items.splice(lo, 0, message)
  }
}
