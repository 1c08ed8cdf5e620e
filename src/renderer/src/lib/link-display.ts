/**
 * How a link is shown, so that what the user reads is where the link goes: international hosts
 * in Unicode only when that cannot be a homograph, percent-encoded text decoded only when it is
 * visible and harmless, and never a bidi override or a zero-width character (which would let
 * `http://evil.example/%E2%80%AEgpj.exe` read as "…exe.jpg").
 */
import { t } from '../i18n'

const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 128

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1
  d += Math.floor(d / points)
  let k = 0
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN))
    k += BASE
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW))
}

function digitOf(c: number): number {
  if (c >= 48 && c <= 57) return c - 22
  if (c >= 65 && c <= 90) return c - 65
  if (c >= 97 && c <= 122) return c - 97
  return -1
}

/** RFC 3492 decoding of one label without its `xn--` prefix; null when it is not valid. */
export function decodePunycode(input: string): string | null {
  const basicEnd = input.lastIndexOf('-')
  const output: number[] = []
  for (let j = 0; j < Math.max(0, basicEnd); j++) {
    const c = input.charCodeAt(j)
    if (c >= 0x80) return null
    output.push(c)
  }
  let i = 0
  let n = INITIAL_N
  let bias = INITIAL_BIAS
  let pos = basicEnd > 0 ? basicEnd + 1 : 0
  while (pos < input.length) {
    const oldI = i
    let w = 1
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null
      const d = digitOf(input.charCodeAt(pos++))
      if (d < 0) return null
      i += d * w
      if (i > 0x10ffff * (output.length + 1)) return null
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias
      if (d < t) break
      w *= BASE - t
    }
    const points = output.length + 1
    bias = adapt(i - oldI, points, oldI === 0)
    n += Math.floor(i / points)
    i %= points
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null
    output.splice(i, 0, n)
    i++
  }
  return String.fromCodePoint(...output)
}

/** Scripts a host may use; Han may be written together with the kana, Hangul or Bopomofo. */
const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
]
const HAN_SETS = [
  new Set(['Han', 'Hiragana', 'Katakana']),
  new Set(['Han', 'Hangul']),
  new Set(['Han', 'Bopomofo']),
]
/** Letters, marks, digits and the hyphen: anything else in a host (dots, slashes, symbols) is a disguise. */
const HOST_CHAR = /^[\p{L}\p{M}\p{Nd}-]$/u
const COMMON = /^[\p{Nd}-]$/u

function scriptOf(char: string): string | null {
  if (COMMON.test(char)) return null
  for (const [name, re] of SCRIPTS) if (re.test(char)) return name
  return `other:${char}`
}

/**
 * True when the whole host reads in one script (the CJK combinations counted as one). Checked
 * across labels, so "аррӏе.com" (a Cyrillic label under a Latin TLD) keeps its xn-- form.
 */
function isSingleScript(labels: string[]): boolean {
  const scripts = new Set<string>()
  for (const label of labels)
    for (const char of label) {
      if (!HOST_CHAR.test(char)) return false
      const script = scriptOf(char)
      if (script) scripts.add(script)
    }
  if (scripts.size <= 1) return true
  return HAN_SETS.some((set) => [...scripts].every((s) => set.has(s)))
}

/** The host as the user should read it: Unicode when single-script, else the xn-- form. */
export function displayHost(hostname: string): string {
  const labels = hostname.toLowerCase().split('.')
  if (!labels.some((l) => l.startsWith('xn--'))) return hostname.toLowerCase()
  const decoded: string[] = []
  for (const label of labels) {
    const text = label.startsWith('xn--') ? decodePunycode(label.slice(4)) : label
    if (text === null || text === '') return hostname.toLowerCase()
    decoded.push(text.normalize('NFC'))
  }
  return isSingleScript(decoded) ? decoded.join('.') : hostname.toLowerCase()
}

/**
 * Percent-escapes left as they are when decoded: URL structure (`/ ? # % &` and the rest of
 * ASCII, whose decoding would change how the link reads) and, beyond ASCII, anything invisible or
 * that can reorder text (format and control characters, separators, private use, U+FFFD).
 */
const UNSAFE_DECODED = /[\p{C}\p{Z}\uFFFD]/u

const hex = (bytes: number[]): string =>
  bytes.map((x) => `%${x.toString(16).toUpperCase().padStart(2, '0')}`).join('')

/** Decodes the UTF-8 escapes of visible, harmless non-ASCII characters; keeps every other escape. */
function decodeSafely(encoded: string): string {
  return encoded.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = (run.match(/%[0-9A-Fa-f]{2}/g) ?? []).map((b) => parseInt(b.slice(1), 16))
    let out = ''
    let i = 0
    while (i < bytes.length) {
      const lead = bytes[i]!
      const len = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 1
      const seq = bytes.slice(i, i + len)
      if (len > 1 && seq.length === len && seq.slice(1).every((x) => x >= 0x80 && x < 0xc0)) {
        let char: string | null = null
        try {
          char = decodeURIComponent(hex(seq))
        } catch {
          // Overlong or surrogate encodings: not valid UTF-8, left encoded.
        }
        if (char !== null && !UNSAFE_DECODED.test(char)) {
          out += char
          i += len
          continue
        }
      }
      out += hex([lead])
      i++
    }
    return out
  })
}

/** The visible text of a link to `href` (an absolute http(s) URL, as toSafeUrl returns it). */
export function linkLabel(href: string): string {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return href
  }
  const port = url.port ? `:${url.port}` : ''
  const rest =
    url.pathname === '/' && !url.search && !url.hash ? '' : url.pathname + url.search + url.hash
  return `${url.protocol}//${displayHost(url.hostname)}${port}${decodeSafely(rest)}`
}

/** What the confirmation before opening a link says: it names the host. */
export function linkConfirmation(href: string): {
  title: string
  host: string
  message: string
  confirmLabel: string
} {
  let host = href
  try {
    host = displayHost(new URL(href).hostname)
  } catch {
    // Not a URL: the caller only passes URLs toSafeUrl accepted; show it as it is.
  }
  return {
    title: t('link.title'),
    host,
    message: t('link.message', { host, url: linkLabel(href) }),
    confirmLabel: t('link.confirm', { host }),
  }
}
