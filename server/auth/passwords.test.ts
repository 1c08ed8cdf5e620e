import { describe, expect, it } from 'vitest'
import type { ScryptParams } from './passwords'
import { PasswordHasher, SCRYPT_COST, scryptDerive } from './passwords'

/** A hasher whose every scrypt run is counted (and recorded with its parameters). */
function counting(cost: number) {
  const runs: ScryptParams[] = []
  const hasher = new PasswordHasher({
    cost,
    derive: (password, salt, params) => {
      runs.push(params)
      return scryptDerive(password, salt, params)
    },
  })
  return { hasher, runs }
}

describe('PasswordHasher', () => {
  it('defaults to OWASP cost N=2^17 (r=8, p=1) for new hashes', () => {
    expect(SCRYPT_COST).toBe(2 ** 17)
    expect(new PasswordHasher().params).toEqual({ N: 2 ** 17, r: 8, p: 1 })
  })

  it('stores its parameters in every hash and verifies with them', async () => {
    const { hasher } = counting(1024)
    const hash = await hasher.hash('correct horse')
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[^$]+\$[^$]+$/)
    expect(await hasher.verify('correct horse', hash)).toBe(true)
    expect(await hasher.verify('wrong horse', hash)).toBe(false)
  })

  it('still verifies an older, cheaper hash, with its own parameters, and flags it for upgrade', async () => {
    const old = await counting(2 ** 11).hasher.hash('pw')
    const { hasher, runs } = counting(2 ** 12)
    expect(await hasher.verify('pw', old)).toBe(true)
    expect(runs).toEqual([{ N: 2 ** 11, r: 8, p: 1 }])
    expect(hasher.needsUpgrade(old)).toBe(true)
    expect(hasher.needsUpgrade(await hasher.hash('pw'))).toBe(false)
    // A lower test cost never "upgrades" a stronger hash down.
    expect(counting(2 ** 10).hasher.needsUpgrade(old)).toBe(false)
  })

  it('an unknown account costs exactly one scrypt run at the current parameters', async () => {
    const { hasher, runs } = counting(1024)
    expect(await hasher.verify('anything', hasher.dummyHash)).toBe(false)
    expect(runs).toEqual([{ N: 1024, r: 8, p: 1 }])
  })

  it('refuses malformed or absurd stored parameters without running scrypt', async () => {
    const { hasher, runs } = counting(1024)
    const good = await hasher.hash('pw')
    runs.length = 0
    const [, , r, p, salt, key] = good.split('$')
    for (const bad of [
      'plain',
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // 2 GiB of memory
      `scrypt$1024$0$${p}$${salt}$${key}`,
      `bcrypt$1024$${r}$${p}$${salt}$${key}`,
    ])
      expect(await hasher.verify('pw', bad)).toBe(false)
    expect(runs).toEqual([])
  })
})
