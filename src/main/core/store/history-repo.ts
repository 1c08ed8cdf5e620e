/**
 * Each room's history as last seen, ordered by (created, id). Windows are read newest-first
 * through the (room, created_us, id_key) index, so reading the newest page of a room costs the
 * same with 100 or 100,000 messages.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'
import { parseIsoMicros } from '../../../shared/iso-time'
import type { SqlDb, SqlRow } from './sqlite'
import { num, str, strOrNull, transaction } from './sqlite'
import type { HistoryCursor, HistoryWindow, MessageEdit, StoredMessage } from './store-types'

export const DEFAULT_WINDOW = 200
export const MAX_WINDOW = 5000

export const COLUMNS =
  'id, author_id, author_username, author_avatar, body, edited, created, updated, created_us, id_key, client_id'

export interface HistoryRepo {
  /** The newest `limit` messages, or the `limit` before `before`; oldest first. */
  window(
    roomKey: RoomKey,
    options?: { before?: HistoryCursor | null; limit?: number },
  ): HistoryWindow
  /** Adds or updates messages (a live `new`, a page); a known client id is kept. */
  upsertMany(roomKey: RoomKey, messages: readonly StoredMessage[]): void
  /** The whole history was fetched: store it, and drop what the server no longer has. */
  replaceAll(roomKey: RoomKey, messages: readonly StoredMessage[]): void
  /** An `update` frame; false when the message is not stored. */
  applyEdit(roomKey: RoomKey, edit: MessageEdit): boolean
  /** A `delete` frame; false when the message is not stored. */
  applyDelete(roomKey: RoomKey, id: string): boolean
  newest(roomKey: RoomKey): StoredMessage | null
  /** Where a stored message sits (for paging before it); null when it is not stored. */
  cursorOfId(roomKey: RoomKey, id: string): HistoryCursor | null
  /** Every stored message by `username` before `before`, oldest first. */
  byAuthorBefore(roomKey: RoomKey, before: HistoryCursor, username: string): StoredMessage[]
  count(roomKey: RoomKey): number
  /** Messages after `after` (all when null) not written by `exceptUsername`: the unread count. */
  countAfter(roomKey: RoomKey, after: HistoryCursor | null, exceptUsername: string | null): number
  removeRoom(roomKey: RoomKey): void
}

/** The cursor of a message (where a window starts or a read mark points). */
export function cursorOf(message: Pick<StoredMessage, 'id' | 'created'>): HistoryCursor {
  return { createdUs: parseIsoMicros(message.created) ?? 0, id: idKey(message.id) }
}

/** A `messages` row as a StoredMessage (rows selected with COLUMNS). */
export function toMessage(row: SqlRow): StoredMessage {
  return {
    id: str(row, 'id'),
    user: {
      id: str(row, 'author_id'),
      username: str(row, 'author_username'),
      avatar: strOrNull(row, 'author_avatar'),
    },
    body: str(row, 'body'),
    edited: num(row, 'edited') !== 0,
    created: str(row, 'created'),
    updated: str(row, 'updated'),
    clientId: strOrNull(row, 'client_id'),
  }
}

/** Upsert parameters, positional in the column order of UPSERT (binding is on the hot path). */
function paramsOf(room: RoomKey, m: StoredMessage): (string | number | null)[] {
  const cursor = cursorOf(m)
  return [
    room,
    cursor.id,
    m.id,
    m.user.id,
    m.user.username,
    m.user.avatar,
    m.body,
    m.edited ? 1 : 0,
    m.created,
    m.updated,
    cursor.createdUs,
    m.clientId,
  ]
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_WINDOW
  return Math.max(1, Math.min(MAX_WINDOW, Math.floor(limit)))
}

