/**
 * The GraphQL API's reads and writes beyond the chat path: searches, profile and room edits,
 * deletions. Text matching is SQLite LIKE, which is what Django's `icontains`/`iexact` become on
 * SQLite (case-insensitive for ASCII letters).
 */
import type Database from 'better-sqlite3'
import type { MessageRow, RoomRow, TopicRow, UserRow } from './db'

/** Escapes LIKE wildcards so user text matches literally (Django does the same). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c)
}
const contains = (text: string) => `%${escapeLike(text)}%`

const BY_POPULARITY =
  'ORDER BY (SELECT COUNT(*) FROM participants WHERE room_id = rooms.id) DESC, rooms.created DESC, rooms.rowid DESC'

/** Filters of `rooms(hostSlug, search, topic)`; empty values are ignored, as Django's `if x:` does. */
export interface RoomFilter {
  host?: string
  search?: string
  topics?: string[]
}

/** Profile fields updateUser may change. */
export type UserChanges = Pick<UserRow, 'username' | 'name' | 'bio' | 'avatar'>
/** Room fields updateRoom may change. */
export type RoomChanges = Pick<RoomRow, 'name' | 'description' | 'topic_id' | 'updated'>

/** Prepared statements over the same database as `Store`. */
export class Directory {
  private readonly q
  constructor(private readonly db: Database.Database) {
    const p = <R>(sql: string) => db.prepare<unknown[], R>(sql)
    this.q = {
      users: p<UserRow>('SELECT * FROM users ORDER BY rowid'),
      usersMatching: p<UserRow>(
        "SELECT * FROM users WHERE username LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' ORDER BY rowid",
      ),
      roomsNotOf: p<RoomRow>(
        `SELECT rooms.* FROM rooms WHERE NOT EXISTS (SELECT 1 FROM participants WHERE room_id = rooms.id AND user_id = ?) ${BY_POPULARITY}`,
      ),
      messageById: p<MessageRow>('SELECT * FROM messages WHERE id = ?'),
      messagesByUser: p<MessageRow>(
        'SELECT * FROM messages WHERE user_id = ? ORDER BY created DESC, rowid DESC',
      ),
      updateUser: p('UPDATE users SET username = ?, name = ?, bio = ?, avatar = ? WHERE id = ?'),
      updateRoom: p(
        'UPDATE rooms SET name = ?, description = ?, topic_id = ?, updated = ? WHERE id = ?',
      ),
      deleteRoomMessages: p('DELETE FROM messages WHERE room_id = ?'),
      deleteRoomParticipants: p('DELETE FROM participants WHERE room_id = ?'),
      deleteRoom: p('DELETE FROM rooms WHERE id = ?'),
    }
  }

  /** `users(search)`: username or name contains the text; all users without it. */
  users(search?: string): UserRow[] {
    if (!search) return this.q.users.all()
    return this.q.usersMatching.all(contains(search), contains(search))
  }

  /** `rooms(...)`: most participants first, then newest. */
  rooms(filter: RoomFilter): RoomRow[] {
    const where: string[] = []
    const args: string[] = []
    if (filter.host) {
      where.push('rooms.host_id IN (SELECT id FROM users WHERE username = ?)')
      args.push(filter.host)
    }
    if (filter.search) {
      where.push("(rooms.name LIKE ? ESCAPE '\\' OR rooms.description LIKE ? ESCAPE '\\')")
      args.push(contains(filter.search), contains(filter.search))
    }
    const topics = filter.topics ?? []
    if (topics.length > 0) {
      const any = topics.map(() => "name LIKE ? ESCAPE '\\'").join(' OR ')
      where.push(`rooms.topic_id IN (SELECT id FROM topics WHERE ${any})`)
      args.push(...topics.map(escapeLike))
    }
    const sql = `SELECT rooms.* FROM rooms ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ${BY_POPULARITY}`
    return this.db.prepare<string[], RoomRow>(sql).all(...args)
  }

  /** Rooms the user has not joined, most participants first, then newest. */
  roomsNotOf(userId: string): RoomRow[] {
    return this.q.roomsNotOf.all(userId)
  }

  /** `topics(search, minRooms)`: most rooms first (then by name, for a stable order). */
  topics(search?: string, minRooms?: number): TopicRow[] {
    const where: string[] = []
    const args: (string | number)[] = []
    if (search) {
      where.push("topics.name LIKE ? ESCAPE '\\'")
      args.push(contains(search))
    }
    if (minRooms) {
      where.push('(SELECT COUNT(*) FROM rooms WHERE topic_id = topics.id) >= ?')
      args.push(minRooms)
    }
    const sql =
      `SELECT topics.* FROM topics ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ` +
      'ORDER BY (SELECT COUNT(*) FROM rooms WHERE topic_id = topics.id) DESC, topics.name'
    return this.db.prepare<(string | number)[], TopicRow>(sql).all(...args)
  }

  messageById(id: string): MessageRow | undefined {
    return this.q.messageById.get(id)
  }
  /** A user's messages in every room, newest first. */
  messagesByUser(userId: string): MessageRow[] {
    return this.q.messagesByUser.all(userId)
  }

  updateUser(id: string, c: UserChanges): void {
    this.q.updateUser.run(c.username, c.name, c.bio, c.avatar, id)
  }
  updateRoom(id: string, c: RoomChanges): void {
    this.q.updateRoom.run(c.name, c.description, c.topic_id, c.updated, id)
  }
  /** Deletes a room with its history and memberships (Django's CASCADE), atomically. */
  deleteRoom(id: string): void {
    this.db.transaction(() => {
      this.q.deleteRoomMessages.run(id)
      this.q.deleteRoomParticipants.run(id)
      this.q.deleteRoom.run(id)
    })()
  }
}
