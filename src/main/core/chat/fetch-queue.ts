/**
 * Bounded concurrency for history fetches: a user in 1,500 rooms must not start 1,500 full
 * history fetches at once. At most `limit` run together; when a slot frees, the room on screen
 * goes first, then the others in the order they asked.
 */
import type { RoomKey } from '../../../shared/ipc-contract'

/** History fetches that may run at the same time. */
export const HISTORY_FETCH_CONCURRENCY = 3

interface Waiting {
  key: RoomKey
  start(): void
}

export class FetchQueue {
  private running = 0
  private readonly waiting: Waiting[] = []

  constructor(
    private readonly limit: number,
    /** The room the user looks at: its fetch jumps the queue. */
    private readonly first: () => RoomKey | null,
  ) {}

  /** Fetches waiting for a slot (for tests and diagnostics). */
  get queued(): number {
    return this.waiting.length
  }

  /** Runs `task` when a slot is free; settles with it. */
  run<T>(key: RoomKey, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running++
        // The slot is freed before the caller hears back, so the next fetch starts at once.
        const release = (): void => {
          this.running--
          this.next()
        }
        task().then(
          (value) => (release(), resolve(value)),
          (error: unknown) => (release(), reject(error)),
        )
      }
      this.waiting.push({ key, start })
      this.next()
    })
  }

  private next(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const active = this.first()
      let i = active === null ? -1 : this.waiting.findIndex((w) => w.key === active)
      if (i < 0) i = 0
      const [picked] = this.waiting.splice(i, 1)
      picked?.start()
    }
  }
}
