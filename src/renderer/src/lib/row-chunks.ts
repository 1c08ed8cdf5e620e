/**
 * The history is virtualized in chunks of consecutive messages: the virtualizer positions and
 * measures whole chunks, and each rendered chunk lays its rows out in normal flow. Every change
 * of the virtualizer's item count makes it rebuild its position tables and allocate arrays as
 * long as its item count; over single rows that is 100,000-entry arrays a dozen times a second
 * during a burst of incoming messages, and the garbage collector's pauses become long tasks.
 * Over chunks those arrays are CHUNK_SIZE times shorter, so a rebuild per render costs nothing.
 */

/** Messages per chunk: small enough that few rows render beyond the viewport. */
export const CHUNK_SIZE = 16

/** Chunks needed for `messages` messages. */
export function chunkCount(messages: number, size: number = CHUNK_SIZE): number {
  return Math.ceil(messages / size)
}

/** The message indexes [start, end) of chunk `chunk` when there are `messages` messages. */
export function chunkBounds(
  chunk: number,
  messages: number,
  size: number = CHUNK_SIZE,
): { start: number; end: number } {
  const start = chunk * size
  return { start, end: Math.min(start + size, messages) }
}
