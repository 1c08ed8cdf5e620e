/**
 * Reads what can still be read from a store that will not open cleanly, before it is moved
 * aside: the outbox, because those are messages the user wrote and the server never confirmed.
 */
import { OUTBOX_COLUMNS, outboxEntryOf } from './outbox-repo'
import type { SqlDb, SqlOpener } from './sqlite'
import { num } from './sqlite'
import type { StoredOutboxEntry } from './store-types'

export interface Salvage {
  entries: StoredOutboxEntry[]
  /** Entries that exist but could not be read; null when not even their number is known. */
  lost: number | null
}

export function salvageOutbox(file: string, openDb: SqlOpener): Salvage {
  let db: SqlDb | null = null
  try {
    db = openDb(file)
    const rows = readRows(db, `SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY seq`)
    if (rows) {
      const entries: StoredOutboxEntry[] = []
      let lost = 0
      for (const row of rows) {
        try {
          entries.push(outboxEntryOf(row))
        } catch {
          lost++
        }
      }
      return { entries, lost }
    }
    const counted = readRows(db, 'SELECT count(*) AS n FROM outbox')?.[0]
    return { entries: [], lost: counted ? num(counted, 'n') : null }
  } catch {
    return { entries: [], lost: null }
  } finally {
    try {
      db?.close()
    } catch {
      // Closing a damaged file may fail too; the file is moved aside next anyway.
    }
  }
}

function readRows(db: SqlDb, sql: string): Record<string, unknown>[] | null {
  try {
    return db.prepare(sql).all()
  } catch {
    return null
  }
}
