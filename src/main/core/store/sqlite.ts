/**
 * The SQL engine behind the store: libsql (SQLite through Node-API, prebuilt binaries shipped as
 * npm platform packages), so the same file loads in Node and in Electron without a rebuild.
 * Everything else in the store talks to this narrow interface, never to libsql directly.
 */
import { createRequire } from 'node:module'
import type LibsqlDatabase from 'libsql'

export type SqlValue = string | number | null
/** Named (`:name` in the SQL) or positional (`?`, cheaper to bind on hot paths). */
export type SqlParams = Record<string, SqlValue> | readonly SqlValue[]
export type SqlRow = Record<string, unknown>

export interface SqlStatement {
  run(params?: SqlParams): { changes: number }
  get(params?: SqlParams): SqlRow | undefined
  all(params?: SqlParams): SqlRow[]
}

export interface SqlDb {
  exec(sql: string): void
  prepare(sql: string): SqlStatement
  close(): void
}

/** The native engine could not be loaded (a missing or broken platform package). */
export class SqlEngineUnavailable extends Error {}

export type SqlOpener = (file: string) => SqlDb

let engine: typeof LibsqlDatabase | Error | null = null

/**
 * Loads libsql on first use, inside a try: a missing platform binary must turn into a notice,
 * never into a main process that dies at startup (the same rule as keytar).
 */
function loadEngine(): typeof LibsqlDatabase {
  if (engine === null) {
    try {
      engine = createRequire(__filename)('libsql') as typeof LibsqlDatabase
    } catch (error) {
      engine = error instanceof Error ? error : new Error(String(error))
    }
  }
  if (engine instanceof Error)
    throw new SqlEngineUnavailable(`the database engine could not be loaded (${engine.message})`)
  return engine
}

/**
 * Loads the engine now; false when it cannot be loaded (opening a store then reports why).
 * Loading the native module takes tens of ms of main-thread time: the shell does it while
 * Electron starts up, when the main thread would otherwise wait, instead of at sign-in.
 */
export function preloadSqlEngine(): boolean {
  try {
    loadEngine()
    return true
  } catch {
    return false
  }
}

/** Opens (creating when missing) a database file, or `:memory:`. Throws like SQLite does. */
export const openSqlite: SqlOpener = (file) => {
  const Database = loadEngine()
  const db = new Database(file)
  return {
    exec: (sql) => void db.exec(sql),
    prepare(sql) {
      const stmt = db.prepare(sql)
      // libsql treats a single object argument as named parameters; no argument means none.
      return {
        run: (params) => (params ? stmt.run(params) : stmt.run()),
        get: (params) => (params ? stmt.get(params) : stmt.get()) as SqlRow | undefined,
        all: (params) => (params ? stmt.all(params) : stmt.all()) as SqlRow[],
      }
    },
    close: () => void db.close(),
  }
}

/** SQLite's error code (`SQLITE_CORRUPT`, …) of a thrown error, or null. */
export function sqliteCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code
  return null
}

/** The file is damaged or not a database: reading it again will not help. */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error) ?? ''
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')
}

/** A short, human-readable reason for an error. */
export function reasonOf(error: unknown): string {
  const code = sqliteCode(error)
  const message = error instanceof Error ? error.message : String(error)
  return code && !message.includes(code) ? `${message} (${code})` : message
}

/** Reads a column that must be a string. */
export function str(row: SqlRow, column: string): string {
  const v = row[column]
  if (typeof v !== 'string') throw new TypeError(`column ${column} is not text`)
  return v
}

export function strOrNull(row: SqlRow, column: string): string | null {
  const v = row[column]
  return v === null || v === undefined ? null : str(row, column)
}

export function num(row: SqlRow, column: string): number {
  const v = row[column]
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  throw new TypeError(`column ${column} is not a number`)
}

export function numOrNull(row: SqlRow, column: string): number | null {
  const v = row[column]
  return v === null || v === undefined ? null : num(row, column)
}

/**
 * Runs `fn` in one write transaction. `durable` commits with synchronous=FULL, so the commit is
 * on disk (WAL fsynced) when this returns; otherwise the commit survives a crash of the process
 * but not necessarily a power cut.
 */
export function transaction<T>(db: SqlDb, durable: boolean, fn: () => T): T {
  if (durable) db.exec('PRAGMA synchronous = FULL')
  try {
    db.exec('BEGIN IMMEDIATE')
    let result: T
    try {
      result = fn()
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
    db.exec('COMMIT')
    return result
  } finally {
    if (durable) db.exec('PRAGMA synchronous = NORMAL')
  }
}
