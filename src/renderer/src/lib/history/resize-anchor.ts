/**
 * Whether the list moves its scroll offset when a chunk is measured at a new size, so the rows in
 * view stay where they are. It is the virtualizer's own rule (a chunk measured for the first time
 * counts when it starts above the offset; a re-measured one when it ends above it and the reader
 * is not scrolling up), with one change: while the list follows the end, the offset never moves.
 * The end is the anchor then and the list pins it after every change of height. A correction of
 * the virtualizer's would fight the pin: one upward reads as the reader scrolling up and stops the
 * following, and one clamped at the old end is written again later, above the new end.
 */
export interface ResizedChunk {
  start: number
  end: number
  /** It had never been measured (its size so far was a guess). */
  firstMeasure: boolean
}

export function adjustsOffset(
  chunk: ResizedChunk,
  delta: number,
  list: { offset: number; scrollingUp: boolean; following: boolean },
): boolean {
  if (list.following) return false
  return chunk.firstMeasure
    ? chunk.start < list.offset
    : chunk.end <= list.offset && !list.scrollingUp
}
