/**
 * Where an older page of a room's history comes from when the reader scrolls up: the account's
 * store first (it holds the whole history as last fetched); the server only when the store
 * cannot say (no store, or the message is not stored). The server has no paging (`messages`
 * returns the whole room), so that path fetches it all and keeps one page.
 */
import { text } from '../../../../shared/i18n'
import { AppError } from '../../../../shared/errors'
import { idKey } from '../../../../shared/frames'
import type { HistoryMessage } from '../../../../shared/graphql-shapes'
import { parseIsoTimestamp } from '../../../../shared/iso-time'
import type { StoredMessage } from '../../store/store-types'
import { OLDER_PAGE_SIZE } from './history-window'
import type { RoomMessages } from '../room-state'
import type { RoomPersistence } from '../service/account-data'

export interface OlderPage {
  /** Oldest first. */
  messages: StoredMessage[]
  /** More exist before the first of them. */
  hasOlder: boolean
}

export interface OlderPageRequest {
  /** The oldest message the reader has: the page ends right before it. */
  beforeId: string
  held: RoomMessages
  persistence: RoomPersistence | null
  fetchHistory(): Promise<HistoryMessage[]>
  limit?: number
}

/** The page before `beforeId`. */
export async function loadOlderPage(request: OlderPageRequest): Promise<OlderPage> {
  const { beforeId, held, persistence } = request
  const limit = request.limit ?? OLDER_PAGE_SIZE
  const stored = persistence?.older(beforeId, limit) ?? null
  if (stored) return stored
  const anchor = held.confirmedById(beforeId)
  if (persistence && !anchor) throw new AppError('not-found', text('error.notInHistory'))
  return pageFromServer(await request.fetchHistory(), beforeId, anchor?.created ?? null, limit)
}

/** The `limit` rows before `beforeId` in a whole history (oldest first). */
export function pageFromServer(
  rows: readonly HistoryMessage[],
  beforeId: string,
  beforeCreatedMs: number | null,
  limit: number,
): OlderPage {
  const key = idKey(beforeId)
  let end = rows.findIndex((r) => idKey(r.id) === key)
  // Deleted on the server meanwhile: the page ends where it stood in time.
  if (end < 0 && beforeCreatedMs !== null)
    end = rows.findIndex((r) => (parseIsoTimestamp(r.created) ?? 0) >= beforeCreatedMs)
  if (end < 0) {
    if (beforeCreatedMs === null) throw new AppError('not-found', text('error.notInHistory'))
    end = rows.length
  }
  const start = Math.max(0, end - limit)
  return {
    messages: rows.slice(start, end).map((r) => ({ ...r, clientId: null })),
    hasOlder: start > 0,
  }
}
