import { describe, expect, it } from 'vitest'
import { TokenBucket } from './token-bucket'

describe('TokenBucket', () => {
  it('gives `capacity` at once, then one per refill period, and says when the next comes', () => {
    let now = 0
    const bucket = new TokenBucket(() => now, 2, 1000)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false])
    expect(bucket.msUntilNext()).toBe(1000)
    now = 400
    expect(bucket.take()).toBe(false)
    expect(bucket.msUntilNext()).toBe(600)
    now = 1000
    expect(bucket.take()).toBe(true)
    now = 100_000
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false])
  })

  it('a clock that jumps backwards refills nothing', () => {
    let now = 10_000
    const bucket = new TokenBucket(() => now, 1, 1000)
    expect(bucket.take()).toBe(true)
    now = 0
    expect(bucket.take()).toBe(false)
    now = 1000
    expect(bucket.take()).toBe(true)
  })
})
