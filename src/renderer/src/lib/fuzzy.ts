/**
 * Fuzzy matching for the quick switcher: the query's characters must appear in order
 * (case-insensitive); matches at the start of the text or of a word, and runs of consecutive
 * characters, score higher, so "gen" finds "General" before "Algebra legends".
 */

export interface FuzzyMatch {
  score: number
  /** [start, end) of the matched characters in the text, merged into runs. */
  ranges: [number, number][]
}

const SEPARATOR = /[\s\-_/.#:,]/

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true
  const prev = text[i - 1]!
  const ch = text[i]!
  if (SEPARATOR.test(prev)) return true
  // camelCase: a capital after a small letter starts a word.
  return prev === prev.toLowerCase() && ch !== ch.toLowerCase()
}

/** Scores `text` for `query`; null when the query's characters are not all there in order. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = query.trim().toLowerCase()
  if (q === '') return { score: 0, ranges: [] }
  const t = text.toLowerCase()
  // A plain substring beats any scattered match: prefer the best-placed one.
  const direct = t.indexOf(q)
  if (direct >= 0) {
    let at = direct
    for (let i = direct; i >= 0; i = t.indexOf(q, i + 1)) {
      if (isWordStart(text, i)) {
        at = i
        break
      }
    }
    const score =
      100 + (at === 0 ? 50 : isWordStart(text, at) ? 30 : 0) - at * 0.1 - t.length * 0.01
    return { score, ranges: [[at, at + q.length]] }
  }
  let score = 0
  let from = 0
  let prev = -2
  const ranges: [number, number][] = []
  for (const ch of q) {
    if (SEPARATOR.test(ch)) continue
    // Prefer the next word start holding this character; else its next occurrence.
    let at = -1
    for (let i = t.indexOf(ch, from); i >= 0; i = t.indexOf(ch, i + 1)) {
      if (i === prev + 1 || isWordStart(text, i)) {
        at = i
        break
      }
      if (at < 0) at = i
    }
    if (at < 0) return null
    score += 1 + (at === prev + 1 ? 3 : 0) + (isWordStart(text, at) ? 5 : 0) - (at - from) * 0.05
    const last = ranges[ranges.length - 1]
    if (last && last[1] === at) last[1] = at + 1
    else ranges.push([at, at + 1])
    prev = at
    from = at + 1
  }
  return { score, ranges }
}

export interface RankedRoom<R> {
  room: R
  score: number
  /** Matched characters in the room's name (empty when it matched on its key instead). */
  nameRanges: [number, number][]
}

/**
 * The rooms matching `query` by name or by `host/slug`, best first; ties go to joined rooms,
 * then alphabetical order. An empty query lists every room (joined first).
 */
export function rankRooms<R extends { key: string; name: string; joined: boolean }>(
  query: string,
  rooms: readonly R[],
): RankedRoom<R>[] {
  const out: RankedRoom<R>[] = []
  for (const room of rooms) {
    const byName = fuzzyMatch(query, room.name)
    const byKey = fuzzyMatch(query, room.key)
    if (!byName && !byKey) continue
    const nameScore = byName?.score ?? -Infinity
    const keyScore = (byKey?.score ?? -Infinity) - 1
    out.push({
      room,
      score: Math.max(nameScore, keyScore),
      nameRanges: byName && nameScore >= keyScore ? byName.ranges : [],
    })
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.room.joined) - Number(a.room.joined) ||
      a.room.name.localeCompare(b.room.name),
  )
  return out
}
