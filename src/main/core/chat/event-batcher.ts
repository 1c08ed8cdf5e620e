/**
 * Batches ChatEvents for the renderer: at most one emit per interval (clock-based, so fake timers
 * drive it in tests), coalescing events that only restate the latest value of the same thing.
 */
import type { ChatEvent, ChatMessage } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'
import type { Clock, EventSink, TimerHandle } from '../ports'

export const DEFAULT_BATCH_INTERVAL_MS = 16

export interface EventBatcher {
  push(event: ChatEvent): void
  /** Schedules a flush without an event, so `beforeFlush` can add derived ones. */
  wake(): void
  /** Emits whatever is queued now (dispose, tests). */
  flush(): void
  dispose(): void
}

export interface EventBatcherOptions {
  clock: Clock
  sink: EventSink
  intervalMs?: number
  /** Runs right before a batch is taken, so callers can add derived events lazily. */
  beforeFlush?: () => void
}

/** The key under which a later event replaces an earlier one in the same batch, if any. */
function coalesceKey(event: ChatEvent): string | null {
  switch (event.kind) {
    case 'session-changed':
      return 'session'
    case 'room-updated':
      return `room:${event.room.key}`
    case 'connection-changed':
      return `conn:${event.roomKey}`
    default:
      return null
  }
}

/** How far back among the newest millisecond's upserts a restatement is looked for unindexed. */
const NEWEST_SCAN_LIMIT = 16

/**
 * Where the upserts of one room's messages sit in the queue, indexed only when it pays. A flood
 * brings new messages in creation order, and a message keeps its creation time in every
 * restatement, so an upsert created later than every earlier one of the batch cannot restate
 * one of them: it is only queued, with no key built and no map touched. One of the newest
 * millisecond is compared with the few others of that millisecond; an older one (an edit, a
 * confirmation, messages out of order) indexes the room's upserts by id from then on.
 */
class RoomSlots {
  /** Creation time (ms) of the newest upsert queued. */
  private newest = Number.NEGATIVE_INFINITY
  /** Queue position of the first upsert created in that millisecond. */
  private newestFrom = 0
  /** By id, once an upsert was not the newest (built from the queue then). */
  private index: Map<string, number> | null = null

  /** `from`: where this room's upserts that count start in the queue (after any reset). */
  constructor(
    private readonly roomKey: string,
    private readonly from: number,
  ) {}

  /** Where an earlier upsert of `message` sits; records `at` for it when there is none. */
  claim(queue: readonly ChatEvent[], message: ChatMessage, at: number): number | undefined {
    if (this.index === null) {
      if (message.created > this.newest) {
        this.newest = message.created
        this.newestFrom = at
        return undefined
      }
      if (message.created === this.newest && at - this.newestFrom <= NEWEST_SCAN_LIMIT)
        return this.inNewest(queue, message.id, at)
      this.index = this.indexed(queue, at)
    }
    const key = idKey(message.id)
    const earlier = this.index.get(key)
    if (earlier === undefined) this.index.set(key, at)
    return earlier
  }

  /** The message was removed: a later upsert of it must not go back before the removal. */
  removed(queue: readonly ChatEvent[], id: string): void {
    this.index ??= this.indexed(queue, queue.length)
    this.index.delete(idKey(id))
  }

  private inNewest(queue: readonly ChatEvent[], id: string, end: number): number | undefined {
    const key = idKey(id)
    for (let i = this.newestFrom; i < end; i++) {
      const e = queue[i]!
      if (
        e.kind === 'message-upserted' &&
        e.roomKey === this.roomKey &&
        idKey(e.message.id) === key
      )
        return i
    }
    return undefined
  }

  private indexed(queue: readonly ChatEvent[], end: number): Map<string, number> {
    const index = new Map<string, number>()
    for (let i = this.from; i < end; i++) {
      const e = queue[i]!
      if (e.kind === 'message-upserted' && e.roomKey === this.roomKey)
        index.set(idKey(e.message.id), i)
    }
    return index
  }
}

