/**
 * Resolves outbox entries whose fate became unknown (sent, then the socket dropped before the
 * echo) against the history fetched after the reconnect: nothing lost, nothing doubled.
 *
 * A text is matched only by its exact body: the protocol carries no client id. So when another
 * device of the same user is active, "not in the history" may mean "stored, then edited or
 * deleted by my other device", and resending would store it twice. Such a text is `uncertain`:
 * the user decides. A user with a single device keeps the automatic resend.
 */
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import type { ChatMessage } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'
import { parseIsoTimestamp } from '../../../shared/iso-time'
import type { OutboxEntry, TextEntry } from './outbox'

/** Tolerated clock difference between this machine and the server when matching by time. */
export const FATE_SLACK_MS = 60_000

/** Another device of mine seen this long before a send still makes that send's fate uncertain. */
export const OTHER_DEVICE_WINDOW_MS = 10 * 60_000

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
   * Epoch ms (client clock) when this client last saw a message by `me` that it did not send,
   * or an edit or delete of one that it did not ask for; null if never.
   */
  otherDeviceSeenAt: number | null
  slackMs?: number
  otherDeviceWindowMs?: number
}

/** Decides each unknown entry's fate, in order; a history row confirms at most one text. */
export function resolveUnknownFates(
  entries: readonly OutboxEntry[],
  history: readonly HistoryMessage[],
  ctx: FateContext,
): Map<OutboxEntry, FateOutcome> {
  const slack = ctx.slackMs ?? FATE_SLACK_MS
  const window = ctx.otherDeviceWindowMs ?? OTHER_DEVICE_WINDOW_MS
  const byId = new Map<string, HistoryMessage>()
  for (const row of history) byId.set(idKey(row.id), row)
  const claimed = new Set<string>()

  const earliest = (entry: TextEntry) => (entry.firstSentAt ?? 0) - slack
  /** A row by me that nothing here accounts for, created since `since` (server clock). */
  const unexplained = (row: HistoryMessage, since: number) => {
    const key = idKey(row.id)
    if (claimed.has(key) || ctx.knownIds.has(key) || row.user.username !== ctx.me) return false
    return (parseIsoTimestamp(row.created) ?? 0) >= since
  }
  const otherDeviceActive = (entry: TextEntry): boolean => {
    const seen = ctx.otherDeviceSeenAt
    if (seen !== null && seen >= (entry.firstSentAt ?? 0) - window) return true
    return history.some((row) => unexplained(row, earliest(entry)))
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

  const outcomes = new Map<OutboxEntry, FateOutcome>()
  for (const entry of entries) {
    if (entry.kind === 'text') {
      const row = confirmedBy.get(entry)
      if (row) outcomes.set(entry, { kind: 'confirmed', row })
      else outcomes.set(entry, { kind: otherDeviceActive(entry) ? 'uncertain' : 'resend' })
      continue
    }
    const row = byId.get(idKey(entry.messageId))
    if (entry.kind === 'delete') outcomes.set(entry, row ? { kind: 'resend' } : { kind: 'done' })
    else if (!row) outcomes.set(entry, { kind: 'gone' })
    else outcomes.set(entry, row.body === entry.body ? { kind: 'done' } : { kind: 'resend' })
  }
  return outcomes
}

/** What this client knew before a later history fetch (never called for the first load). */
export interface KnownBefore {
  /** The signed-in user's username. */
  me: string
  /** Confirmed messages shown before the fetch. */
  messages: Iterable<ChatMessage>
  /** Bodies of this client's texts whose fate is unknown: a row with one of them may be ours. */
  unknownBodies: ReadonlySet<string>
  /** Ids (idKey) of messages this client has asked to edit or delete. */
  requested: ReadonlySet<string>
}

/**
 * A fetched history shows another device of mine at work: a message by me this client neither
 * knew nor may have sent, or a known message of mine edited or deleted without a request from
 * here. Checked before resolving, so that what this history shows counts for this resolution.
 */
export function historyShowsOtherDevice(
  history: readonly HistoryMessage[],
  known: KnownBefore,
): boolean {
  const before = new Map<string, ChatMessage>()
  for (const m of known.messages) before.set(idKey(m.id), m)
  const rows = new Map<string, HistoryMessage>()
  for (const row of history) {
    const key = idKey(row.id)
    rows.set(key, row)
    if (row.user.username !== known.me || before.has(key)) continue
    if (!known.unknownBodies.has(row.body)) return true
  }
  for (const [key, m] of before) {
    if (!m.own || known.requested.has(key)) continue
    const row = rows.get(key)
    if (!row || row.body !== m.body) return true
  }
  return false
}
