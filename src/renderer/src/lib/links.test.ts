import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { splitLinks, toSafeUrl } from './links'

describe('splitLinks', () => {
  it('finds http, https and www links and keeps the rest as text', () => {
    expect(splitLinks('see https://example.org/a?b=1, and www.test.com.')).toEqual([
      { kind: 'text', text: 'see ' },
      {
        kind: 'link',
        text: 'https://example.org/a?b=1',
        url: 'https://example.org/a?b=1',
        label: 'https://example.org/a?b=1',
      },
      { kind: 'text', text: ', and ' },
      {
        kind: 'link',
        text: 'www.test.com',
        url: 'https://www.test.com/',
        label: 'https://www.test.com',
      },
      { kind: 'text', text: '.' },
    ])
  })

  it('keeps balanced parentheses and drops a wrapping one', () => {
    const [, link] = splitLinks('(https://en.wikipedia.org/wiki/Foo_(bar))')
    expect(link).toEqual({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      url: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      label: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    })
  })

  it('leaves markup and other schemes as inert text', () => {
    const xss = '<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,hi'
    expect(splitLinks(xss)).toEqual([{ kind: 'text', text: xss }])
  })

  it('never loses or reorders characters', () => {
    fc.assert(
      fc.property(fc.string(), fc.webUrl(), fc.string(), (a, url, b) => {
        const body = `${a} ${url} ${b}`
        expect(
          splitLinks(body)
            .map((s) => s.text)
            .join(''),
        ).toBe(body)
      }),
    )
  })
})

describe('toSafeUrl', () => {
  it('accepts only http(s) with a host', () => {
    expect(toSafeUrl('http://x.y/')).toBe('http://x.y/')
    expect(toSafeUrl('javascript:alert(1)')).toBeNull()
    expect(toSafeUrl('file:///etc/passwd')).toBeNull()
    expect(toSafeUrl('not a url')).toBeNull()
  })
})
