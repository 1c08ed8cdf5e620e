/**
 * What a screen reader hears when messages arrive in the open room: one sentence for a burst, not
 * one per message ("3 new messages from Bob and Carol"); a lone message is read with its text.
 * The user's own messages are never announced: they know what they just sent.
 */
import { t } from '../../i18n'

/** One arrived message, as much of it as the announcement needs. */
export interface Arrival {
  author: string
  own: boolean
  body: string
}

/** A lone message is read up to this many characters; the rest is on screen. */
export const EXCERPT_MAX = 120
/** At most this many names are read; further authors are counted ("and 2 others"). */
export const NAMES_MAX = 3

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= EXCERPT_MAX ? flat : `${chars.slice(0, EXCERPT_MAX).join('')}…`
}

/** "Bob", "Bob and Carol", "Bob, Carol and Dave", "Bob, Carol, Dave and 2 others". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  if (names.length <= NAMES_MAX)
    return t('announce.two', { first: names.slice(0, -1).join(', '), last: names.at(-1) ?? '' })
  const rest = names.length - NAMES_MAX
  return t('announce.others', { names: names.slice(0, NAMES_MAX).join(', '), rest })
}

/** The announcement for messages that arrived together, or null when there is nothing to say. */
export function summariseArrivals(arrivals: readonly Arrival[]): string | null {
  const others = arrivals.filter((a) => !a.own)
  const first = others[0]
  if (!first) return null
  if (others.length === 1) {
    const text = excerpt(first.body)
    return text
      ? t('announce.oneWithText', { author: first.author, text })
      : t('announce.one', { author: first.author })
  }
  // Authors in the order they first spoke, each once.
  const names = [...new Set(others.map((a) => a.author))]
  return t('announce.many', { count: others.length, names: joinNames(names) })
}
