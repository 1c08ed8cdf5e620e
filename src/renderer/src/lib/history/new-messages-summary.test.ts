import { describe, expect, it } from 'vitest'
import { EXCERPT_MAX, joinNames, summariseArrivals } from './new-messages-summary'

const from = (author: string, body = 'hi', own = false) => ({ author, body, own })

describe('summariseArrivals', () => {
  it('says nothing for no messages, or only the user’s own', () => {
    expect(summariseArrivals([])).toBeNull()
    expect(summariseArrivals([from('alice', 'mine', true), from('alice', 'more', true)])).toBeNull()
  })

  it('reads a lone message with its author and text', () => {
    expect(summariseArrivals([from('bob', 'see you at 3')])).toBe(
      'New message from bob: see you at 3',
    )
  })

  it('leaves the user’s own messages out of a burst', () => {
    expect(summariseArrivals([from('alice', 'mine', true), from('bob', 'yes')])).toBe(
      'New message from bob: yes',
    )
    expect(summariseArrivals([from('bob'), from('alice', 'x', true), from('bob')])).toBe(
      '2 new messages from bob',
    )
  })

  it('summarises a burst by count and authors, each named once in the order they spoke', () => {
    expect(summariseArrivals([from('Bob'), from('Carol'), from('Bob')])).toBe(
      '3 new messages from Bob and Carol',
    )
    expect(summariseArrivals([from('Dave'), from('Bob'), from('Carol'), from('Dave')])).toBe(
      '4 new messages from Dave, Bob and Carol',
    )
  })

  it('counts authors beyond the third instead of reading every name', () => {
    const names = ['a', 'b', 'c', 'd', 'e']
    expect(summariseArrivals(names.map((n) => from(n)))).toBe(
      '5 new messages from a, b, c and 2 others',
    )
  })

  it('shortens a long message and flattens its line breaks', () => {
    const long = `line one\n\nline two ${'x'.repeat(300)}`
    const said = summariseArrivals([from('bob', long)])!
    expect(said.startsWith('New message from bob: line one line two x')).toBe(true)
    expect(said.endsWith('…')).toBe(true)
    expect([...said.slice('New message from bob: '.length)]).toHaveLength(EXCERPT_MAX + 1)
  })

  it('does not cut an emoji in half when shortening', () => {
    const said = summariseArrivals([from('bob', '😀'.repeat(EXCERPT_MAX + 5))])!
    expect(said).toBe(`New message from bob: ${'😀'.repeat(EXCERPT_MAX)}…`)
  })

  it('names the author of a whitespace-only message without a dangling colon', () => {
    expect(summariseArrivals([from('bob', '   ')])).toBe('New message from bob')
  })
})

describe('joinNames', () => {
  it('joins one to three names as a sentence and counts the rest', () => {
    expect(joinNames([])).toBe('')
    expect(joinNames(['Bob'])).toBe('Bob')
    expect(joinNames(['Bob', 'Carol'])).toBe('Bob and Carol')
    expect(joinNames(['Bob', 'Carol', 'Dave'])).toBe('Bob, Carol and Dave')
    expect(joinNames(['Bob', 'Carol', 'Dave', 'Eve'])).toBe('Bob, Carol, Dave and 1 other')
  })
})
