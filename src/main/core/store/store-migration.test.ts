/**
 * A store written by the first schema (messages in id order, an index by time; an outbox without
 * the unconfirmed state) opens as the current one: every message, its client id and the outbox
 * are kept, and windows read the same.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { openSqlite } from './sqlite'
import { messages, openOrThrow, tempDir } from './store-fixtures'
import { prepareFiles, storeFileOf } from './store-files'
import { SCHEMA_VERSION } from './schema'

const ORIGIN = 'http://127.0.0.1:8000'
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

/** The tables of schema version 1, as that version created them. */
const V1_TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE rooms (key TEXT PRIMARY KEY, position INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE messages (
  room TEXT NOT NULL, id_key TEXT NOT NULL, id TEXT NOT NULL, author_id TEXT NOT NULL,
  author_username TEXT NOT NULL, author_avatar TEXT, body TEXT NOT NULL, edited INTEGER NOT NULL,
  created TEXT NOT NULL, updated TEXT NOT NULL, created_us INTEGER NOT NULL, client_id TEXT,
  PRIMARY KEY (room, id_key)
) WITHOUT ROWID;
CREATE INDEX messages_by_time ON messages (room, created_us, id_key);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL UNIQUE, room TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'edit', 'delete')), body TEXT, message_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'in-flight', 'failed')), error TEXT,
  created INTEGER NOT NULL, first_sent_at INTEGER
);
CREATE TABLE read_marks (room TEXT PRIMARY KEY, message_id TEXT NOT NULL, created_us INTEGER NOT NULL);
CREATE TABLE drafts (room TEXT PRIMARY KEY, body TEXT NOT NULL, updated INTEGER NOT NULL);
PRAGMA user_version = 1;
`

describe('schema migration', () => {
  it('a version 1 store keeps its messages, client ids and outbox, in time order', () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const file = storeFileOf(dir, { origin: ORIGIN, username: 'alice' })
    prepareFiles(file)
    const v1 = openSqlite(file)
    v1.exec('PRAGMA journal_mode = WAL')
    v1.exec(V1_TABLES)
    const insert = v1.prepare(
      `INSERT INTO messages VALUES (:room, :key, :id, '2', 'bob', NULL, :body, 0, :created,
         :created, :cu, :client)`,
    )
    // Written in a shuffled order, as live frames and fetches would leave them.
    const rows = messages(0, 500)
    const order = rows.map((_, i) => (i * 7919) % rows.length)
    for (const i of order) {
      const m = rows[i]!
      insert.run({
        room: 'alice/general',
        key: m.id.toLowerCase(),
        id: m.id,
        body: m.body,
        created: m.created,
        cu: Date.parse(m.created) * 1000,
        client: i === 499 ? 'local-newest' : null,
      })
    }
    v1.prepare(
      `INSERT INTO outbox (client_id, room, kind, body, state, created)
       VALUES ('local-q', 'alice/general', 'text', 'queued', 'queued', 1)`,
    ).run()
    v1.prepare(`INSERT INTO drafts VALUES ('alice/general', 'half a thought', 1)`).run()
    v1.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    v1.close()

    const { store, notice } = openOrThrow({ dir, origin: ORIGIN, username: 'alice' })
    cleanups.unshift(() => store.close())
    expect(notice).toBeNull()
    expect(store.history.count('alice/general')).toBe(500)
    const newest = store.history.window('alice/general', { limit: 10 })
    expect(newest.messages.map((m) => m.body)).toEqual(rows.slice(490).map((m) => m.body))
    expect(newest.messages.at(-1)?.clientId).toBe('local-newest')
    expect(store.outbox.list().map((e) => e.clientId)).toEqual(['local-q'])
    // The copied outbox takes the state version 1 did not know.
    expect(store.outbox.markUnconfirmed('local-q')).toBe(true)
    expect(store.outbox.list()[0]).toMatchObject({ clientId: 'local-q', state: 'unconfirmed' })
    expect(store.drafts.get('alice/general')).toBe('half a thought')
    // Edits and deletes by id still find their message.
    expect(store.history.applyDelete('alice/general', rows[250]!.id.toUpperCase())).toBe(true)
    expect(store.history.count('alice/general')).toBe(499)

    const db = openSqlite(file)
    cleanups.unshift(() => db.close())
    expect(db.prepare('PRAGMA user_version').get()?.['user_version']).toBe(SCHEMA_VERSION)
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'messages%' ORDER BY name")
      .all()
      .map((r) => r['name'])
    expect(tables).toEqual(['messages', 'messages_by_id'])
  })
})
