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

/*
 * Row heights for the virtualizer's guesses, from MessageItem's styles at the default font size: a
 * body line, the padding of a continued row, a group head's name line and padding, the gutter that
 * a one-line continued row still has, the width taken beside the body (gutter, gap and padding)
 * and an average character's width. A wrong guess only costs a correction once the row is
 * measured, but a close one makes the first frame render just the rows that fill the view.
 */
const LINE_PX = 20
const CONTINUED_PAD_PX = 3
const HEAD_EXTRA_PX = 28
const CONTINUED_MIN_PX = 37
const BESIDE_BODY_PX = 86
const CHAR_PX = 7.5

/**
 * A guess at the height of `messages[index]`'s row in a list `listWidthPx` wide (0 when not
 * known yet). Constant time per row (no scan of the body): the virtualizer asks again for every
 * unmeasured row whenever the number of rows changes.
 */
export function estimateRowPx(
  messages: readonly ChatMessage[],
  index: number,
  listWidthPx: number,
): number {
  const m = messages[index]
  if (!m) return 0
  const bodyPx = Math.max(200, (listWidthPx || 700) - BESIDE_BODY_PX)
  const lines = Math.max(1, Math.ceil((m.body.length * CHAR_PX) / bodyPx))
  const prev = index > 0 ? messages[index - 1] : undefined
  return prev && prev.author.id === m.author.id
    ? Math.max(CONTINUED_MIN_PX, CONTINUED_PAD_PX + lines * LINE_PX)
    : HEAD_EXTRA_PX + lines * LINE_PX
}
