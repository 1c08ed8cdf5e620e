import { describe, expect, it } from 'vitest'
import { insertMention, mentionQueryAt, suggestMentions } from './mention-query'

describe('the @ query at the caret', () => {
  it.each([
    ['@', 1, { start: 0, query: '' }],
    ['hi @bo', 6, { start: 3, query: 'bo' }],
    ['hi @bo there', 6, { start: 3, query: 'bo' }],
    ['(@ca', 4, { start: 1, query: 'ca' }],
    ['@a.b-c_d', 8, { start: 0, query: 'a.b-c_d' }],
    ['mail bob@ex', 11, null],
    ['hi @bo there', 12, null],
    ['@@bo', 4, null],
    ['no at here', 10, null],
    ['', 0, null],
  ])('%j at %i', (text, caret, expected) => {
    expect(mentionQueryAt(text, caret)).toEqual(expected)
  })

  it('clamps a caret outside the text', () => {
    expect(mentionQueryAt('@bo', 99)).toEqual({ start: 0, query: 'bo' })
    expect(mentionQueryAt('@bo', -5)).toBeNull()
  })
})

describe('suggestions', () => {
  const people = ['bob', 'alice', 'Carol', 'robert', 'bobby', 'bob']

  it('puts prefix matches first, then the rest, alphabetically, without the user', () => {
    expect(suggestMentions(people, 'bo', 'alice')).toEqual(['bob', 'bobby'])
    expect(suggestMentions(people, 'ob', 'alice')).toEqual(['bob', 'bobby', 'robert'])
    expect(suggestMentions(people, '', 'alice')).toEqual(['bob', 'bobby', 'Carol', 'robert'])
    expect(suggestMentions(people, 'CA', null)).toEqual(['Carol'])
    expect(suggestMentions(people, 'zz', null)).toEqual([])
  })

  it('shows at most the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => `user${String(i).padStart(2, '0')}`)
    expect(suggestMentions(many, 'user', null)).toHaveLength(8)
    expect(suggestMentions(many, 'user', null, 3)).toEqual(['user00', 'user01', 'user02'])
  })
})

describe('picking a suggestion', () => {
  it('replaces the query with the name and a space, caret after it', () => {
    expect(insertMention('hi @bo', { start: 3, query: 'bo' }, 6, 'bob')).toEqual({
      text: 'hi @bob ',
      caret: 8,
    })
  })

  it('keeps the text after the caret and does not double a space', () => {
    expect(insertMention('hi @b there', { start: 3, query: 'b' }, 5, 'bob')).toEqual({
      text: 'hi @bob there',
      caret: 8,
    })
    expect(insertMention('@x!', { start: 0, query: 'x' }, 2, 'carol')).toEqual({
      text: '@carol !',
      caret: 7,
    })
  })
})
