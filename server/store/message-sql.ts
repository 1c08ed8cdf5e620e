/**
 * The SQL of chat writes, in one place: the server's Store runs it inline (in-memory databases,
 * fallback) and the writer thread runs it on its own connection. Both must write rows the same way.
 */
import type Database from 'better-sqlite3'

/** Pragmas of a file-backed connection. WAL + NORMAL survives a process crash; only an OS crash may
 * lose the last transactions. */
export const FILE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL'] as const

/** Pragmas of every connection. */
export const CONNECTION_PRAGMAS = ['foreign_keys = ON', 'busy_timeout = 5000'] as const

/** The three message writes; parameters in the order the helpers below pass them. */
export const MESSAGE_SQL = {
  insert:
    'INSERT INTO messages (id, room_id, user_id, body, edited, created, updated) VALUES (?, ?, ?, ?, 0, ?, ?)',
  update: 'UPDATE messages SET body = ?, edited = 1, updated = ? WHERE id = ?',
  delete: 'DELETE FROM messages WHERE id = ?',
} as const

/** A new message row (db.ts's MessageRow without `edited`, which a new row starts at 0). */
export interface NewMessageRow {
  id: string
  room_id: string
  user_id: string
  body: string
  created: number
  updated: number
}

/** One write, as sent to a writer. */
export type WriteOp =
  | { op: 'insert'; row: NewMessageRow }
  | { op: 'update'; id: string; body: string; updated: number }
  | { op: 'delete'; id: string }

/** The message writes prepared on one connection. */
export interface MessageStatements {
  insert(row: NewMessageRow): number
  update(id: string, body: string, updated: number): number
  delete(id: string): number
}

/** Prepares MESSAGE_SQL on a connection; each call returns the number of rows changed. */
export function prepareMessageWrites(db: Database.Database): MessageStatements {
  const insert = db.prepare(MESSAGE_SQL.insert)
  const update = db.prepare(MESSAGE_SQL.update)
  const remove = db.prepare(MESSAGE_SQL.delete)
  return {
    insert: (r) => insert.run(r.id, r.room_id, r.user_id, r.body, r.created, r.updated).changes,
    update: (id, body, updated) => update.run(body, updated, id).changes,
    delete: (id) => remove.run(id).changes,
  }
}

/** Runs one write; returns the number of rows changed. */
export function applyWrite(statements: MessageStatements, op: WriteOp): number {
  switch (op.op) {
    case 'insert':
      return statements.insert(op.row)
    case 'update':
      return statements.update(op.id, op.body, op.updated)
    case 'delete':
      return statements.delete(op.id)
  }
}
