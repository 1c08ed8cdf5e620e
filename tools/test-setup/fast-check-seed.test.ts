import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chooseSeed, CI_SEED } from './fast-check-seed'

describe('fast-check seed', () => {
  it('FC_SEED wins, then a fixed seed under CI, else random', () => {
    expect(chooseSeed({ FC_SEED: '194380330', CI: 'true' })).toEqual({
      seed: 194380330,
      source: 'FC_SEED',
    })
    expect(chooseSeed({ FC_SEED: '-42' }).seed).toBe(-42)
    expect(chooseSeed({ CI: 'true' })).toEqual({ seed: CI_SEED, source: 'CI' })
    expect(chooseSeed({}).source).toBe('random')
  })

  it('a malformed FC_SEED is a clear error', () => {
    expect(() => chooseSeed({ FC_SEED: 'abc' })).toThrow(/FC_SEED must be an integer.*"abc"/)
  })

  it('is registered globally for every test file (vitest setupFiles)', () => {
    const expected = chooseSeed(process.env)
    const { seed } = fc.readConfigureGlobal()
    expect(typeof seed).toBe('number')
    if (expected.source !== 'random') expect(seed).toBe(expected.seed)
  })

  it('makes runs reproducible: the same seed generates the same values', () => {
    const draw = () => fc.sample(fc.string(), { numRuns: 5, seed: fc.readConfigureGlobal().seed })
    expect(draw()).toEqual(draw())
  })
})
