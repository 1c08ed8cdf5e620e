/**
 * Batches ChatEvents for the renderer: at most one emit per interval (clock-based, so fake timers
 * drive it in tests), coalescing events that only restate the latest value of the same thing.
 */
import type { ChatEvent } from '../../shared/ipc-contract'
import { idKey } from '../../shared/protocol'
import type { Clock, EventSink, TimerHandle } from './ports'

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
    case 'message-upserted':
      return `msg:${event.roomKey}:${idKey(event.message.id)}`
    default:
      return null
  }
}

/** Keys an event makes stale: a later event with such a key must not jump back before it. */
function staleKeys(event: ChatEvent): ((key: string) => boolean) | null {
  switch (event.kind) {
    case 'rooms-reset':
      return () => true
    case 'room-removed': {
      const r = event.roomKey
      return (k) => k === `room:${r}` || k === `conn:${r}` || k.startsWith(`msg:${r}:`)
    }
    case 'messages-reset':
      return (k) => k.startsWith(`msg:${event.roomKey}:`)
    case 'message-removed': {
      const gone = `msg:${event.roomKey}:${idKey(event.id)}`
      return (k) => k === gone
    }
    default:
      return null
  }
}

/** Creates a batcher that emits through `sink`. */
export function createEventBatcher(options: EventBatcherOptions): EventBatcher {
  const { clock, sink, beforeFlush } = options
  const interval = options.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS
  let queue: ChatEvent[] = []
  const positions = new Map<string, number>()
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

  const dropKeys = (stale: (key: string) => boolean): void => {
    for (const key of positions.keys()) if (stale(key)) positions.delete(key)
  }

  function push(event: ChatEvent): void {
    if (disposed) return
    const key = coalesceKey(event)
    const at = key === null ? undefined : positions.get(key)
    if (key !== null && at !== undefined) {
      const earlier = queue[at]
      // A confirmation's `replaces` must survive a later restatement of the same message.
      if (
        earlier?.kind === 'message-upserted' &&
        event.kind === 'message-upserted' &&
        event.replaces === null
      )
        queue[at] = { ...event, replaces: earlier.replaces }
      else queue[at] = event
    } else {
      const stale = staleKeys(event)
      if (stale !== null) dropKeys(stale)
      if (key !== null) positions.set(key, queue.length)
      queue.push(event)
    }
    schedule()
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
