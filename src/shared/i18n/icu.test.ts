/** The ICU subset the catalogues use, formatted as ICU MessageFormat defines it. */
import { describe, expect, it } from 'vitest'
import { MessageSyntaxError, argumentNames, formatMessage } from './icu'

describe('formatMessage', () => {
  it('fills arguments and leaves a missing one visible', () => {
    expect(formatMessage('Hello {name}!', 'en', { name: 'Ana' })).toBe('Hello Ana!')
    expect(formatMessage('Hello {name}!', 'en')).toBe('Hello {name}!')
  })

  it('plural: exact matches win over categories, # is the locale-formatted count', () => {
    const m = '{n, plural, =0 {none} one {# item} other {# items}}'
    expect(formatMessage(m, 'en', { n: 0 })).toBe('none')
    expect(formatMessage(m, 'en', { n: 1 })).toBe('1 item')
    expect(formatMessage(m, 'en', { n: 1234 })).toBe('1,234 items')
    expect(formatMessage(m, 'de', { n: 1234 })).toBe('1.234 items')
  })

  it('plural categories come from the locale (Polish has few/many)', () => {
    const m = '{n, plural, one {one} few {few} many {many} other {other}}'
    expect([1, 2, 5, 22].map((n) => formatMessage(m, 'pl', { n }))).toEqual([
      'one',
      'few',
      'many',
      'few',
    ])
  })

  it('select, nested arguments inside cases, and numbers', () => {
    const m = '{kind, select, room {in {name}} other {elsewhere}} ({n, number})'
    expect(formatMessage(m, 'de', { kind: 'room', name: 'Mathe', n: 12345.5 })).toBe(
      'in Mathe (12.345,5)',
    )
    expect(formatMessage(m, 'en', { kind: 'x', n: 2 })).toBe('elsewhere (2)')
  })

  it('apostrophes: a lone one is text, two are one, one before a brace quotes it', () => {
    expect(formatMessage("can't", 'en')).toBe("can't")
    expect(formatMessage("it''s", 'en')).toBe("it's")
    expect(formatMessage("'{literal}' {x}", 'en', { x: 1 })).toBe('{literal} 1')
  })

  it('refuses broken messages with the message named', () => {
    expect(() => formatMessage('{n, plural, one {x}}', 'en', { n: 1 })).toThrow(MessageSyntaxError)
    expect(() => formatMessage('oops }', 'en')).toThrow(/oops/)
    expect(() => formatMessage('{n, date}', 'en')).toThrow(/unsupported/)
    expect(() => formatMessage('{n', 'en')).toThrow(MessageSyntaxError)
  })

  it('argumentNames finds arguments inside plural and select cases', () => {
    expect(argumentNames('{a} {n, plural, other {# {b}}} {s, select, x {{c}} other {}}')).toEqual([
      'a',
      'b',
      'c',
      'n',
      's',
    ])
  })
})
