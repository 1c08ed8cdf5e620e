/** mulberry32: a small seeded generator, so a failing randomized run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

/** A randomized test's seed: fixed under CI=true, random otherwise (the test prints it). */
export function testSeed(fixed: number): number {
  return process.env['CI'] === 'true' ? fixed : Math.floor(Math.random() * 2 ** 31)
}
