/**
 * Per-row layout of the history: whether a row starts a new day and whether it continues the
 * previous author's group. Computed from the neighbour only, so the virtual list derives it for
 * the handful of visible rows instead of precomputing 100,000 row objects.
 */
import type { ChatMessage } from '../../../../shared/ipc-contract'
import { localDayKey } from '../format'

/** Messages from one author closer together than this collapse into one group. */
export const GROUP_WINDOW_MS = 5 * 60_000

export interface RowLayout {
  /** True when this row is the first of its local calendar day (a separator goes above it). */
  startsDay: boolean
  /** True when this row continues the previous row's author group (no avatar or name). */
  continued: boolean
}

/** Failed or unconfirmed: the row shows why and what to do, so it never joins a group. */
function undelivered(m: ChatMessage): boolean {
  return m.status === 'failed' || m.status === 'unconfirmed'
}

/** Layout of `messages[index]`, looking only at the row before it. */
export function layoutAt(messages: readonly ChatMessage[], index: number): RowLayout {
  const m = messages[index]
  if (!m) return { startsDay: false, continued: false }
  const prev = index > 0 ? messages[index - 1] : undefined
  if (!prev) return { startsDay: true, continued: false }
  const startsDay = localDayKey(prev.created) !== localDayKey(m.created)
  const continued =
    !startsDay &&
    prev.author.id === m.author.id &&
    !undelivered(prev) &&
    !undelivered(m) &&
    m.created - prev.created < GROUP_WINDOW_MS
  return { startsDay, continued }
}
