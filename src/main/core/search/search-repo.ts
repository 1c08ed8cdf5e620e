/**
 * Message search over the local store: a scan of the room's (or every room's) stored history with
 * one LIKE per term, newest first, stopping at the first `limit` matches. LIKE is case-insensitive
 * for ASCII only (SQLite without ICU), so a term differing from the text only in non-ASCII case is
 * not found. bench/search measures it against a bare scan and an FTS5 index (docs/search.md).
 *
 * Also reads the window around one message, which is how a search hit outside the loaded
 * history is shown in its place.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'
import { COLUMNS, toMessage } from '../store/history-repo'
import type { SqlDb, SqlStatement } from '../store/sqlite'
import { num, str } from '../store/sqlite'
import type { StoredMessage } from '../store/store-types'

export interface StoredHit {
  roomKey: RoomKey
  message: StoredMessage
}

export interface SearchRepo {
  /** Newest first: at most `limit` messages holding every term, in one room or in all. */
  find(terms: readonly string[], roomKey: RoomKey | null, limit: number): StoredHit[]
  /** The message and up to `radius` messages on each side, oldest first; null when not stored. */
  around(roomKey: RoomKey, id: string, radius: number): StoredMessage[] | null
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards taken literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export function createSearchRepo(db: SqlDb): SearchRepo {
  const statements = new Map<string, SqlStatement>()
  function finder(terms: number, inRoom: boolean): SqlStatement {
    const key = `${terms}:${inRoom}`
    let stmt = statements.get(key)
    if (!stmt) {
      const where = [
        ...(inRoom ? ['room = ?'] : []),
        ...Array.from({ length: terms }, () => "body LIKE ? ESCAPE '\\'"),
      ]
      stmt = db.prepare(
        `SELECT room, ${COLUMNS} FROM messages WHERE ${where.join(' AND ')}
         ORDER BY +created_us DESC, +id_key DESC LIMIT ?`,
      )
      statements.set(key, stmt)
    }
    return stmt
  }
  const self = db.prepare(`SELECT ${COLUMNS} FROM messages WHERE room = :room AND id_key = :id`)
  const older = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room AND (created_us, id_key) < (:cu, :id)
     ORDER BY created_us DESC, id_key DESC LIMIT :n`,
  )
  const newer = db.prepare(
    `SELECT ${COLUMNS} FROM messages WHERE room = :room AND (created_us, id_key) > (:cu, :id)
     ORDER BY created_us ASC, id_key ASC LIMIT :n`,
  )

  return {
    find(terms, roomKey, limit) {
      if (terms.length === 0 || limit <= 0) return []
      const params = [
        ...(roomKey !== null ? [roomKey] : []),
        ...terms.map(likePattern),
        Math.floor(limit),
      ]
      return finder(terms.length, roomKey !== null)
        .all(params)
        .map((row) => ({ roomKey: str(row, 'room'), message: toMessage(row) }))
    },
    around(roomKey, id, radius) {
      const row = self.get({ room: roomKey, id: idKey(id) })
      if (!row) return null
      const at = { room: roomKey, cu: num(row, 'created_us'), id: str(row, 'id_key'), n: radius }
      const before = older.all(at).reverse()
      const after = newer.all(at)
      return [...before, row, ...after].map(toMessage)
    },
  }
}
