import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fuzzyMatch, rankRooms } from './fuzzy'

const room = (name: string, key: string, joined = true) => ({ name, key, joined })

describe('fuzzyMatch', () => {
  it('matches characters in order, case-insensitively, with the matched ranges', () => {
    expect(fuzzyMatch('gnrl', 'General')?.ranges).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
    ])
    expect(fuzzyMatch('GEN', 'general')?.ranges).toEqual([[0, 3]])
    expect(fuzzyMatch('lareneg', 'General')).toBeNull()
  })
  it('prefers a prefix, then a word start, then inside a word, then scattered', () => {
    const score = (q: string, t: string) => fuzzyMatch(q, t)?.score ?? -1
    const prefix = score('gen', 'General')
    const wordStart = score('gen', 'Study general')
    const inside = score('gen', 'Algebra legends')
    const scattered = score('gen', 'Geometry and numbers')
    expect(prefix).toBeGreaterThan(wordStart)
    expect(wordStart).toBeGreaterThan(inside)
    expect(inside).toBeGreaterThan(scattered)
    expect(scattered).toBeGreaterThan(-1)
  })
  it('picks the word-start occurrence of a substring', () => {
    expect(fuzzyMatch('math', 'aftermath maths')?.ranges).toEqual([[10, 14]])
  })
  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, ranges: [] })
  })
  it('never throws and returns ranges inside the text, in order (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 30 }), (q, t) => {
        const m = fuzzyMatch(q, t)
        if (!m) return
        let last = 0
        for (const [a, b] of m.ranges) {
          expect(a).toBeGreaterThanOrEqual(last)
          expect(b).toBeGreaterThan(a)
          expect(b).toBeLessThanOrEqual(t.length)
          last = b
        }
      }),
    )
  })
})

describe('rankRooms', () => {
  const rooms = [
    room('Algebra legends', 'carol/algebra'),
    room('General', 'alice/general'),
    room('Geography', 'bob/geo', false),
    room('General', 'bob/general', false),
  ]
  it('ranks by match quality, joined rooms first on ties, and drops non-matches', () => {
    const ranked = rankRooms('gen', rooms).map((r) => r.room.key)
    expect(ranked).toEqual(['alice/general', 'bob/general', 'carol/algebra'])
  })
  it('matches on host/slug too, without name highlights then', () => {
    const [first] = rankRooms('bob/geo', rooms)
    expect(first?.room.key).toBe('bob/geo')
    expect(first?.nameRanges).toEqual([])
  })
  it('lists every room for an empty query, joined first then by name', () => {
    expect(rankRooms('', rooms).map((r) => r.room.key)).toEqual([
      'carol/algebra',
      'alice/general',
      'bob/general',
      'bob/geo',
    ])
  })
})
