/**
 * How many rows the virtualizer is told about, and how it is brought up to date with the
 * timeline. Every change of the virtualizer's row count makes it rebuild its position tables for
 * the whole history (O(n) time and two arrays as long as the history), which during a burst of
 * incoming messages in a 100,000-message room adds up to long tasks. So the count grows in blocks:
 * the slots past the last message are zero-height placeholders, and an append turns placeholders
 * into rows, which the virtualizer re-indexes from the first new row only.
 */

/** Slots are added and removed this many at a time; appends change the count once per block. */
export const SLOT_BLOCK = 4096

/**
 * The slot count for `size` messages given the `current` one: kept while it still holds every
 * message with room to spare and no more than two blocks of placeholders, else rounded to fit.
 */
export function slotCount(current: number, size: number, block: number = SLOT_BLOCK): number {
  if (size < current && current - size <= 2 * block) return current
  return (Math.floor(size / block) + 1) * block
}

/** What the list must do to show the timeline's current state. */
export interface RowSyncPlan {
  /** The new slot count. */
  slots: number
  /** Rows before the end moved or changed identity, or the count changed: re-index everything. */
  rebuild: boolean
  /** Only appends: re-index from this index (the first new row); null when nothing to do. */
  appendFrom: number | null
}

/**
 * Plans one sync from the state last shown (`prevSize` messages in `prevSlots` slots) to `size`
 * messages, where `lowestChange` is the lowest index that changed since (Timeline.takeLowestChange).
 */
export function planRowSync(
  prevSize: number,
  prevSlots: number,
  size: number,
  lowestChange: number,
): RowSyncPlan {
  const slots = slotCount(prevSlots, size)
  const rebuild = slots !== prevSlots || lowestChange < prevSize
  return { slots, rebuild, appendFrom: !rebuild && size > prevSize ? prevSize : null }
}

/**
 * The virtualizer's range extractor over message rows only: the visible range plus `overscan`
 * rows either side, never a placeholder (those sit past the end, and all "fit" in the viewport
 * when the messages do not fill it).
 */
export function messageIndexes(
  range: { startIndex: number; endIndex: number; overscan: number },
  messages: number,
): number[] {
  const start = Math.max(range.startIndex - range.overscan, 0)
  const end = Math.min(range.endIndex + range.overscan, messages - 1)
  const indexes: number[] = []
  for (let i = start; i <= end; i++) indexes.push(i)
  return indexes
}
