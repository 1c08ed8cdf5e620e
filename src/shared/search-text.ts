/**
 * Message search, the text half: a query becomes terms; a message matches when it holds every
 * term (case-insensitive, anywhere in the text); a match gets ranges for highlighting, a short
 * snippet around its first match and a score for ranking. Pure and shared: main ranks with it and
 * the renderer's tests use the same rules.
 */

/** At most this many terms count; more would only slow the scan down. */
export const MAX_TERMS = 8
/** Snippets are about this many characters long. */
export const SNIPPET_CHARS = 160

/** [start, end) in UTF-16 code units of the text it was computed on. */
export type MatchRange = readonly [number, number]

export interface Snippet {
  text: string
  ranges: MatchRange[]
}

/** The distinct lower-cased terms of a query (whitespace separates terms); [] when blank. */
export function parseQuery(raw: string): string[] {
  const terms: string[] = []
  for (const word of raw.split(/\s+/)) {
    const term = foldCase(word)
    if (term !== '' && !terms.includes(term)) terms.push(term)
    if (terms.length === MAX_TERMS) break
  }
  return terms
}

/**
 * Lower-cases one UTF-16 unit at a time, keeping a unit whose lower case is longer (e.g. 'İ'), so
 * every index in the folded text is the same index in the original.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  let out = ''
  for (const unit of text) {
    const l = unit.toLowerCase()
    out += l.length === unit.length ? l : unit
  }
  return out
}

/** Every occurrence of every term, merged and ordered; null when some term does not occur. */
export function matchRanges(body: string, terms: readonly string[]): MatchRange[] | null {
  if (terms.length === 0) return null
  const folded = foldCase(body)
  const found: [number, number][] = []
  for (const term of terms) {
    let at = folded.indexOf(term)
    if (at < 0) return null
    while (at >= 0) {
      found.push([at, at + term.length])
      at = folded.indexOf(term, at + term.length)
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const range of found) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

const WORD = /[\p{L}\p{N}_]/u

function isWordAt(text: string, index: number): boolean {
  const ch = text[index]
  return ch !== undefined && WORD.test(ch)
}

/**
 * How well a message matches: per term, 3 for a whole word, 2 for the start of a word, 1 for
 * inside a word (the best occurrence counts). Higher ranks first; ties go to the newer message.
 */
export function scoreOf(body: string, terms: readonly string[]): number {
  const folded = foldCase(body)
  let score = 0
  for (const term of terms) {
    let best = 0
    let at = folded.indexOf(term)
    while (at >= 0 && best < 3) {
      const starts = !isWordAt(folded, at - 1)
      const ends = !isWordAt(folded, at + term.length)
      best = Math.max(best, starts && ends ? 3 : starts ? 2 : 1)
      at = folded.indexOf(term, at + 1)
    }
    score += best
  }
  return score
}

/**
 * A window of about SNIPPET_CHARS around the first match, with the ranges that fall in it moved
 * to its coordinates; '…' marks text cut at either end. Line breaks become spaces.
 */
export function snippetOf(
  body: string,
  ranges: readonly MatchRange[],
  max = SNIPPET_CHARS,
): Snippet {
  const flat = body.replace(/[\r\n\t]/g, ' ')
  const first = ranges[0] ?? [0, 0]
  let start = 0
  if (flat.length > max) start = Math.max(0, Math.min(first[0] - 40, flat.length - max))
  // Never cut a surrogate pair in half.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start] ?? '')) start--
  let end = Math.min(flat.length, start + max)
  if (end < flat.length && /[\uDC00-\uDFFF]/.test(flat[end] ?? '')) end++
  const prefix = start > 0 ? '…' : ''
  const suffix = end < flat.length ? '…' : ''
  const shift = prefix.length - start
  const inside: MatchRange[] = []
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue
    inside.push([Math.max(a, start) + shift, Math.min(b, end) + shift])
  }
  return { text: prefix + flat.slice(start, end) + suffix, ranges: inside }
}

/** Splits `text` into plain and matched pieces, for rendering highlights without HTML. */
export function highlightPieces(
  text: string,
  ranges: readonly MatchRange[],
): { text: string; match: boolean }[] {
  const pieces: { text: string; match: boolean }[] = []
  let at = 0
  for (const [a, b] of ranges) {
    const start = Math.max(a, at)
    const end = Math.min(b, text.length)
    if (start >= end) continue
    if (start > at) pieces.push({ text: text.slice(at, start), match: false })
    pieces.push({ text: text.slice(start, end), match: true })
    at = end
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false })
  return pieces
}
