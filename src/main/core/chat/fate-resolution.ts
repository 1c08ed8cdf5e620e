/**
 * Resolves outbox entries whose fate became unknown (sent, then the socket dropped before the
 * echo) against the history fetched after the reconnect: nothing lost, nothing doubled.
 */
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import { idKey } from '../../../shared/frames'
import { parseIsoTimestamp } from '../../../shared/iso-time'
import type { OutboxEntry, TextEntry } from './outbox'

/** Tolerated clock difference between this machine and the server when matching by time. */
export const FATE_SLACK_MS = 60_000

export type FateOutcome =
  /** The history holds our text: confirm the pending message as this row. */
  | { kind: 'confirmed'; row: HistoryMessage }
  /** The server applied it (edit shows the new body, delete is gone). */
  | { kind: 'done' }
  /** The server never applied it: send it again. */
  | { kind: 'resend' }
  /** The edit's message no longer exists: it can never apply. */
  | { kind: 'gone' }

export interface FateContext {
  /** The signed-in user's username. */
  me: string
  /** Ids (idKey) of messages already matched before this history was fetched. */
  knownIds: ReadonlySet<string>
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
  const outcomes = new Map<OutboxEntry, FateOutcome>()

  const findText = (entry: TextEntry): HistoryMessage | undefined => {
    const earliest = (entry.firstSentAt ?? 0) - slack
    return history.find((row) => {
      const key = idKey(row.id)
      if (claimed.has(key) || ctx.knownIds.has(key)) return false
      if (row.user.username !== ctx.me || row.body !== entry.body) return false
      return (parseIsoTimestamp(row.created) ?? 0) >= earliest
    })
  }

  for (const entry of entries) {
    if (entry.kind === 'text') {
      const row = findText(entry)
      if (row) {
        claimed.add(idKey(row.id))
        outcomes.set(entry, { kind: 'confirmed', row })
      } else outcomes.set(entry, { kind: 'resend' })
      continue
    }
    const row = byId.get(idKey(entry.messageId))
    if (entry.kind === 'delete') outcomes.set(entry, row ? { kind: 'resend' } : { kind: 'done' })
    else if (!row) outcomes.set(entry, { kind: 'gone' })
    else outcomes.set(entry, row.body === entry.body ? { kind: 'done' } : { kind: 'resend' })
  }
  return outcomes
}
