/**
 * The small per-account tables: joined rooms (as the GraphQL room shape, re-validated when read),
 * each room's read mark and draft.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import type { Room } from '../../../shared/graphql-shapes'
import { RoomSchema, roomKeyOf } from '../../../shared/graphql-shapes'
import type { SqlDb } from './sqlite'
import { num, str, transaction } from './sqlite'
import type { ReadMark, RoomsRepo } from './store-types'

export interface ReadMarksRepo {
  get(roomKey: RoomKey): ReadMark | null
  set(roomKey: RoomKey, mark: ReadMark): void
}

export interface DraftsRepo {
  get(roomKey: RoomKey): string
  /** Every room's draft (rooms without one are absent). */
  all(): Map<RoomKey, string>
  /** An empty draft is deleted. */
  set(roomKey: RoomKey, body: string): void
}

/** `onRemoveRoom` forgets what other tables hold for the room, in the same transaction. */
export function createRoomsRepo(db: SqlDb, onRemoveRoom: (roomKey: RoomKey) => void): RoomsRepo {
  const all = db.prepare('SELECT key, data FROM rooms ORDER BY position, key')
  const maxPosition = db.prepare('SELECT COALESCE(max(position), -1) AS p FROM rooms')
  const upsert = db.prepare(
    `INSERT INTO rooms (key, position, data) VALUES (:key, :position, :data)
     ON CONFLICT (key) DO UPDATE SET data = excluded.data`,
  )
  const place = db.prepare('UPDATE rooms SET position = :position WHERE key = :key')
  const del = db.prepare('DELETE FROM rooms WHERE key = :key')
  const keys = db.prepare('SELECT key FROM rooms')

  const remove = (key: RoomKey): void => {
    del.run({ key })
    onRemoveRoom(key)
  }

  return {
    list() {
      const rooms: Room[] = []
      for (const row of all.all()) {
        // A row that no longer parses (hand-edited, older shape) is skipped: the fetch brings it.
        // Jitless: compiling the schema's fast path costs more than it saves on a few rows, and
        // this runs before the first screen.
        const parsed = RoomSchema.safeParse(safeJson(str(row, 'data')), { jitless: true })
        if (parsed.success && roomKeyOf(parsed.data) === row['key']) rooms.push(parsed.data)
      }
      return rooms
    },
    upsert(room) {
      const position = num(maxPosition.get() ?? { p: -1 }, 'p') + 1
      upsert.run({ key: roomKeyOf(room), position, data: JSON.stringify(room) })
    },
    replaceAll(rooms) {
      transaction(db, false, () => {
        const wanted = new Set(rooms.map(roomKeyOf))
        for (const row of keys.all()) if (!wanted.has(str(row, 'key'))) remove(str(row, 'key'))
        rooms.forEach((room, position) => {
          const key = roomKeyOf(room)
          upsert.run({ key, position, data: JSON.stringify(room) })
          place.run({ key, position })
        })
      })
    },
    remove(roomKey) {
      transaction(db, false, () => remove(roomKey))
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export function createReadMarksRepo(db: SqlDb): ReadMarksRepo {
  const get = db.prepare('SELECT message_id, created_us FROM read_marks WHERE room = :room')
  const set = db.prepare(
    `INSERT INTO read_marks (room, message_id, created_us) VALUES (:room, :id, :cu)
     ON CONFLICT (room) DO UPDATE SET message_id = excluded.message_id,
       created_us = excluded.created_us`,
  )
  return {
    get(roomKey) {
      const row = get.get({ room: roomKey })
      return row ? { messageId: str(row, 'message_id'), createdUs: num(row, 'created_us') } : null
    },
    set(roomKey, mark) {
      set.run({ room: roomKey, id: mark.messageId, cu: mark.createdUs })
    },
  }
}

export function createDraftsRepo(db: SqlDb): DraftsRepo {
  const get = db.prepare('SELECT body FROM drafts WHERE room = :room')
  const every = db.prepare('SELECT room, body FROM drafts')
  const set = db.prepare(
    `INSERT INTO drafts (room, body, updated) VALUES (:room, :body, :updated)
     ON CONFLICT (room) DO UPDATE SET body = excluded.body, updated = excluded.updated`,
  )
  const del = db.prepare('DELETE FROM drafts WHERE room = :room')
  return {
    get(roomKey) {
      const row = get.get({ room: roomKey })
      return row ? str(row, 'body') : ''
    },
    all() {
      return new Map(every.all().map((row) => [str(row, 'room'), str(row, 'body')]))
    },
    set(roomKey, body) {
      if (body === '') del.run({ room: roomKey })
      else set.run({ room: roomKey, body, updated: Date.now() })
    },
  }
}

/** Read marks and drafts of a removed room. */
export function removeRoomExtras(db: SqlDb): (roomKey: RoomKey) => void {
  const marks = db.prepare('DELETE FROM read_marks WHERE room = :room')
  const drafts = db.prepare('DELETE FROM drafts WHERE room = :room')
  return (roomKey) => {
    marks.run({ room: roomKey })
    drafts.run({ room: roomKey })
  }
}
