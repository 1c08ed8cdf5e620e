import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CHUNK_SIZE, chunkBounds, chunkCount, chunkOf, shiftFront } from './row-chunks'

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

describe('rows put in front keep their chunks', () => {
  it('any number put in front or dropped leaves every old row in a chunk with the same rows', () => {
    for (const shifts of [[192], [20], [5, 7, 192, 3], [-16], [30, -13, -4]]) {
      let lead = 0
      let base = 0
      let size = 100
      // rowsOf(key): which original rows a chunk key holds.
      const holds = (key: number, l: number, b: number, n: number, offset: number) => {
        const { start, end } = chunkBounds(key + b, n, CHUNK_SIZE, l)
        return [start - offset, end - offset]
      }
      let offset = 0
      const before = holds(3, lead, base, size, offset)
      for (const shift of shifts) {
        const next = shiftFront(lead, shift)
        lead = next.lead
        base += next.chunks
        size += shift
        offset += shift
        expect(lead).toBeGreaterThanOrEqual(0)
        expect(lead).toBeLessThan(CHUNK_SIZE)
      }
      expect(holds(3, lead, base, size, offset)).toEqual(before)
    }
  })
})

describe('the chunk of a message', () => {
  it('is the chunk whose bounds hold it, whatever the lead', () => {
    for (const lead of [0, 1, 3, 7])
      for (let index = 0; index < 40; index++) {
        const { start, end } = chunkBounds(chunkOf(index, 8, lead), 40, 8, lead)
        expect(index >= start && index < end, `index ${index}, lead ${lead}`).toBe(true)
      }
  })
})
