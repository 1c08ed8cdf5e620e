/**
 * Mentions: `@username` in a message body. Main counts and notifies the ones that name the
 * signed-in user; the renderer highlights them. One rule for both, so a highlighted mention is
 * exactly one that was counted.
 *
 * A mention is `@` + the username, case-insensitive, on word boundaries: the `@` does not follow
 * a character that could be part of a name or an e-mail address (`bob@alice.org` is not a
 * mention), and the name is not followed by more of a name (`@alice` does not match `@alice2`
 * or `@alice.smith`, but does match `@alice.` and `@alice,`).
 */

/** Characters of a name (Django usernames: letters, digits and `@ . + - _`). */
const NAME_CHAR = /[\p{L}\p{N}\p{M}_]/u
const JOINERS = new Set(['.', '+', '-', '@'])

/** A mention's place in a body: `start` is the `@`, `end` is just after the name. */
export interface MentionRange {
  start: number
  end: number
}

function isNameChar(ch: string | undefined): boolean {
  return ch !== undefined && NAME_CHAR.test(ch)
}

/** The code point before `index` (surrogate pairs read as one character). */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined
  const low = text.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index)
  return text[index - 1]
}

function charAt(text: string, index: number): string | undefined {
  const cp = text.codePointAt(index)
  return cp === undefined ? undefined : String.fromCodePoint(cp)
}

/** The name does not go on after `end` (a joiner only continues it when a name char follows). */
function endsName(text: string, end: number): boolean {
  const next = charAt(text, end)
  if (next === undefined) return true
  if (isNameChar(next)) return false
  if (JOINERS.has(next)) return !isNameChar(charAt(text, end + 1))
  return true
}

function startsMention(text: string, at: number): boolean {
  const before = charBefore(text, at)
  return before === undefined || !(isNameChar(before) || JOINERS.has(before))
}

/** Every mention of `username` in `body`, in order; none when `username` is empty. */
export function findMentions(body: string, username: string | null): MentionRange[] {
  if (!username) return []
  const found: MentionRange[] = []
  // Lower-casing can change lengths for a few characters, so compare slice by slice.
  const name = username.toLocaleLowerCase('und')
  let at = body.indexOf('@')
  while (at !== -1) {
    const end = at + 1 + username.length
    if (
      startsMention(body, at) &&
      body.slice(at + 1, end).toLocaleLowerCase('und') === name &&
      endsName(body, end)
    )
      found.push({ start: at, end })
    at = body.indexOf('@', at + 1)
  }
  return found
}

/** True when `body` mentions `username`. */
export function mentionsUser(body: string, username: string | null): boolean {
  if (!username || body.indexOf('@') === -1) return false
  return findMentions(body, username).length > 0
}

/** A body cut into plain text and mentions of the user, in order; joined, they give the body. */
export type MentionSegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string }

export function splitMentions(body: string, username: string | null): MentionSegment[] {
  const segments: MentionSegment[] = []
  let last = 0
  for (const range of findMentions(body, username)) {
    if (range.start > last) segments.push({ kind: 'text', text: body.slice(last, range.start) })
    segments.push({ kind: 'mention', text: body.slice(range.start, range.end) })
    last = range.end
  }
  if (last < body.length || segments.length === 0)
    segments.push({ kind: 'text', text: body.slice(last) })
  return segments
}
