/**
 * The history is virtualized in chunks of consecutive messages: the virtualizer positions and
 * measures whole chunks, and each rendered chunk lays its rows out in normal flow. Every change
 * of the virtualizer's item count makes it rebuild its position tables and allocate arrays as
 * long as its item count; over single rows that is 100,000-entry arrays a dozen times a second
 * during a burst of incoming messages, and the garbage collector's pauses become long tasks.
 * Over chunks those arrays are CHUNK_SIZE times shorter, so a rebuild per render costs nothing.
 */

/** Messages per chunk: small enough that few rows render beyond the viewport. */
export const CHUNK_SIZE = 8

/**
 * `lead`: empty places in front of the first message (0 to size - 1), so the first chunk may be
 * short. Older messages put in front fill those places first: the rows already there keep their
 * chunk (and its measured size) whatever the number put in front.
 */

/** Chunks needed for `messages` messages. */
export function chunkCount(messages: number, size: number = CHUNK_SIZE, lead = 0): number {
  return Math.ceil((messages + lead) / size)
}

/** The message indexes [start, end) of chunk `chunk` when there are `messages` messages. */
export function chunkBounds(
  chunk: number,
  messages: number,
  size: number = CHUNK_SIZE,
  lead = 0,
): { start: number; end: number } {
  const start = Math.max(0, chunk * size - lead)
  return { start, end: Math.min(chunk * size - lead + size, messages) }
}

/** The chunk that holds message `index` (the first chunk holds `size - lead` of them). */
export function chunkOf(index: number, size: number = CHUNK_SIZE, lead = 0): number {
  return Math.floor((index + lead) / size)
}

/**
 * After `shift` messages were put in front (negative: dropped), the new lead and by how many
 * chunks the old ones moved.
 */
export function shiftFront(
  lead: number,
  shift: number,
  size: number = CHUNK_SIZE,
): { lead: number; chunks: number } {
  const next = (((lead - shift) % size) + size) % size
  return { lead: next, chunks: (next + shift - lead) / size }
}
