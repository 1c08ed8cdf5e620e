/**
 * Whether the list moves its scroll offset when a chunk is measured at a new size, so the rows in
 * view stay where they are. It is the virtualizer's own rule (a chunk measured for the first time
 * counts when it starts above the offset; a re-measured one when it ends above it and the reader
 * is not scrolling up), with one change: while the list follows the end, a chunk above that turns
 * out shorter does not move the view up. The end is the anchor then (the pin keeps it in view),
 * and an upward move would read as the reader scrolling up and stop the following.
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
  if (list.following && delta < 0) return false
  return chunk.firstMeasure
    ? chunk.start < list.offset
    : chunk.end <= list.offset && !list.scrollingUp
}
