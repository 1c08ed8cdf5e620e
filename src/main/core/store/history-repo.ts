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
  /** One stored message by id (any case); null when it is not stored. */
  byId(roomKey: RoomKey, id: string): StoredMessage | null
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

/**
 * A page as one JSON text built inside SQLite (oldest first), decoded with one JSON.parse: handing
 * the engine's rows to JavaScript one object at a time costs about four times as much, and this
 * read is on the way to the first screen.
 */
function pageQuery(where: string): string {
  return `SELECT json_group_array(json_array(${COLUMNS}) ORDER BY created_us, id_key) AS page
    FROM (SELECT ${COLUMNS} FROM messages WHERE ${where}
          ORDER BY created_us DESC, id_key DESC LIMIT :limit)`
}

/** The newest page of `:room` (`:limit` rows), and the page before the cursor (`:cu`, `:id`). */
export const NEWEST_PAGE_SQL = pageQuery('room = :room')
export const OLDER_PAGE_SQL = pageQuery('room = :room AND (created_us, id_key) < (:cu, :id)')

const text = (v: unknown, column: string): string => {
  if (typeof v !== 'string') throw new TypeError(`column ${column} is not text`)
  return v
}
const textOrNull = (v: unknown, column: string): string | null =>
  v === null ? null : text(v, column)
const int = (v: unknown, column: string): number => {
  if (typeof v !== 'number') throw new TypeError(`column ${column} is not a number`)
  return v
}

/** One row of a JSON page, in COLUMNS order; the same checks as reading a row by name. */
function fromJsonRow(row: unknown): { message: StoredMessage; cursor: HistoryCursor } {
  if (!Array.isArray(row) || row.length !== 11) throw new TypeError('a history row is malformed')
  const [id, authorId, username, avatar, body, edited, created, updated, createdUs, key, client] =
    row as unknown[]
  const message: StoredMessage = {
    id: text(id, 'id'),
    user: {
      id: text(authorId, 'author_id'),
      username: text(username, 'author_username'),
      avatar: textOrNull(avatar, 'author_avatar'),
    },
    body: text(body, 'body'),
    edited: int(edited, 'edited') !== 0,
    created: text(created, 'created'),
    updated: text(updated, 'updated'),
    clientId: textOrNull(client, 'client_id'),
  }
  return { message, cursor: { createdUs: int(createdUs, 'created_us'), id: text(key, 'id_key') } }
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
  const newestPage = db.prepare(NEWEST_PAGE_SQL)
  const olderPage = db.prepare(OLDER_PAGE_SQL)
  const newestRow = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room ORDER BY created_us DESC, id_key DESC LIMIT 1`,
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
  const rowById = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room AND id_key = :id_key`,
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
      const row = before
        ? olderPage.get({ room: roomKey, cu: before.createdUs, id: before.id, limit: limit + 1 })
        : newestPage.get({ room: roomKey, limit: limit + 1 })
      const parsed: unknown = JSON.parse(row ? str(row, 'page') : '[]')
      if (!Array.isArray(parsed)) throw new TypeError('a history page is malformed')
      // One more than asked for was read: it only says whether older messages exist.
      const hasOlder = parsed.length > limit
      const page = (hasOlder ? parsed.slice(1) : parsed).map(fromJsonRow)
      return {
        messages: page.map((p) => p.message),
        hasOlder,
        oldest: page[0]?.cursor ?? null,
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
      const row = newestRow.get({ room: roomKey })
      return row ? toMessage(row) : null
    },
    byId(roomKey, id) {
      const row = rowById.get({ room: roomKey, id_key: idKey(id) })
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
