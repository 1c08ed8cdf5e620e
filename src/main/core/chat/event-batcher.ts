/**
 * Batches ChatEvents for the renderer: at most one emit per interval (clock-based, so fake timers
 * drive it in tests), coalescing events that only restate the latest value of the same thing.
 */
import type { ChatEvent } from '../../../shared/ipc-contract'
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

/**
 * Where each coalescible event sits in the queue. Message upserts, the hot path, are keyed per
 * room by message id without building key strings.
 */
class Positions {
  private readonly other = new Map<string, number>()
  private readonly messages = new Map<string, Map<string, number>>()

  get(event: ChatEvent): number | undefined {
    const key = coalesceKey(event)
    return key === null ? undefined : this.other.get(key)
  }

  set(event: ChatEvent, at: number): void {
    const key = coalesceKey(event)
    if (key !== null) this.other.set(key, at)
  }

  /**
   * Where an earlier upsert of the same message sits, recording `at` for it when there is none:
   * one key and one lookup per message, since this runs for every message received.
   */
  claimMessage(roomKey: string, id: string, at: number): number | undefined {
    let room = this.messages.get(roomKey)
    if (!room) this.messages.set(roomKey, (room = new Map()))
    const key = idKey(id)
    const earlier = room.get(key)
    if (earlier === undefined) room.set(key, at)
    return earlier
  }

  /** Forgets what an event makes stale: a later restatement must not jump back before it. */
  invalidate(event: ChatEvent): void {
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
        this.messages.get(event.roomKey)?.delete(idKey(event.id))
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
        positions.invalidate(event)
        positions.set(event, queue.length)
        queue.push(event)
      }
    }
    schedule()
  }

  /** Message upserts, the hot path: an upsert invalidates nothing, so only its own slot counts. */
  function pushUpsert(event: Extract<ChatEvent, { kind: 'message-upserted' }>): void {
    const at = positions.claimMessage(event.roomKey, event.message.id, queue.length)
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
