import { describe, expect, it } from 'vitest'
import { formProblems, hasProblems, noProblems } from './form-errors'

const ROOM = { name: 'name', topic: 'topic', description: 'description', __all__: 'name' } as const

describe('formProblems', () => {
  it("puts each server field's messages on the form's field", () => {
    const p = formProblems(
      {
        code: 'invalid-argument',
        message: 'The server did not accept this: …',
        fields: {
          topic: ['This field is required.'],
          __all__: ['You already have a room with this name.'],
        },
      },
      ROOM,
    )
    expect(p).toEqual({
      fields: {
        topic: 'This field is required.',
        name: 'You already have a room with this name.',
      },
      general: null,
    })
    expect(hasProblems(p)).toBe(true)
  })

  it('joins several messages, and shows fields the form lacks for the whole form', () => {
    const p = formProblems(
      {
        code: 'invalid-argument',
        message: 'x',
        fields: { name: ['One.', 'Two.'], username: ['Taken.'] },
      },
      { name: 'name' } as const,
    )
    expect(p).toEqual({ fields: { name: 'One. Two.' }, general: 'Taken.' })
  })

  it('a failure that is not a form error is shown for the whole form, in its own words', () => {
    expect(formProblems({ code: 'unreachable', message: 'Cannot reach it.' }, ROOM)).toEqual({
      fields: {},
      general: 'Cannot reach it.',
    })
    expect(hasProblems(noProblems())).toBe(false)
  })

  it('a server field named like an Object property is not mistaken for a form field', () => {
    const p = formProblems(
      { code: 'invalid-argument', message: 'x', fields: { toString: ['Odd.'] } },
      ROOM,
    )
    expect(p).toEqual({ fields: {}, general: 'Odd.' })
  })
})
