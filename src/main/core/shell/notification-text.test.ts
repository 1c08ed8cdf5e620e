import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { escapeMarkup, sanitizeNotificationText } from './notification-text'

const plain = { max: 180, markup: false }
/** Fixed, so a failure reproduces; printed under CI. */
const SEED = 1302
if (process.env.CI === 'true') console.info(`notification-text property seed: ${SEED}`)

describe('sanitizeNotificationText', () => {
  it('escapes markup when asked: tags, entities and both quotes', () => {
    expect(
      sanitizeNotificationText('<b>x</b> <a href="http://evil.example">sign in</a>', {
        max: 180,
        markup: true,
      }),
    ).toBe('&lt;b&gt;x&lt;/b&gt; &lt;a href=&quot;http://evil.example&quot;&gt;sign in&lt;/a&gt;')
    expect(escapeMarkup(`Tom & Jerry's`)).toBe('Tom &amp; Jerry&#39;s')
    expect(sanitizeNotificationText('<b>x</b>', plain)).toBe('<b>x</b>')
  })

  it('strips every bidi control and zero-width character', () => {
    const controls = [
      ...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
      ...'\u200B\u200C\u200D\u2060\uFEFF',
    ]
    for (const c of controls)
      expect(sanitizeNotificationText(`gpj${c}.exe`, plain), c.codePointAt(0)!.toString(16)).toBe(
        'gpj.exe',
      )
  })

  it('collapses whitespace and control characters', () => {
    expect(sanitizeNotificationText('  a\n\n\tb\u0000c\u0085d  ', plain)).toBe('a b c d')
  })

  it('caps at `max` code points with an ellipsis, never splitting a surrogate pair', () => {
    expect(sanitizeNotificationText('m'.repeat(5023), { max: 60, markup: false })).toBe(
      'm'.repeat(59) + '…',
    )
    expect(sanitizeNotificationText('😀😀😀', { max: 2, markup: false })).toBe('😀…')
    // The cap counts what the user sees: escaping happens after it, so no entity is cut.
    expect(sanitizeNotificationText('<'.repeat(10), { max: 4, markup: true })).toBe('&lt;&lt;&lt;…')
  })

  const UNESCAPED = /[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/
  const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/
  it('never lets markup or invisible controls through, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.integer({ min: 1, max: 300 }),
        (s, max) => {
          // Plain booleans: expect() per run is slow on strings with lone surrogates.
          const out = sanitizeNotificationText(s, { max, markup: true })
          const capped = [...sanitizeNotificationText(s, { max, markup: false })].length <= max
          return !UNESCAPED.test(out) && !INVISIBLE.test(out) && capped
        },
      ),
      { seed: SEED, numRuns: 100 },
    )
  }, 60_000)
})
