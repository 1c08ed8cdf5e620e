/** Reconnect delays: the original web client's linear backoff (docs/protocol.md §7) plus configurable jitter, random injected. */
import type { ReconnectPolicy } from '../../ports'

/**
 * Spreads `ms` by ±`jitter` (a fraction) so that many clients do not retry in lockstep.
 * `random` returns [0, 1); 0.5 means no change. The result is never negative.
 */
export function jittered(ms: number, jitter: number, random: () => number): number {
  const spread = Math.min(Math.max(jitter, 0), 1)
  const factor = 1 + spread * (2 * random() - 1)
  return Math.max(0, Math.round(ms * factor))
}

/** delay before attempt n (1-based): baseDelayMs * n, ±jitter; random injected */
export function reconnectDelay(
  attempt: number,
  policy: ReconnectPolicy,
  random: () => number,
): number {
  const n = Math.max(1, Math.floor(attempt))
  return jittered(policy.baseDelayMs * n, policy.jitter, random)
}

/** Delay of the slow retry that keeps going after the fast attempts are used up. */
export function slowRetryDelay(policy: ReconnectPolicy, random: () => number): number {
  return jittered(policy.slowRetryMs, policy.jitter, random)
}

/** Where a reconnect streak stands: the attempt number, and whether the fast attempts ran out. */
export interface RetryStreak {
  attempt: number
  exhausted: boolean
}

/** What to do after a failed try. */
export interface RetryPlan extends RetryStreak {
  state: 'reconnecting' | 'failed'
  delayMs: number
  /** True exactly once per streak: when the last fast attempt failed. */
  notifyFailed: boolean
}

/**
 * After a failure: the next fast attempt (3000 ms × n), or — once `maxAttempts` attempts have
 * failed — the `failed` state with a slow retry that goes on forever.
 */
export function planRetry(
  streak: RetryStreak,
  policy: ReconnectPolicy,
  random: () => number,
): RetryPlan {
  if (streak.exhausted || streak.attempt >= policy.maxAttempts)
    return {
      state: 'failed',
      attempt: policy.maxAttempts,
      exhausted: true,
      delayMs: slowRetryDelay(policy, random),
      notifyFailed: !streak.exhausted,
    }
  const attempt = streak.attempt + 1
  return {
    state: 'reconnecting',
    attempt,
    exhausted: false,
    delayMs: reconnectDelay(attempt, policy, random),
    notifyFailed: false,
  }
}
