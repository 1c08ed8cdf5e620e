/**
 * A small ICU MessageFormat formatter, the one message syntax of both catalogues: `{name}`,
 * `{n, number}`, `{n, plural, =0 {…} one {# item} other {# items}}` (with `offset`-free plurals and
 * `#` as the locale-formatted count), `{x, select, a {…} other {…}}` and `'` quoting (`''` is a
 * quote, `'{'` a literal brace). Plain Node and browser alike, so main, the renderer (through
 * vue-i18n's `messageCompiler`) and tests format the same way. Plural categories come from
 * Intl.PluralRules, numbers from Intl.NumberFormat.
 */

export type MessageParams = Readonly<Record<string, string | number>>

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'arg'; name: string }
  | { kind: 'number'; name: string }
  | { kind: 'hash' }
  | { kind: 'plural'; name: string; cases: Map<string, Part[]> }
  | { kind: 'select'; name: string; cases: Map<string, Part[]> }

/** A message the formatter cannot read: a catalogue bug, reported with the message's text. */
export class MessageSyntaxError extends Error {
  constructor(message: string, source: string) {
    super(`${message} in message ${JSON.stringify(source)}`)
    this.name = 'MessageSyntaxError'
  }
}

class Parser {
  private i = 0
  constructor(private readonly src: string) {}

  parse(): Part[] {
    const parts = this.parts(false, false)
    if (this.i < this.src.length) this.fail('unexpected }')
    return parts
  }

  private fail(why: string): never {
    throw new MessageSyntaxError(`${why} at ${this.i}`, this.src)
  }

  /** Text and arguments up to a closing brace (inside a case) or the end. */
  private parts(inCase: boolean, inPlural: boolean): Part[] {
    const parts: Part[] = []
    let text = ''
    const flush = (): void => {
      if (text) parts.push({ kind: 'text', text })
      text = ''
    }
    while (this.i < this.src.length) {
      const c = this.src[this.i]!
      if (c === '}') {
        if (!inCase) this.fail('unexpected }')
        break
      }
      if (c === '{') {
        flush()
        parts.push(this.argument())
        continue
      }
      if (c === '#' && inPlural) {
        flush()
        parts.push({ kind: 'hash' })
        this.i++
        continue
      }
      if (c === "'") {
        text += this.quoted()
        continue
      }
      text += c
      this.i++
    }
    flush()
    return parts
  }

  /** `''` is one quote; `'{…}'` (a quote before a special character) is literal up to the next quote. */
  private quoted(): string {
    const next = this.src[this.i + 1]
    if (next === "'") {
      this.i += 2
      return "'"
    }
    if (next !== '{' && next !== '}' && next !== '#') {
      this.i++
      return "'"
    }
    const end = this.src.indexOf("'", this.i + 1)
    if (end < 0) this.fail('unterminated quote')
    const literal = this.src.slice(this.i + 1, end)
    this.i = end + 1
    return literal
  }

  private word(): string {
    this.skipSpace()
    const m = /^[^\s{},]+/.exec(this.src.slice(this.i))
    if (!m) this.fail('expected a name')
    this.i += m[0].length
    this.skipSpace()
    return m[0]
  }

  private skipSpace(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i]!)) this.i++
  }

  private expect(c: string): void {
    if (this.src[this.i] !== c) this.fail(`expected ${c}`)
    this.i++
  }

  private argument(): Part {
    this.expect('{')
    const name = this.word()
    if (this.src[this.i] === '}') {
      this.i++
      return { kind: 'arg', name }
    }
    this.expect(',')
    const type = this.word()
    if (type === 'number' && this.src[this.i] === '}') {
      this.i++
      return { kind: 'number', name }
    }
    if (type !== 'plural' && type !== 'select') this.fail(`unsupported argument type ${type}`)
    this.expect(',')
    const cases = new Map<string, Part[]>()
    for (;;) {
      this.skipSpace()
      if (this.src[this.i] === '}') break
      const selector = this.word()
      this.expect('{')
      cases.set(selector, this.parts(true, type === 'plural'))
      this.expect('}')
    }
    this.i++
    if (!cases.has('other')) this.fail(`${type} without an other case`)
    return { kind: type, name, cases }
  }
}

/** The names of every argument a message uses (for the catalogue parity test). */
export function argumentNames(message: string): string[] {
  const names = new Set<string>()
  const walk = (parts: Part[]): void => {
    for (const p of parts) {
      if (p.kind === 'text' || p.kind === 'hash') continue
      names.add(p.name)
      if (p.kind === 'plural' || p.kind === 'select') for (const c of p.cases.values()) walk(c)
    }
  }
  walk(new Parser(message).parse())
  return [...names].sort()
}

const parsed = new Map<string, Part[]>()
const pluralRules = new Map<string, Intl.PluralRules>()
const numberFormats = new Map<string, Intl.NumberFormat>()

function rulesFor(locale: string): Intl.PluralRules {
  let r = pluralRules.get(locale)
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(locale)))
  return r
}

function numberFormatFor(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale)
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)))
  return f
}

function render(
  parts: Part[],
  locale: string,
  params: MessageParams,
  count: number | null,
): string {
  let out = ''
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        out += p.text
        break
      case 'hash':
        out += count === null ? '#' : numberFormatFor(locale).format(count)
        break
      case 'arg': {
        const v = params[p.name]
        out += v === undefined ? `{${p.name}}` : String(v)
        break
      }
      case 'number': {
        const v = Number(params[p.name])
        out += Number.isFinite(v) ? numberFormatFor(locale).format(v) : `{${p.name}}`
        break
      }
      case 'plural': {
        const n = Number(params[p.name])
        const value = Number.isFinite(n) ? n : 0
        const chosen =
          p.cases.get(`=${value}`) ??
          p.cases.get(rulesFor(locale).select(value)) ??
          p.cases.get('other')!
        out += render(chosen, locale, params, value)
        break
      }
      case 'select': {
        const chosen = p.cases.get(String(params[p.name])) ?? p.cases.get('other')!
        out += render(chosen, locale, params, count)
        break
      }
    }
  }
  return out
}

/**
 * Formats `message` for `locale` with `params`. A missing parameter shows as `{name}` rather than
 * throwing: a wrong call site must not take a screen down. Parsed messages are cached.
 */
export function formatMessage(message: string, locale: string, params: MessageParams = {}): string {
  let parts = parsed.get(message)
  if (!parts) {
    parts = new Parser(message).parse()
    parsed.set(message, parts)
  }
  return render(parts, locale, params, null)
}
