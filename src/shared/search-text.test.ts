import { describe, expect, it } from 'vitest'
import {
  MAX_TERMS,
  foldCase,
  highlightPieces,
  matchRanges,
  parseQuery,
  scoreOf,
  snippetOf,
} from './search-text'

describe('parseQuery', () => {
  it('splits on whitespace, lower-cases, drops duplicates and blanks', () => {
    expect(parseQuery('  Proof   chapter\tproof \n')).toEqual(['proof', 'chapter'])
    expect(parseQuery('   ')).toEqual([])
  })
  it(`keeps at most ${MAX_TERMS} terms`, () => {
    expect(parseQuery('a b c d e f g h i j')).toHaveLength(MAX_TERMS)
  })
})

describe('foldCase', () => {
  it('keeps every index in place even where a lower case is longer', () => {
    const text = 'İstanbul ÉCOLE'
    expect(foldCase(text)).toHaveLength(text.length)
    expect(foldCase(text).slice(9)).toBe('école')
  })
})

describe('matchRanges', () => {
  it('finds every occurrence of every term, merged and ordered', () => {
    expect(matchRanges('The proof, the PROOF!', ['proof', 'the'])).toEqual([
      [0, 3],
      [4, 9],
      [11, 14],
      [15, 20],
    ])
  })
  it('merges overlapping matches of different terms', () => {
    expect(matchRanges('chapters', ['chap', 'apter'])).toEqual([[0, 7]])
  })
  it('is null unless every term occurs', () => {
    expect(matchRanges('the proof', ['proof', 'lemma'])).toBeNull()
    expect(matchRanges('anything', [])).toBeNull()
  })
})

describe('scoreOf (search ranking)', () => {
  it('ranks a whole word above a word start above the inside of a word', () => {
    const word = scoreOf('read the proof now', ['proof'])
    const start = scoreOf('proofreading done', ['proof'])
    const inside = scoreOf('waterproofing', ['proof'])
    expect([word, start, inside]).toEqual([3, 2, 1])
  })
  it('adds up per term, counting the best occurrence of each', () => {
    expect(scoreOf('waterproof; the proof', ['proof', 'the'])).toBe(6)
  })
})

describe('snippetOf', () => {
  it('returns a short body whole, ranges unchanged, line breaks as spaces', () => {
    expect(snippetOf('see\nthe proof', [[8, 13]])).toEqual({
      text: 'see the proof',
      ranges: [[8, 13]],
    })
  })
  it('cuts a long body around the first match and shifts the ranges', () => {
    const body = `${'a'.repeat(300)} needle ${'b'.repeat(300)}`
    const ranges = matchRanges(body, ['needle']) ?? []
    const s = snippetOf(body, ranges, 100)
    expect(s.text.startsWith('…')).toBe(true)
    expect(s.text.endsWith('…')).toBe(true)
    const [[a, b]] = s.ranges as [[number, number]]
    expect(s.text.slice(a, b)).toBe('needle')
  })
  it('never cuts an emoji in half', () => {
    const body = `${'😀'.repeat(200)} x`
    const s = snippetOf(body, [[401, 402]], 50)
    expect(s.text).not.toMatch(/^…[\uDC00-\uDFFF]/)
    expect(s.text.slice(s.ranges[0]![0], s.ranges[0]![1])).toBe('x')
  })
})

describe('highlightPieces', () => {
  it('splits text into plain and matched pieces that join back to the text', () => {
    const pieces = highlightPieces('the proof is here', [
      [4, 9],
      [13, 17],
    ])
    expect(pieces).toEqual([
      { text: 'the ', match: false },
      { text: 'proof', match: true },
      { text: ' is ', match: false },
      { text: 'here', match: true },
    ])
  })
  it('ignores ranges outside the text', () => {
    expect(highlightPieces('abc', [[5, 9]])).toEqual([{ text: 'abc', match: false }])
  })
})