export function createHistoryRepo(db: SqlDb): HistoryRepo {
  const newestPage = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room
     ORDER BY created_us DESC, id_key DESC LIMIT :limit`,
  )
  const olderPage = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room AND (created_us, id_key) < (:cu, :id)
     ORDER BY created_us DESC, id_key DESC LIMIT :limit`,
  )
  const upsert = db.prepare(
    `INSERT INTO messages (room, id_key, id, author_id, author_username, author_avatar, body,
       edited, created, updated, created_us, client_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (room, id_key) DO UPDATE SET id = excluded.id, author_id = excluded.author_id,
       author_username = excluded.author_username, author_avatar = excluded.author_avatar,
       body = excluded.body, edited = excluded.edited, created = excluded.created,
       updated = excluded.updated, created_us = excluded.created_us,
       client_id = COALESCE(excluded.client_id, messages.client_id)`,
  )
  const edit = db.prepare(
    `UPDATE messages SET body = :body, edited = :edited, updated = :updated
     WHERE room = :room AND id_key = :id_key`,
  )
  const del = db.prepare('DELETE FROM messages WHERE room = :room AND id_key = :id_key')
  const countAll = db.prepare('SELECT count(*) AS n FROM messages WHERE room = :room')
  const countNewer = db.prepare(
    `SELECT count(*) AS n FROM messages WHERE room = :room AND (created_us, id_key) > (:cu, :id)
     AND author_username IS NOT :me`,
  )
  const cursorById = db.prepare(
    'SELECT created_us, id_key FROM messages WHERE room = :room AND id_key = :id_key',
  )
  const authorBefore = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room AND (created_us, id_key) < (:cu, :id)
     AND author_username = :me ORDER BY created_us, id_key`,
  )
  const removeAll = db.prepare('DELETE FROM messages WHERE room = :room')
  db.exec('CREATE TEMP TABLE IF NOT EXISTS keep_ids (id_key TEXT PRIMARY KEY)')
  const clearKeep = db.prepare('DELETE FROM keep_ids')
  const keep = db.prepare('INSERT OR IGNORE INTO keep_ids (id_key) VALUES (:id_key)')
  const dropOthers = db.prepare(
    'DELETE FROM messages WHERE room = :room AND id_key NOT IN (SELECT id_key FROM keep_ids)',
  )

  return {
    window(roomKey, options = {}) {
      const limit = clampLimit(options.limit)
      const before = options.before ?? null
      const rows = before
        ? olderPage.all({ room: roomKey, cu: before.createdUs, id: before.id, limit: limit + 1 })
        : newestPage.all({ room: roomKey, limit: limit + 1 })
      const hasOlder = rows.length > limit
      const page = rows.slice(0, limit).reverse()
      const first = page[0]
      return {
        messages: page.map(toMessage),
        hasOlder,
        oldest: first ? { createdUs: num(first, 'created_us'), id: str(first, 'id_key') } : null,
      }
    },
    upsertMany(roomKey, messages) {
      if (messages.length === 0) return
      transaction(db, false, () => {
        for (const m of messages) upsert.run(paramsOf(roomKey, m))
      })
    },
    replaceAll(roomKey, messages) {
      transaction(db, false, () => {
        clearKeep.run()
        for (const m of messages) {
          const params = paramsOf(roomKey, m)
          upsert.run(params)
          keep.run({ id_key: params[1] ?? null })
        }
        dropOthers.run({ room: roomKey })
        clearKeep.run()
      })
    },
    applyEdit(roomKey, e) {
      const params = { room: roomKey, id_key: idKey(e.id), body: e.body, updated: e.updated }
      return edit.run({ ...params, edited: e.edited ? 1 : 0 }).changes > 0
    },
    applyDelete(roomKey, id) {
      return del.run({ room: roomKey, id_key: idKey(id) }).changes > 0
    },
    newest(roomKey) {
      const row = newestPage.get({ room: roomKey, limit: 1 })
      return row ? toMessage(row) : null
    },
    cursorOfId(roomKey, id) {
      const row = cursorById.get({ room: roomKey, id_key: idKey(id) })
      return row ? { createdUs: num(row, 'created_us'), id: str(row, 'id_key') } : null
    },
    byAuthorBefore(roomKey, before, username) {
      const params = { room: roomKey, cu: before.createdUs, id: before.id, me: username }
      return authorBefore.all(params).map(toMessage)
    },
    count(roomKey) {
      return num(countAll.get({ room: roomKey }) ?? { n: 0 }, 'n')
    },
    countAfter(roomKey, after, exceptUsername) {
      const cu = after?.createdUs ?? Number.MIN_SAFE_INTEGER
      const row = countNewer.get({ room: roomKey, cu, id: after?.id ?? '', me: exceptUsername })
      return num(row ?? { n: 0 }, 'n')
    },
    removeRoom(roomKey) {
      removeAll.run({ room: roomKey })
    },
  }
}
