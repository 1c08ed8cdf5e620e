/**
 * Resolves outbox entries whose fate became unknown (sent, then the socket dropped before the
 * echo) against the history fetched after the reconnect: nothing lost, nothing doubled.
 *
 * A text is matched only by its exact body: the protocol carries no client id. So when another
 * device of the same user was active after the send, "not in the history" may mean "stored, then
 * edited or deleted by my other device", and resending would store it twice. Such a text is
 * `uncertain`: the user decides. A user with a single device keeps the automatic resend.
 *
 * Only activity after the send counts: a text can only be changed by another device once it is
 * stored. Activity before it would make every text lost to a server crash uncertain, although
 * most of those were never stored and are safe to resend.
 */
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import type { ChatMessage } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'
import { parseIsoTimestamp } from '../../../shared/iso-time'
import type { OutboxEntry, TextEntry } from './outbox'

/** Tolerated clock difference between this machine and the server when matching by time. */
export const FATE_SLACK_MS = 60_000

/**
 * Messages saved at nearly the same moment by different connections can reach a client in the
 * other order than their `created` times: a row this much older than the newest known one may
 * still be newer than our send.
 */
export const ORDER_SLACK_MS = 1_000

export type FateOutcome =
  /** The history holds our text: confirm the pending message as this row. */
  | { kind: 'confirmed'; row: HistoryMessage }
  /** The server applied it (edit shows the new body, delete is gone). */
  | { kind: 'done' }
  /** The server never applied it: send it again. */
  | { kind: 'resend' }
  /** The edit's message no longer exists: it can never apply. */
  | { kind: 'gone' }
  /** No exact match, but my other device may have changed it: neither resend nor drop it. */
  | { kind: 'uncertain' }

export interface FateContext {
  /** The signed-in user's username. */
  me: string
  /** Ids (idKey) of messages already matched before this history was fetched. */
  knownIds: ReadonlySet<string>
  /**
   * Epoch ms (client clock, like `firstSentAt`) when a history last showed another device of `me`
   * at work while this client was away (see historyShowsOtherDevice); null if never.
   */
  otherDeviceSeenAt: number | null
  slackMs?: number
}

/** Decides each unknown entry's fate, in order; a history row confirms at most one text. */
export function resolveUnknownFates(
  entries: readonly OutboxEntry[],
  history: readonly HistoryMessage[],
  ctx: FateContext,
): Map<OutboxEntry, FateOutcome> {
  const slack = ctx.slackMs ?? FATE_SLACK_MS
  const byId = new Map<string, HistoryMessage>()
  for (const row of history) byId.set(idKey(row.id), row)
  const claimed = new Set<string>()
  const createdOf = (row: HistoryMessage) => parseIsoTimestamp(row.created) ?? 0
  // Server clock, so no skew: we saw everything before the newest known row live; an own row we
  // never saw and newer than that was stored while we were away, after the send.
  let newestKnown = -Infinity
  for (const row of history)
    if (ctx.knownIds.has(idKey(row.id))) newestKnown = Math.max(newestKnown, createdOf(row))

  const earliest = (entry: TextEntry) => (entry.firstSentAt ?? 0) - slack
  /** A row by me that nothing here accounts for, created at `since` or later (server clock). */
  const unexplained = (row: HistoryMessage, since: number) => {
    const key = idKey(row.id)
    if (claimed.has(key) || ctx.knownIds.has(key) || row.user.username !== ctx.me) return false
    return createdOf(row) >= since
  }
  const otherDeviceActive = (entry: TextEntry): boolean => {
    const seen = ctx.otherDeviceSeenAt
    if (seen !== null && seen >= (entry.firstSentAt ?? 0)) return true
    // Nothing known (a first load): fall back to the send time, with the clock slack.
    const since = newestKnown > -Infinity ? newestKnown - ORDER_SLACK_MS : earliest(entry)
    return history.some((row) => unexplained(row, since))
  }

  // Exact matches first, so that a row a later text claims is not taken as evidence of another
  // device for an earlier one.
  const confirmedBy = new Map<OutboxEntry, HistoryMessage>()
  for (const entry of entries) {
    if (entry.kind !== 'text') continue
    const row = history.find((r) => r.body === entry.body && unexplained(r, earliest(entry)))
    if (!row) continue
    claimed.add(idKey(row.id))
    confirmedBy.set(entry, row)
  }

  // The server handles a connection's frames in order, so the stored texts are a prefix of the
  // unknown ones in send order. A missing text was either never stored or stored and changed
  // elsewhere; for a second missing text to be stored, the first must have been stored and
  // changed too. So only the first missing text is in doubt; the later ones were sent after the
  // break and are resent (unless my other device changed two of them, which this accepts).
  // Matches do not move that boundary: my other device may have sent an identical text.
  const firstMissing = entries
    .filter((e): e is TextEntry => e.kind === 'text' && !confirmedBy.has(e))
    .sort((a, b) => a.sentSeq - b.sentSeq)[0]
  const inDoubt = (entry: TextEntry) => entry === firstMissing && otherDeviceActive(entry)

  const outcomes = new Map<OutboxEntry, FateOutcome>()
  for (const entry of entries) {
    if (entry.kind === 'text') {
      const row = confirmedBy.get(entry)
      if (row) outcomes.set(entry, { kind: 'confirmed', row })
      else outcomes.set(entry, { kind: inDoubt(entry) ? 'uncertain' : 'resend' })
      continue
    }
    const row = byId.get(idKey(entry.messageId))
    if (entry.kind === 'delete') outcomes.set(entry, row ? { kind: 'resend' } : { kind: 'done' })
    else if (!row) outcomes.set(entry, { kind: 'gone' })
    else outcomes.set(entry, row.body === entry.body ? { kind: 'done' } : { kind: 'resend' })
  }
  return outcomes
}

/** What other-device detection reads of a message this client knew. */
export type KnownMessage = Pick<ChatMessage, 'id' | 'body' | 'own'>

/**
 * A later history (not the first load) shows another device of mine at work: a message of mine
 * this client knew is edited or gone, and this client did not ask for that. `requested` holds the
 * ids (idKey) of messages this client has asked to edit or delete.
 */
export function historyShowsOtherDevice(
  history: readonly HistoryMessage[],
  knownMessages: Iterable<KnownMessage>,
  requested: ReadonlySet<string>,
): boolean {
  const rows = new Map<string, HistoryMessage>()
  for (const row of history) rows.set(idKey(row.id), row)
  for (const m of knownMessages) {
    const key = idKey(m.id)
    if (!m.own || requested.has(key)) continue
    const row = rows.get(key)
    if (!row || row.body !== m.body) return true
  }
  return false
}
