import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CHUNK_SIZE, chunkBounds, chunkCount } from './row-chunks'

describe('row chunks', () => {
  it('splits messages into full chunks and a partial last one', () => {
    expect(chunkCount(0)).toBe(0)
    expect(chunkCount(1)).toBe(1)
    expect(chunkCount(CHUNK_SIZE)).toBe(1)
    expect(chunkCount(CHUNK_SIZE + 1)).toBe(2)
    expect(chunkBounds(0, 5, 4)).toEqual({ start: 0, end: 4 })
    expect(chunkBounds(1, 5, 4)).toEqual({ start: 4, end: 5 })
  })

  it('covers every message exactly once, in order', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.integer({ min: 1, max: 64 }), (messages, size) => {
        const seen: number[] = []
        for (let c = 0; c < chunkCount(messages, size); c++) {
          const { start, end } = chunkBounds(c, messages, size)
          expect(end).toBeGreaterThan(start)
          for (let i = start; i < end; i++) seen.push(i)
        }
        expect(seen).toEqual(Array.from({ length: messages }, (_, i) => i))
      }),
    )
  })
})
