/**
 * Sign-in throttling per account and per client address, over a sliding window on the server's
 * clock. The real backend has none; a client never meets it unless it keeps failing. An attempt
 * counts as a failure from the moment it starts (a success takes it back), so parallel guesses
 * cannot all pass the check before the first one fails.
 */

/** How many failures are tolerated within the window. */
export interface SignInLimits {
  /** Failures per account (email, case-insensitive), from any address. */
  perAccount: number
  /** Failures per client address, across all accounts. */
  perAddress: number
  windowMs: number
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
}

/** Keys remembered at most; the oldest are forgotten first, so a flood of emails stays bounded. */
const MAX_KEYS = 10_000

/** An attempt's verdict: refused with the wait, or allowed (call `succeeded` on a valid password). */
export type SignInAttempt =
  { allowed: false; retryAfterMs: number } | { allowed: true; succeeded: () => void }

/** The error text of a refused attempt, in whole minutes rounded up. */
export function tooManyAttemptsText(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000))
  return `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}

/** IPv4 clients on a dual-stack socket appear as `::ffff:a.b.c.d`: one client, one key. */
export function normaliseAddress(address: string | undefined): string {
  if (!address) return 'unknown'
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
}

export class SignInThrottle {
  /** Failure times per key, oldest first; only the newest `limit` are kept. */
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly nowMs: () => number,
    readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {}

  /** Keys currently remembered (for tests of the memory bound). */
  get size(): number {
    return this.failures.size
  }

  /** Checks both limits and, when allowed, counts the attempt as a failure until it succeeds. */
  attempt(email: string, address: string): SignInAttempt {
    const now = this.nowMs()
    const account = `account:${email.toLowerCase()}`
    const client = `address:${normaliseAddress(address)}`
    const wait = Math.max(
      this.waitFor(account, this.limits.perAccount, now),
      this.waitFor(client, this.limits.perAddress, now),
    )
    if (wait > 0) return { allowed: false, retryAfterMs: wait }
    this.record(account, this.limits.perAccount, now)
    this.record(client, this.limits.perAddress, now)
    return {
      allowed: true,
      succeeded: () => {
        // The account starts afresh; the address only loses this attempt, so signing in to one's
        // own account between guesses does not reset an attacker's address budget.
        this.failures.delete(account)
        const times = this.failures.get(client)
        const at = times?.lastIndexOf(now) ?? -1
        if (times && at >= 0) times.splice(at, 1)
      },
    }
  }

  /** Milliseconds until `key` may try again (0 = now). */
  private waitFor(key: string, limit: number, now: number): number {
    const times = this.recent(key, now)
    if (times.length < limit) return 0
    // Allowed again once the oldest of the newest `limit` failures leaves the window.
    return times[times.length - limit]! + this.limits.windowMs - now
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key)
    if (!times) return []
    const fresh = times.filter((t) => t > now - this.limits.windowMs)
    if (fresh.length === 0) this.failures.delete(key)
    else this.failures.set(key, fresh)
    return fresh
  }

  private record(key: string, limit: number, now: number): void {
    const times = this.failures.get(key) ?? []
    times.push(now)
    if (times.length > limit) times.splice(0, times.length - limit)
    // Re-insert so Map order is least-recently-failed first.
    this.failures.delete(key)
    this.failures.set(key, times)
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value
      if (oldest === undefined) break
      this.failures.delete(oldest)
    }
  }
}
