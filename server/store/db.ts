/**
 * SQLite storage (better-sqlite3, WAL): users, topics, rooms, participants, messages, and a small
 * key/value table for server state (the JWT secret is kept out of it: auth/jwt-secret.ts). Timestamps are epoch microseconds.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { CONNECTION_PRAGMAS, FILE_PRAGMAS, MESSAGE_SQL } from './message-sql'
import { ensurePrivateFile, makeEntriesPrivate } from './private-files'

/** File name of the database inside a data directory. */
export const DB_FILE = 'edusphere.sqlite3'
/** File name of the JWT secret inside a data directory (auth/jwt-secret.ts). */
export const JWT_SECRET_FILE = 'jwt-secret'
/** What the server keeps in a data directory: the database and its side files, the JWT secret
 * (auth/jwt-secret.ts), uploaded media. Only these get their modes fixed. */
const SERVER_ENTRIES = [
  DB_FILE,
  `${DB_FILE}-wal`,
  `${DB_FILE}-shm`,
  `${DB_FILE}-journal`,
  JWT_SECRET_FILE,
  'media',
] as const

/** A user; `avatar` is a storage-relative path or ''. */
export interface UserRow {
  id: string
  email: string
  username: string
  name: string | null
  password: string
  avatar: string
  bio: string
}
/** A topic rooms can belong to. */
export interface TopicRow {
  id: number
  name: string
}
/** A room; `created`/`updated` are epoch microseconds. */
export interface RoomRow {
  id: string
  host_id: string
  topic_id: number | null
  name: string
  slug: string
  description: string | null
  created: number
  updated: number
}
/** A chat message; `edited` is 0/1, timestamps epoch microseconds. */
export interface MessageRow {
  id: string
  room_id: string
  user_id: string
  body: string
  edited: number
  created: number
  updated: number
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  username TEXT NOT NULL UNIQUE,
  name TEXT,
  password TEXT NOT NULL,
  avatar TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS topics (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS rooms (
  id TEXT PRIMARY KEY,
  host_id TEXT NOT NULL REFERENCES users(id),
  topic_id INTEGER REFERENCES topics(id),
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  description TEXT,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  UNIQUE (host_id, slug)
);
CREATE TABLE IF NOT EXISTS participants (
  room_id TEXT NOT NULL REFERENCES rooms(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (room_id, user_id)
);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  edited INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_room ON messages (room_id, created);
`

/**
 * Opens (creating if needed) the database of a data directory, or an in-memory one. The directory
 * is made private first (0700, its files 0600, fixing an older directory's 755/644); SQLite
 * creates the WAL and shared-memory files with the database file's mode.
 */
export function openDatabase(dataDir: string): Database.Database {
  let db: Database.Database
  if (dataDir === ':memory:') db = new Database(':memory:')
  else {
    makeEntriesPrivate(dataDir, SERVER_ENTRIES)
    ensurePrivateFile(join(dataDir, DB_FILE))
    db = new Database(join(dataDir, DB_FILE))
    for (const pragma of FILE_PRAGMAS) db.pragma(pragma)
  }
  for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma)
  db.exec(SCHEMA)
  migrate(db)
  return db
}

/** Brings a data directory created by an older server up to the current tables. */
function migrate(db: Database.Database): void {
  const userColumns = db.prepare<[], { name: string }>('PRAGMA table_info(users)').all()
  if (!userColumns.some((c) => c.name === 'bio'))
    db.exec("ALTER TABLE users ADD COLUMN bio TEXT NOT NULL DEFAULT ''")
}

/** Every query the server runs, as prepared statements. */
export class Store {
  private readonly q
  constructor(readonly db: Database.Database) {
    const p = <R>(sql: string) => db.prepare<unknown[], R>(sql)
    this.q = {
      meta: p<{ value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: p('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      userByEmail: p<UserRow>('SELECT * FROM users WHERE email = ?'),
      userByUsername: p<UserRow>('SELECT * FROM users WHERE username = ?'),
      userById: p<UserRow>('SELECT * FROM users WHERE id = ?'),
      setPassword: p('UPDATE users SET password = ? WHERE id = ?'),
      insertUser: p(
        'INSERT INTO users (id, email, username, name, password, avatar, bio) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      topics: p<TopicRow>('SELECT * FROM topics ORDER BY name'),
      topicById: p<TopicRow>('SELECT * FROM topics WHERE id = ?'),
      topicByName: p<TopicRow>('SELECT * FROM topics WHERE name = ?'),
      insertTopic: p('INSERT INTO topics (name) VALUES (?)'),
      roomById: p<RoomRow>('SELECT * FROM rooms WHERE id = ?'),
      roomByHostSlug: p<RoomRow>(
        'SELECT rooms.* FROM rooms JOIN users ON users.id = rooms.host_id WHERE users.username = ? AND rooms.slug = ?',
      ),
      roomsOf: p<RoomRow>(
        'SELECT rooms.* FROM rooms JOIN participants ON participants.room_id = rooms.id WHERE participants.user_id = ? ORDER BY rooms.created DESC',
      ),
      insertRoom: p(
        'INSERT INTO rooms (id, host_id, topic_id, name, slug, description, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      participants: p<UserRow>(
        'SELECT users.* FROM participants JOIN users ON users.id = participants.user_id WHERE participants.room_id = ? ORDER BY participants.rowid',
      ),
      isParticipant: p<{ one: number }>(
        'SELECT 1 AS one FROM participants WHERE room_id = ? AND user_id = ?',
      ),
      addParticipant: p('INSERT OR IGNORE INTO participants (room_id, user_id) VALUES (?, ?)'),
      messages: p<MessageRow>('SELECT * FROM messages WHERE room_id = ? ORDER BY created, rowid'),
      messageInRoom: p<MessageRow>('SELECT * FROM messages WHERE id = ? AND room_id = ?'),
      insertMessage: p(MESSAGE_SQL.insert),
      updateMessage: p(MESSAGE_SQL.update),
      deleteMessage: p(MESSAGE_SQL.delete),
    }
  }

  getMeta(key: string): string | undefined {
    return this.q.meta.get(key)?.value
  }
  setMeta(key: string, value: string): void {
    this.q.setMeta.run(key, value)
  }

  userByEmail(email: string): UserRow | undefined {
    return this.q.userByEmail.get(email)
  }
  userByUsername(username: string): UserRow | undefined {
    return this.q.userByUsername.get(username)
  }
  userById(id: string): UserRow | undefined {
    return this.q.userById.get(id)
  }
  /** Replaces a user's password hash (a stronger hash of the same password). */
  setPassword(id: string, hash: string): void {
    this.q.setPassword.run(hash, id)
  }
  /** Inserts a user; `bio` defaults to '' like the model's field. */
  insertUser(input: Omit<UserRow, 'bio'> & { bio?: string }): UserRow {
    const u: UserRow = { ...input, bio: input.bio ?? '' }
    this.q.insertUser.run(u.id, u.email, u.username, u.name, u.password, u.avatar, u.bio)
    return u
  }

  topics(): TopicRow[] {
    return this.q.topics.all()
  }
  topicById(id: number): TopicRow | undefined {
    return this.q.topicById.get(id)
  }
  /** The topic of that name (case-insensitive), created when missing. */
  ensureTopic(name: string): TopicRow {
    const found = this.q.topicByName.get(name)
    if (found) return found
    const id = Number(this.q.insertTopic.run(name).lastInsertRowid)
    return { id, name }
  }

  roomById(id: string): RoomRow | undefined {
    return this.q.roomById.get(id)
  }
  roomByHostSlug(host: string, slug: string): RoomRow | undefined {
    return this.q.roomByHostSlug.get(host, slug)
  }
  /** Rooms a user participates in, newest first. */
  roomsOf(userId: string): RoomRow[] {
    return this.q.roomsOf.all(userId)
  }
  insertRoom(r: RoomRow): RoomRow {
    this.q.insertRoom.run(
      r.id,
      r.host_id,
      r.topic_id,
      r.name,
      r.slug,
      r.description,
      r.created,
      r.updated,
    )
    return r
  }
  participants(roomId: string): UserRow[] {
    return this.q.participants.all(roomId)
  }
  isParticipant(roomId: string, userId: string): boolean {
    return this.q.isParticipant.get(roomId, userId) !== undefined
  }
  addParticipant(roomId: string, userId: string): void {
    this.q.addParticipant.run(roomId, userId)
  }

  /** A room's whole history, oldest first. */
  messages(roomId: string): MessageRow[] {
    return this.q.messages.all(roomId)
  }
  messageInRoom(id: string, roomId: string): MessageRow | undefined {
    return this.q.messageInRoom.get(id, roomId)
  }
  insertMessage(m: Omit<MessageRow, 'edited'>): void {
    this.q.insertMessage.run(m.id, m.room_id, m.user_id, m.body, m.created, m.updated)
  }
  /** Returns the number of rows changed (0 when the message is gone). */
  updateMessage(id: string, body: string, updated: number): number {
    return this.q.updateMessage.run(body, updated, id).changes
  }
  /** Returns the number of rows deleted. */
  deleteMessage(id: string): number {
    return this.q.deleteMessage.run(id).changes
  }
}
