/**
 * The size the history list reports for a rendered chunk. It comes from the ResizeObserver's
 * entry, which arrives after layout and before paint; reading offsetHeight instead (the library
 * default) forces a synchronous layout per new chunk, which during a burst of incoming messages
 * adds up to long tasks. Without an entry (the chunk was just rendered, its entry is on its way)
 * the size stays what the virtualizer already has for it, so nothing moves until the entry comes.
 */
/** A virtualizer item key. */
type Key = number | string | bigint

export interface ChunkSizes {
  /** The chunk's key (measured sizes are kept by key; keys move when rows go in front). */
  keyOf(index: number): Key
  /** The measured size kept for a key, if any. */
  measured(key: Key): number | undefined
  /** The size the virtualizer uses for the chunk at `index` now (measured or guessed). */
  current(index: number): number | undefined
}

export function chunkSize(
  entry: ResizeObserverEntry | undefined,
  index: number,
  sizes: ChunkSizes,
): number {
  const box = entry?.borderBoxSize?.[0]
  if (box) return Math.round(box.blockSize)
  return sizes.measured(sizes.keyOf(index)) ?? sizes.current(index) ?? 0
}
