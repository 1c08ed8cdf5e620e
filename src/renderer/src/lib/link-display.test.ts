import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodePunycode, displayHost, linkConfirmation, linkLabel } from './link-display'

/** Fixed seeds (1304, 1305), so a failure reproduces; printed under CI. */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
if (env?.CI === 'true') console.info('link-display property seeds: 1304, 1305')
const INVISIBLE = /[\p{C}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/u

describe('linkLabel: what a link shows is where it goes', () => {
  it('never shows a percent-encoded right-to-left override decoded ("exe.jpg")', () => {
    expect(linkLabel('http://evil.example/%E2%80%AEgpj.exe')).toBe(
      'http://evil.example/%E2%80%AEgpj.exe',
    )
    // A literal override in the text is encoded by the URL parser and stays encoded.
    expect(linkLabel(new URL('http://evil.example/\u202Egpj.exe').href)).toBe(
      'http://evil.example/%E2%80%AEgpj.exe',
    )
    for (const hidden of [
      '%E2%80%8B',
      '%EF%BB%BF',
      '%E2%81%A6',
      '%D8%9C',
      '%E2%80%8F',
      '%00',
      '%0A',
    ])
      expect(linkLabel(`https://a.example/x${hidden}y`)).toBe(`https://a.example/x${hidden}y`)
  })

  it('decodes readable text in the path, but not what changes the URL structure', () => {
    expect(linkLabel('https://example.org/caf%C3%A9?q=%C3%BC#%C3%A9')).toBe(
      'https://example.org/café?q=ü#é',
    )
    expect(linkLabel('https://example.org/a%2Fb%3Fc%23d%25e%20f')).toBe(
      'https://example.org/a%2Fb%3Fc%23d%25e%20f',
    )
    expect(linkLabel('https://example.org/%C3')).toBe('https://example.org/%C3')
    expect(linkLabel('https://example.org/')).toBe('https://example.org')
    expect(linkLabel('http://example.org:8080/x')).toBe('http://example.org:8080/x')
  })

  it('shows single-script international hosts in Unicode', () => {
    expect(displayHost('xn--e1afmkfd.xn--p1ai')).toBe('пример.рф')
    expect(displayHost('xn--mnchen-3ya.de')).toBe('münchen.de')
    expect(displayHost('xn--r8jz45g.jp')).toBe('xn--r8jz45g.jp')
    expect(displayHost('example.org')).toBe('example.org')
  })

  it('keeps the xn-- form for hosts that mix scripts (homographs)', () => {
    // "pаypal.com" with a Cyrillic а, and "аррӏе.com", all Cyrillic but under a Latin TLD.
    expect(displayHost('xn--pypal-4ve.com')).toBe('xn--pypal-4ve.com')
    expect(displayHost('xn--80ak6aa92e.com')).toBe('xn--80ak6aa92e.com')
    expect(linkLabel('https://xn--pypal-4ve.com/login')).toBe('https://xn--pypal-4ve.com/login')
    // Broken punycode stays as it is.
    expect(displayHost('xn--zz.com')).toBe('xn--zz.com')
  })

  it('never shows invisible or control characters, whatever the URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        return !INVISIBLE.test(linkLabel(new URL(url).href))
      }),
      { seed: 1304, numRuns: 100 },
    )
    const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 })
    fc.assert(
      fc.property(bytes, (b) => {
        const path = b.map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')
        return !INVISIBLE.test(linkLabel(`https://a.example/${path}`))
      }),
      { seed: 1305, numRuns: 200 },
    )
  }, 60_000)
})

describe('decodePunycode', () => {
  it('decodes RFC 3492 labels and refuses garbage', () => {
    expect(decodePunycode('e1afmkfd')).toBe('пример')
    expect(decodePunycode('mnchen-3ya')).toBe('münchen')
    expect(decodePunycode('zz')).toBeNull()
    expect(decodePunycode('a-')).toBe('a')
  })
})

describe('linkConfirmation', () => {
  it('names the host the link really goes to', () => {
    expect(linkConfirmation('http://evil.example/%E2%80%AEgpj.exe')).toEqual({
      title: 'Open link?',
      host: 'evil.example',
      message: 'This opens evil.example in your browser:\nhttp://evil.example/%E2%80%AEgpj.exe',
      confirmLabel: 'Open evil.example',
    })
    expect(linkConfirmation('https://xn--e1afmkfd.xn--p1ai/').host).toBe('пример.рф')
  })
})
