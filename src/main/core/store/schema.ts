/**
 * The store's tables. One SQLite file per account, WAL mode: a commit appends to the WAL, and a
 * crash (even SIGKILL mid-write) leaves either the whole transaction or none of it.
 *
 * Durability is chosen per write: the connection runs with synchronous=NORMAL (no fsync per
 * commit: a power cut may lose the newest history rows, which the next fetch brings back), and
 * outbox writes switch to FULL for their commit, so an entry is on disk before its frame is sent.
 */
import type { SqlDb } from './sqlite'

/** Bump with a migration when the tables change; an unknown newer version is not touched. */
export const SCHEMA_VERSION = 2
/** 8192 pages of 4 KiB: the WAL grows to at most about 32 MiB between checkpoints. */
export const WAL_AUTOCHECKPOINT_PAGES = 8192

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
  key TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  room TEXT NOT NULL,
  id_key TEXT NOT NULL,
  id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  author_username TEXT NOT NULL,
  author_avatar TEXT,
  body TEXT NOT NULL,
  edited INTEGER NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  client_id TEXT,
  PRIMARY KEY (room, created_us, id_key)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (room, id_key);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL UNIQUE,
  room TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'edit', 'delete')),
  body TEXT,
  message_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'in-flight', 'failed', 'unconfirmed')),
  error TEXT,
  created INTEGER NOT NULL,
  first_sent_at INTEGER
);
CREATE TABLE IF NOT EXISTS read_marks (
  room TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  created_us INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (room TEXT PRIMARY KEY, body TEXT NOT NULL, updated INTEGER NOT NULL);
`

/**
 * Version 1 kept messages in id order with an index by time: reading a window of 200 looked up
 * 200 rows scattered over the file (about 90 ms when the file is not in the OS cache, against
 * about 12 ms for the same window stored in time order). Version 2 keeps each room's messages in
 * time order, so a window is a few neighbouring pages; the unique (room, id) index serves edits,
 * deletes and upserts by id. The rows are copied once, in that order. Version 2's outbox also
 * knows the state `unconfirmed` (a CHECK constraint, so the table is copied too).
 */
const MIGRATE_V1_BEFORE = `
ALTER TABLE messages RENAME TO messages_v1;
ALTER TABLE outbox RENAME TO outbox_v1;
`
const MESSAGE_COLUMNS = `room, id_key, id, author_id, author_username, author_avatar, body, edited,
  created, updated, created_us, client_id`
const OUTBOX_COLUMNS = `seq, client_id, room, kind, body, message_id, state, error, created,
  first_sent_at`
const MIGRATE_V1_AFTER = `
INSERT INTO messages (${MESSAGE_COLUMNS})
  SELECT ${MESSAGE_COLUMNS} FROM messages_v1 ORDER BY room, created_us, id_key;
DROP TABLE messages_v1;
INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT ${OUTBOX_COLUMNS} FROM outbox_v1 ORDER BY seq;
DROP TABLE outbox_v1;
`

export class SchemaError extends Error {}

/**
 * Sets the connection up and creates or checks the tables. Throws SchemaError for a file written
 * by a newer version, and SQLite's own errors for a file that is not a database or is damaged.
 */
export function prepareSchema(db: SqlDb, persistent: boolean): void {
  // busy_timeout: a second app instance holding the file gets a clear error, not a hang.
  db.exec('PRAGMA busy_timeout = 2000')
  if (persistent) {
    const mode = db.prepare('PRAGMA journal_mode = WAL').get()
    if (mode?.['journal_mode'] !== 'wal') throw new SchemaError('the store cannot use WAL mode')
  }
  db.exec('PRAGMA synchronous = NORMAL')
  // Checkpoints copy the WAL into the file and fsync it, which stalls the commit that triggers
  // one (measured: ~40% of a burst's write time on a busy disk). The owner checkpoints when idle
  // (AccountStore.checkpoint); this larger threshold only caps the WAL if nobody does.
  db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
  const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0)
  if (version > SCHEMA_VERSION)
    throw new SchemaError(`the store was written by a newer version (schema ${version})`)
  // The tables are there: no write transaction at every start.
  if (version === SCHEMA_VERSION) return
  db.exec('BEGIN IMMEDIATE')
  try {
    if (version === 1) db.exec(MIGRATE_V1_BEFORE)
    db.exec(TABLES)
    if (version === 1) db.exec(MIGRATE_V1_AFTER)
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`)
    db.exec('COMMIT')
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}

/**
 * A cheap check that the file is sound where it matters most: the outbox and the small tables
 * are checked page by page; history pages are checked when they are read.
 */
export function checkIntegrity(db: SqlDb): string | null {
  for (const table of ['outbox', 'rooms', 'read_marks', 'drafts', 'meta']) {
    const rows = db.prepare(`PRAGMA quick_check(${table})`).all()
    const first = rows[0]?.['quick_check']
    if (first !== 'ok') return `table ${table}: ${String(first ?? 'check failed')}`
  }
  return null
}

/**
 * Catches a truncated file before anything reads it: without a WAL to replay, the file must hold
 * every page its header counts. Cheap (two pragmas), unlike a full integrity check.
 */
export function checkLength(db: SqlDb, fileSize: number, walSize: number): string | null {
  if (walSize > 0 || fileSize === 0) return null
  const pages = Number(db.prepare('PRAGMA page_count').get()?.['page_count'] ?? 0)
  const pageSize = Number(db.prepare('PRAGMA page_size').get()?.['page_size'] ?? 0)
  const expected = pages * pageSize
  return expected > fileSize ? `the file is truncated (${fileSize} of ${expected} bytes)` : null
}
