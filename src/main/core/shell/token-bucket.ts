/** A token bucket on an injected clock: `capacity` at once, then one more every `refillMs`. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly now: () => number,
    private readonly capacity: number,
    private readonly refillMs: number,
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Takes one token when there is one. */
  take(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Milliseconds until the next token, 0 when one is available now. */
  msUntilNext(): number {
    this.refill()
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.refillMs)
  }

  private refill(): void {
    const t = this.now()
    // A clock that goes backwards (wall-clock change) refills nothing rather than going negative.
    const elapsed = Math.max(0, t - this.last)
    this.last = t
    this.tokens = Math.min(this.capacity, this.tokens + elapsed / this.refillMs)
  }
}
