import { describe, expect, it } from 'vitest'
import { SignInThrottle, tooManyAttemptsText } from './sign-in-throttle'

const MINUTE = 60_000

function throttle(limits = { perAccount: 5, perAddress: 20, windowMs: 15 * MINUTE }) {
  const clock = { now: 1_700_000_000_000 }
  return { t: new SignInThrottle(() => clock.now, limits), clock }
}

function fail(t: SignInThrottle, email: string, address: string): void {
  const a = t.attempt(email, address)
  if (!a.allowed) throw new Error('unexpectedly throttled')
}

describe('SignInThrottle', () => {
  it('refuses an account after 5 failures in 15 minutes, whatever the address, until the oldest ages out', () => {
    const { t, clock } = throttle()
    for (let i = 0; i < 5; i++) {
      fail(t, 'alice@example.com', `10.0.0.${i}`)
      clock.now += MINUTE
    }
    const refused = t.attempt('ALICE@example.com', '10.0.0.99')
    expect(refused).toEqual({ allowed: false, retryAfterMs: 10 * MINUTE })
    expect(t.attempt('bob@example.com', '10.0.0.99').allowed).toBe(true)
    clock.now += 10 * MINUTE
    expect(t.attempt('alice@example.com', '10.0.0.99').allowed).toBe(true)
  })

  it('refuses an address after 20 failures across any accounts', () => {
    const { t } = throttle()
    for (let i = 0; i < 20; i++) fail(t, `user${i}@example.com`, '192.0.2.1')
    expect(t.attempt('carol@example.com', '192.0.2.1').allowed).toBe(false)
    expect(t.attempt('carol@example.com', '192.0.2.2').allowed).toBe(true)
  })

  it('a success clears the account’s failures but not the address’s', () => {
    const { t } = throttle({ perAccount: 2, perAddress: 3, windowMs: MINUTE })
    fail(t, 'a@example.com', 'x')
    const ok = t.attempt('a@example.com', 'x')
    if (!ok.allowed) throw new Error('throttled')
    ok.succeeded()
    fail(t, 'a@example.com', 'x')
    expect(t.attempt('a@example.com', 'y').allowed).toBe(true)
    // Address x: two failures recorded, the success's attempt removed: one more is allowed.
    expect(t.attempt('b@example.com', 'x').allowed).toBe(true)
    expect(t.attempt('b@example.com', 'x').allowed).toBe(false)
  })

  it('counts an attempt as soon as it starts, so parallel guesses cannot slip through', () => {
    const { t } = throttle()
    const started = Array.from({ length: 8 }, () => t.attempt('alice@example.com', 'z'))
    expect(started.filter((a) => a.allowed)).toHaveLength(5)
  })

  it('keeps memory bounded under a flood of distinct emails', () => {
    const { t } = throttle()
    for (let i = 0; i < 12_000; i++) fail(t, `u${i}@example.com`, `10.0.${i >> 8}.${i & 255}`)
    expect(t.size).toBeLessThanOrEqual(10_001)
  })

  it('words the wait in whole minutes, rounded up', () => {
    expect(tooManyAttemptsText(1)).toBe('Too many sign-in attempts; try again in 1 minute.')
    expect(tooManyAttemptsText(14 * MINUTE + 1)).toBe(
      'Too many sign-in attempts; try again in 15 minutes.',
    )
  })
})
