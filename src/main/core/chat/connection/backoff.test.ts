import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jittered, planRetry, reconnectDelay, slowRetryDelay } from './backoff'
import { defaultReconnectPolicy } from '../../ports'

const noJitter = { ...defaultReconnectPolicy, jitter: 0 }

describe('reconnectDelay', () => {
  it("is the original web client's 3000 ms × attempt without jitter", () => {
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelay(n, noJitter, Math.random))).toEqual([
      3000, 6000, 9000, 12000, 15000,
    ])
  })

  it('treats attempts below 1 as the first', () => {
    expect(reconnectDelay(0, noJitter, () => 0.5)).toBe(3000)
    expect(reconnectDelay(-3, noJitter, () => 0.5)).toBe(3000)
  })

  it('spreads by ±20 % by default', () => {
    expect(reconnectDelay(1, defaultReconnectPolicy, () => 0)).toBe(2400)
    expect(reconnectDelay(1, defaultReconnectPolicy, () => 0.5)).toBe(3000)
    expect(reconnectDelay(2, defaultReconnectPolicy, () => 0.9999999)).toBe(7200)
  })

  it('stays within ±jitter for any random value and attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r, jitter) => {
          const policy = { ...defaultReconnectPolicy, jitter }
          const base = policy.baseDelayMs * attempt
          const d = reconnectDelay(attempt, policy, () => r)
          return d >= Math.floor(base * (1 - jitter)) && d <= Math.ceil(base * (1 + jitter))
        },
      ),
    )
  })
})

describe('slowRetryDelay and jittered', () => {
  it('slow retry is 60 s, jittered', () => {
    expect(slowRetryDelay(noJitter, () => 0)).toBe(60_000)
    expect(slowRetryDelay(defaultReconnectPolicy, () => 0)).toBe(48_000)
  })

  it('clamps a nonsensical jitter and never goes negative', () => {
    expect(jittered(1000, 5, () => 0)).toBe(0)
    expect(jittered(1000, -1, () => 0)).toBe(1000)
  })
})

describe('planRetry', () => {
  it('walks attempts 1..5, then fails once and keeps a slow retry', () => {
    let streak = { attempt: 0, exhausted: false }
    const plans = []
    for (let i = 0; i < 7; i++) {
      const plan = planRetry(streak, noJitter, () => 0.5)
      plans.push([plan.state, plan.attempt, plan.delayMs, plan.notifyFailed])
      streak = plan
    }
    expect(plans).toEqual([
      ['reconnecting', 1, 3000, false],
      ['reconnecting', 2, 6000, false],
      ['reconnecting', 3, 9000, false],
      ['reconnecting', 4, 12000, false],
      ['reconnecting', 5, 15000, false],
      ['failed', 5, 60000, true],
      ['failed', 5, 60000, false],
    ])
  })
})
