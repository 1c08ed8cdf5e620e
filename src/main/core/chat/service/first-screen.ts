/**
 * The screen before the network. When the app starts from its local store, the rooms and the
 * open room's history go to the renderer first, and GraphQL requests (the session check, the
 * rooms list, history fetches) wait until they have. Why: the first HTTP request of the process
 * loads Node's fetch implementation (undici), which blocks the main thread for 50 to 80 ms; paid
 * before the first batch of events, it delays the first screen by as much.
 *
 * The hold ends when a room's history has been delivered, a short grace after the rooms were
 * delivered (a renderer that opens a room at once asks within it), or at a cap, whichever comes
 * first. The rooms' sockets start connecting then too: fifty connects are not free either.
 */
import type { ChatEvent } from '../../../../shared/ipc-contract'
import type { Clock, TimerHandle } from '../../ports'

/** After the stored rooms went out: time for the renderer to ask for the open room. */
export const FIRST_SCREEN_GRACE_MS = 100
/** Requests never wait longer than this, whatever the renderer does. */
export const FIRST_SCREEN_MAX_MS = 1000

export class FirstScreen {
  private waiting: Promise<void> | null = null
  private release: (() => void) | null = null
  private timer: TimerHandle | null = null

  constructor(private readonly clock: Clock) {}

  /** Stored data is about to be shown: requests wait until it has been. */
  hold(): void {
    if (this.release) return
    this.waiting = new Promise((resolve) => (this.release = resolve))
    this.arm(FIRST_SCREEN_MAX_MS)
  }

  /** A batch of events went to the renderer. */
  delivered(events: readonly ChatEvent[]): void {
    if (!this.release) return
    if (events.some((e) => e.kind === 'messages-reset')) return this.open()
    if (events.some((e) => e.kind === 'rooms-reset')) this.arm(FIRST_SCREEN_GRACE_MS)
  }

  /** Requests go ahead (also on dispose, so none is left waiting). */
  open(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    const release = this.release
    this.release = null
    this.waiting = null
    release?.()
  }

  /** Settles when requests may go. */
  ready(): Promise<void> {
    return this.waiting ?? Promise.resolve()
  }

  /** Runs `fn` now, or when the hold ends (other rooms' sockets wait for the first screen). */
  afterHold(fn: () => void): void {
    if (this.waiting) void this.waiting.then(fn)
    else fn()
  }

  /** `fetch` that waits for the first screen (the global one is looked up at each call). */
  readonly fetch: typeof fetch = async (input, init) => {
    await this.ready()
    return globalThis.fetch(input, init)
  }

  private arm(ms: number): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.open()
    }, ms)
  }
}
