/**
 * Splits a message body into text and link segments so links can be rendered as elements while
 * everything else stays plain text (bodies are never parsed as HTML).
 */
import { linkLabel } from './link-display'

/**
 * `text` is the body's own text (joined, the segments give back the body); a link shows `label`,
 * its target as link-display.ts makes it readable, never the text the sender chose.
 */
export type BodySegment =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string; label: string }

// http(s) URLs and bare www. hosts; stops at whitespace and at characters that rarely end a URL.
const LINK_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi
const TRAILING = /[.,;:!?'")\]}>]+$/

function trimTrailing(candidate: string): string {
  let text = candidate.replace(TRAILING, '')
  // Keep a closing parenthesis that balances one inside the URL (Wikipedia-style links).
  const rest = candidate.slice(text.length)
  if (rest.startsWith(')')) {
    const opens = (text.match(/\(/g) ?? []).length
    const closes = (text.match(/\)/g) ?? []).length
    if (opens > closes) text += ')'
  }
  return text
}

/** Only http and https links are opened; anything else stays text. */
export function toSafeUrl(text: string): string | null {
  const withScheme = /^www\./i.test(text) ? `https://${text}` : text
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (!url.hostname) return null
    return url.href
  } catch {
    return null
  }
}

/** Splits `body` into text and link segments, in order; joined texts equal `body`. */
export function splitLinks(body: string): BodySegment[] {
  const segments: BodySegment[] = []
  let last = 0
  for (const match of body.matchAll(LINK_RE)) {
    const start = match.index
    const text = trimTrailing(match[0])
    const url = text.length > 0 ? toSafeUrl(text) : null
    if (!url || text.length <= 4) continue
    if (start > last) segments.push({ kind: 'text', text: body.slice(last, start) })
    segments.push({ kind: 'link', text, url, label: linkLabel(url) })
    last = start + text.length
  }
  if (last < body.length) segments.push({ kind: 'text', text: body.slice(last) })
  return segments
}
