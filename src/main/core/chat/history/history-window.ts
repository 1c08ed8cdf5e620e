/**
 * Main holds a window of each room's history, not all of it: the newest WINDOW_SIZE messages,
 * plus the older pages the reader asked for while the room is open. Everything older lives in
 * the account's store (and on the server). A fetched history, which is always the whole room, is
 * split at the window's floor: the part inside the window is merged as before (events, unread,
 * fate resolution); the part below it only goes to the store.
 */
import { idKey } from '../../../../shared/frames'
import type { HistoryMessage } from '../../../../shared/graphql-shapes'
import { parseIsoTimestamp } from '../../../../shared/iso-time'
import type { RoomMessages } from '../room-state'

/** Messages of a room main keeps when it has a store behind it. */
export const WINDOW_SIZE = 300
/**
 * Without a store (memory only) main keeps more, since a page below the window then costs a
 * fetch of the whole room. Not many thousands more: each time a room is opened its whole window
 * goes to the renderer, and in a busy room messages held for 5,000 (up to twice that between
 * trims) outlive V8's young generation, so every one was copied and promoted before it was
 * trimmed, which cost the receive path 15-20 % more CPU per message (`npm run bench:core`).
 * Held for 1,500 to 3,000 they die young.
 */
export const MEMORY_ONLY_WINDOW = 1500
/**
 * Messages per older page the reader asks for: a multiple of the renderer's 8-row chunks, so
 * the rows already on screen keep their measured chunks when a page goes in front.
 */
export const OLDER_PAGE_SIZE = 192
/** A room nobody reads is trimmed back to its window once live messages grow it this far. */
export const TRIM_SLACK = 2

export interface SplitHistory {
  /** Rows older than the window: the store keeps them, memory does not. */
  below: readonly HistoryMessage[]
  /** Rows from the window's floor on (all of them on a first load, up to `windowSize`). */
  within: readonly HistoryMessage[]
}

/**
 * Where a fetched history (oldest first) meets the held window. On a first load the newest
 * `windowSize` rows form the window. Later, the floor is the oldest held message still in the
 * history (by position, which is exact even for messages created in the same microsecond), or,
 * when every held message is gone, its creation time.
 */
export function splitAtFloor(
  rows: readonly HistoryMessage[],
  held: RoomMessages,
  windowSize: number,
): SplitHistory {
  if (!held.loaded || held.confirmedCount === 0) {
    const cut = Math.max(0, rows.length - windowSize)
    return { below: rows.slice(0, cut), within: rows.slice(cut) }
  }
  if (!held.hasOlder) return { below: [], within: rows }
  const index = new Map<string, number>()
  rows.forEach((r, i) => index.set(idKey(r.id), i))
  let cut = -1
  for (const m of held.confirmedMessages()) {
    const at = index.get(idKey(m.id))
    if (at !== undefined) {
      cut = at
      break
    }
  }
  if (cut < 0) {
    const floorMs = held.oldestConfirmed()?.created ?? 0
    cut = rows.findIndex((r) => (parseIsoTimestamp(r.created) ?? 0) >= floorMs)
    if (cut < 0) cut = rows.length
  }
  return { below: rows.slice(0, cut), within: rows.slice(cut) }
}
