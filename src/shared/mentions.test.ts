import { describe, expect, it } from 'vitest'
import { findMentions, mentionsUser, splitMentions } from './mentions'

describe('mentions of a user in a body', () => {
  it.each([
    ['@alice hi', true],
    ['hi @alice', true],
    ['hi @Alice!', true],
    ['HI @ALICE', true],
    ['(@alice)', true],
    ['@alice, @bob', true],
    ['thanks @alice.', true],
    ['@alice: look', true],
    ['line\n@alice', true],
    ['alice without at', false],
    ['@alice2 is someone else', false],
    ['@alice_b is someone else', false],
    ['@alice.smith is someone else', false],
    ['@alice-b is someone else', false],
    ['mail bob@alice.org', false],
    ['x@alice', false],
    ['@ alice', false],
    ['@alic', false],
    ['', false],
  ])('%j → %s', (body, expected) => {
    expect(mentionsUser(body, 'alice')).toBe(expected)
  })

  it('finds every mention with its range', () => {
    expect(findMentions('@alice and @ALICE.', 'alice')).toEqual([
      { start: 0, end: 6 },
      { start: 11, end: 17 },
    ])
  })

  it('handles names outside ASCII and emoji around them', () => {
    expect(mentionsUser('👋@zoë', 'Zoë')).toBe(true)
    expect(mentionsUser('@zoëx', 'zoë')).toBe(false)
    expect(mentionsUser('@bob.', 'bob')).toBe(true)
  })

  it('a username with joiner characters matches only whole', () => {
    expect(mentionsUser('hi @a.b', 'a.b')).toBe(true)
    expect(mentionsUser('hi @a.bc', 'a.b')).toBe(false)
  })

  it('mentions nobody without a username', () => {
    expect(mentionsUser('@alice', null)).toBe(false)
    expect(mentionsUser('@alice', '')).toBe(false)
    expect(findMentions('@', 'alice')).toEqual([])
  })

  it('splits a body into text and mentions that join back to the body', () => {
    const body = 'Hey @alice, ask @bob or @Alice.'
    const segments = splitMentions(body, 'alice')
    expect(segments).toEqual([
      { kind: 'text', text: 'Hey ' },
      { kind: 'mention', text: '@alice' },
      { kind: 'text', text: ', ask @bob or ' },
      { kind: 'mention', text: '@Alice' },
      { kind: 'text', text: '.' },
    ])
    expect(segments.map((s) => s.text).join('')).toBe(body)
    expect(splitMentions('', 'alice')).toEqual([{ kind: 'text', text: '' }])
  })

  it('never throws and always joins back, whatever the body (fixed corpus of odd inputs)', () => {
    const odd = ['@', '@@alice', '\u{d800}@alice', '@alice\u{dc00}', 'a'.repeat(5000) + '@alice']
    for (const body of odd) {
      const joined = splitMentions(body, 'alice')
        .map((s) => s.text)
        .join('')
      expect(joined).toBe(body)
    }
    expect(mentionsUser('@@alice', 'alice')).toBe(false)
  })
})