/** Where each coalescible event sits in the queue. */
class Positions {
  private readonly other = new Map<string, number>()
  private readonly messages = new Map<string, RoomSlots>()

  get(event: ChatEvent): number | undefined {
    const key = coalesceKey(event)
    return key === null ? undefined : this.other.get(key)
  }

  set(event: ChatEvent, at: number): void {
    const key = coalesceKey(event)
    if (key !== null) this.other.set(key, at)
  }

  /** Where an earlier upsert of the same message sits, recording `at` for it when there is none. */
  claimMessage(queue: readonly ChatEvent[], roomKey: string, message: ChatMessage, at: number) {
    let room = this.messages.get(roomKey)
    if (!room) this.messages.set(roomKey, (room = new RoomSlots(roomKey, at)))
    return room.claim(queue, message, at)
  }

  /** Forgets what an event makes stale: a later restatement must not jump back before it. */
  invalidate(event: ChatEvent, queue: readonly ChatEvent[]): void {
    switch (event.kind) {
      case 'rooms-reset':
        return this.clear()
      case 'room-removed':
        this.other.delete(`room:${event.roomKey}`)
        this.other.delete(`conn:${event.roomKey}`)
        this.messages.delete(event.roomKey)
        return
      case 'messages-reset':
      case 'older-messages-loaded':
        this.messages.delete(event.roomKey)
        return
      case 'message-removed':
        this.messages.get(event.roomKey)?.removed(queue, event.id)
        return
      default:
        return
    }
  }

  clear(): void {
    this.other.clear()
    this.messages.clear()
  }
}

/** Creates a batcher that emits through `sink`. */
export function createEventBatcher(options: EventBatcherOptions): EventBatcher {
  const { clock, sink, beforeFlush } = options
  const interval = options.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS
  let queue: ChatEvent[] = []
  const positions = new Positions()
  let timer: TimerHandle | null = null
  let lastEmit = Number.NEGATIVE_INFINITY
  let flushing = false
  let disposed = false

  const schedule = (): void => {
    if (timer !== null || flushing || disposed) return
    // Clamped: a wall clock set back must not postpone events until it catches up again.
    const wait = Math.min(interval, Math.max(0, lastEmit + interval - clock.now()))
    timer = clock.setTimeout(flush, wait)
  }

  function push(event: ChatEvent): void {
    if (disposed) return
    if (event.kind === 'message-upserted') pushUpsert(event)
    else {
      const at = positions.get(event)
      if (at !== undefined) queue[at] = event
      else {
        positions.invalidate(event, queue)
        positions.set(event, queue.length)
        queue.push(event)
      }
    }
    schedule()
  }

  /** Message upserts, the hot path: an upsert invalidates nothing, so only its own slot counts. */
  function pushUpsert(event: Extract<ChatEvent, { kind: 'message-upserted' }>): void {
    const at = positions.claimMessage(queue, event.roomKey, event.message, queue.length)
    if (at === undefined) {
      queue.push(event)
      return
    }
    const earlier = queue[at]
    // A confirmation's `replaces` must survive a later restatement of the same message.
    if (earlier?.kind === 'message-upserted' && event.replaces === null)
      queue[at] = { ...event, replaces: earlier.replaces }
    else queue[at] = event
  }

  function flush(): void {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
    flushing = true
    try {
      beforeFlush?.()
    } finally {
      flushing = false
    }
    if (queue.length === 0) return
    const batch = queue
    queue = []
    positions.clear()
    lastEmit = clock.now()
    sink(batch)
  }

  return {
    push,
    wake: schedule,
    flush,
    dispose() {
      if (timer !== null) clock.clearTimeout(timer)
      timer = null
      disposed = true
      queue = []
      positions.clear()
    },
  }
}
