import { describe, expect, it } from 'vitest'
import { type ChunkSizes, chunkSize } from './chunk-size'

/**
 * Chunk keys are 10 less than their index (rows were dropped from the front): chunks 12 and 13
 * were measured (keys 2 and 3); the guesses are 250 for chunk 3 and 300 for the others.
 */
const measured = new Map([
  [2, 480],
  [3, 999],
])
const sizes: ChunkSizes = {
  keyOf: (index) => index - 10,
  measured: (key) => measured.get(Number(key)),
  current: (index) => (index === 3 ? 250 : 300),
}

describe('chunkSize', () => {
  it('takes the ResizeObserver entry when there is one', () => {
    const entry = { borderBoxSize: [{ blockSize: 512.4, inlineSize: 900 }] }
    expect(chunkSize(entry as unknown as ResizeObserverEntry, 12, sizes)).toBe(512)
  })

  it('keeps the measured size of the chunk itself (by key), not of the chunk whose key is its index', () => {
    expect(chunkSize(undefined, 12, sizes)).toBe(480)
    // Chunk 3's key is -7: never measured, so its current guess, not chunk 13's size (key 3).
    expect(chunkSize(undefined, 3, sizes)).toBe(250)
  })
})
