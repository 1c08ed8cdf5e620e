/** Microsecond timestamps for stored rows: Python's datetime has microseconds, so ours do too. */

/**
 * Returns a strictly increasing epoch-microseconds clock. With `now` (epoch ms, for tests) it follows
 * that clock; otherwise it uses the high-resolution performance clock.
 */
export function createMicrosClock(now?: () => number): () => number {
  let last = 0
  return () => {
    const t = now
      ? Math.floor(now() * 1000)
      : Math.floor((performance.timeOrigin + performance.now()) * 1000)
    last = t > last ? t : last + 1
    return last
  }
}
