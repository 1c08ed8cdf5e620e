/**
 * The composer's `@` suggestions, without the DOM: which `@name` the caret is in, which
 * participants fit it, and the text after one is picked. Pure, unit tested.
 */

/** Characters of a username (Django: letters, digits and `@ . + - _`; `@` ends the query). */
const NAME_CHAR = /[\p{L}\p{N}\p{M}_.+-]/u
/** Longest query looked back for (Django usernames are at most 150 characters). */
const MAX_QUERY = 150
/** Suggestions shown at once. */
export const MAX_SUGGESTIONS = 8

/** The `@name` being typed at the caret: where its `@` is and the text after it. */
export interface MentionQuery {
  start: number
  query: string
}

/** The `@` token the caret is in, or null (an `@` inside a word, e.g. an e-mail, is not one). */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const end = Math.max(0, Math.min(caret, text.length))
  for (let i = end - 1; i >= 0 && end - i <= MAX_QUERY + 1; i--) {
    const ch = text[i]!
    if (ch === '@') {
      const before = i > 0 ? text[i - 1]! : ''
      if (before !== '' && (NAME_CHAR.test(before) || before === '@')) return null
      return { start: i, query: text.slice(i + 1, end) }
    }
    if (!NAME_CHAR.test(ch)) return null
  }
  return null
}

/**
 * Participants fitting `query` (case-insensitive): names starting with it first, then names
 * containing it, each alphabetically; never the user themself.
 */
export function suggestMentions(
  participants: readonly string[],
  query: string,
  self: string | null,
  limit: number = MAX_SUGGESTIONS,
): string[] {
  const q = query.toLocaleLowerCase()
  const me = self?.toLocaleLowerCase() ?? null
  const starts: string[] = []
  const contains: string[] = []
  for (const name of new Set(participants)) {
    const lower = name.toLocaleLowerCase()
    if (lower === me) continue
    if (lower.startsWith(q)) starts.push(name)
    else if (lower.includes(q)) contains.push(name)
  }
  const byName = (a: string, b: string) => a.localeCompare(b)
  return [...starts.sort(byName), ...contains.sort(byName)].slice(0, limit)
}

/** The text with the query replaced by `@username ` and where the caret goes after it. */
export function insertMention(
  text: string,
  query: MentionQuery,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const after = text.slice(Math.max(caret, query.start))
  const spacer = after.startsWith(' ') ? '' : ' '
  const inserted = `@${username}${spacer}`
  const head = text.slice(0, query.start) + inserted
  return { text: head + after, caret: head.length + (spacer === '' ? 1 : 0) }
}
