/**
 * One local store per signed-in account (server origin + username): rooms, history as last seen,
 * the outbox, read marks and drafts, in one SQLite file under the app's data folder.
 *
 * Never throws at the caller: a file that will not open is moved aside (its outbox salvaged into
 * the fresh store) and a folder that cannot be written gives an in-memory store; both come back
 * as a notice. Errors while running skip the operation, return a neutral value and are reported
 * through onNotice.
 */
import fs from 'node:fs'
import type { Unsubscribe } from '../../../shared/ipc-contract'
import type { HistoryRepo } from './history-repo'
import { createHistoryRepo } from './history-repo'
import type { OutboxRepo } from './outbox-repo'
import { createOutboxRepo, restoreOutbox } from './outbox-repo'
import type { DraftsRepo, ReadMarksRepo } from './rooms-repo'
import {
  createDraftsRepo,
  createReadMarksRepo,
  createRoomsRepo,
  removeRoomExtras,
} from './rooms-repo'
import { salvageOutbox } from './salvage'
import { checkIntegrity, checkLength, prepareSchema } from './schema'
import type { SqlDb, SqlOpener } from './sqlite'
import { isCorruption, openSqlite, reasonOf } from './sqlite'
import { deleteFiles, moveAside, prepareFiles, recoveryMarkerOf, storeFileOf } from './store-files'
import type { AccountRef, RoomsRepo, StoreNotice } from './store-types'
import { guardRepos } from './guard'
import type { BackgroundWriter } from './writer/background-ops'
import { inlineWriter } from './writer/background-ops'
import { threadWriter } from './writer/thread-writer'
import type { SearchRepo } from '../search/search-repo'
import { createSearchRepo } from '../search/search-repo'

export interface AccountStore {
  /** The database file; null for an in-memory store. */
  readonly file: string | null
  /** False when the store lives in memory only (nothing survives a restart). */
  readonly persistent: boolean
  readonly rooms: RoomsRepo
  readonly history: HistoryRepo
  readonly outbox: OutboxRepo
  readonly readMarks: ReadMarksRepo
  readonly drafts: DraftsRepo
  /** Message search and the window around a message (reads only). */
  readonly search: SearchRepo
  /**
   * Live writes (frames, fetched histories, read marks, drafts), applied in order: on a writer
   * thread for a store on disk opened with `writerEntry`, else at once.
   */
  readonly background: BackgroundWriter
  /**
   * Folds the WAL into the database file without waiting for readers or writers. Call it when
   * the app is idle (e.g. a second after the last batch of events): doing it inside a commit is
   * what makes bursts stall. Cheap when there is nothing to do.
   */
  checkpoint(): void
  /** Problems met while running (the open result carries the ones met while opening). */
  onNotice(listener: (notice: StoreNotice) => void): Unsubscribe
  close(): void
  /** Sign-out: closes the store and deletes its files. */
  destroy(): void
}

export type OpenedStore =
  | {
      store: AccountStore
      /** Set when the store is not the file as it was left: moved aside, or memory only. */
      notice: StoreNotice | null
    }
  /** The database engine itself could not be loaded: run without a store, as before it existed. */
  | { store: null; notice: Extract<StoreNotice, { kind: 'unavailable' }> }

export interface OpenStoreOptions extends AccountRef {
  /** The app's data folder (Electron's userData); the store goes in `<dir>/stores/`. */
  dir: string
  now?: () => Date
  /** The engine; tests inject a failing one. */
  openDb?: SqlOpener
  /**
   * The writer thread's entry script. Without one, live writes run on the caller's thread (and
   * a disk stall stalls it).
   */
  writerEntry?: string
}

export function openAccountStore(options: OpenStoreOptions): OpenedStore {
  const now = options.now ?? (() => new Date())
  const openDb = options.openDb ?? openSqlite
  // No engine, no store: checked first, so a good file is never moved aside for it.
  try {
    openDb(':memory:').close()
  } catch (error) {
    return { store: null, notice: { kind: 'unavailable', reason: reasonOf(error) } }
  }
  const file = storeFileOf(options.dir, options)
  try {
    prepareFiles(file)
  } catch (error) {
    if (!fs.existsSync(file) || fs.statSync(file).isFile()) return inMemory(openDb, error)
    // Something that is not a file (a folder) sits where the store goes: move it aside below.
  }
  const first = tryOpen(openDb, file, options)
  if (first.ok) return { store: first.store, notice: null }

  const salvage = salvageOutbox(file, openDb)
  let movedTo: string | null
  try {
    movedTo = moveAside(file, now())
    prepareFiles(file)
  } catch (error) {
    return inMemory(openDb, error, salvage.entries.length)
  }
  const second = tryOpen(openDb, file, options)
  if (!second.ok) return inMemory(openDb, second.error, salvage.entries.length)
  let recovered = 0
  try {
    restoreOutbox(second.db, salvage.entries)
    recovered = salvage.entries.length
  } catch {
    // The fresh store took the file but not the rows: they stay readable in the moved file.
  }
  const lost = salvage.lost === null ? null : salvage.lost + salvage.entries.length - recovered
  return {
    store: second.store,
    notice: {
      kind: 'moved-aside',
      reason: reasonOf(first.error),
      movedTo,
      recoveredOutbox: recovered,
      lostOutbox: lost,
    },
  }
}

type Attempt = { ok: true; store: AccountStore; db: SqlDb } | { ok: false; error: unknown }

function tryOpen(
  openDb: SqlOpener,
  file: string,
  account: AccountRef & Pick<OpenStoreOptions, 'writerEntry'>,
): Attempt {
  let db: SqlDb | null = null
  try {
    if (fs.existsSync(recoveryMarkerOf(file)))
      throw new Error('the store was found damaged while running')
    const walSize = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0
    db = openDb(file)
    const truncated = checkLength(db, fs.statSync(file).size, walSize)
    if (truncated) throw new Error(truncated)
    prepareSchema(db, true)
    const problem = checkIntegrity(db)
    if (problem) throw new Error(`the store is damaged (${problem})`)
    const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (:key, :value)')
    meta.run({ key: 'origin', value: account.origin })
    meta.run({ key: 'username', value: account.username })
    return { ok: true, store: assemble(db, file, account.writerEntry), db }
  } catch (error) {
    try {
      db?.close()
    } catch {
      // A connection to a damaged file may refuse to close cleanly; it is dropped either way.
    }
    return { ok: false, error }
  }
}

function inMemory(openDb: SqlOpener, error: unknown, unrecoverable = 0): OpenedStore {
  const db = openDb(':memory:')
  prepareSchema(db, false)
  const suffix = unrecoverable > 0 ? ` ${unrecoverable} queued messages stay in the old file.` : ''
  return {
    store: assemble(db, null),
    notice: { kind: 'memory-only', reason: `${reasonOf(error)}.${suffix}` },
  }
}

function assemble(db: SqlDb, file: string | null, writerEntry?: string): AccountStore {
  const listeners = new Set<(notice: StoreNotice) => void>()
  let open = true
  const report = (operation: string, error: unknown): void => {
    // Corruption found while running: the next start moves the file aside and salvages it.
    if (file && isCorruption(error)) {
      try {
        fs.writeFileSync(recoveryMarkerOf(file), new Date().toISOString(), { mode: 0o600 })
      } catch {
        // Without the marker the next open still runs its integrity check.
      }
    }
    const notice: StoreNotice = { kind: 'io-error', operation, reason: reasonOf(error) }
    for (const listener of listeners) listener(notice)
  }
  const history = createHistoryRepo(db)
  const outbox = createOutboxRepo(db)
  const extras = removeRoomExtras(db)
  const rooms = createRoomsRepo(db, (key) => {
    history.removeRoom(key)
    extras(key)
  })
  const repos = guardRepos(
    {
      rooms,
      history,
      outbox,
      readMarks: createReadMarksRepo(db),
      drafts: createDraftsRepo(db),
      search: createSearchRepo(db),
    },
    () => open,
    report,
  )
  const inline = inlineWriter({ db, ...repos }, report, () => open)
  const background =
    file && writerEntry
      ? threadWriter({ entry: writerEntry, file, fallback: inline, report })
      : inline
  const close = (): void => {
    if (!open) return
    // What the writer thread was handed is committed before the file is folded and closed.
    background.close()
    open = false
    try {
      // Fold the WAL into the main file: libsql's close leaves it behind, and a file closed
      // cleanly should be whole on its own (the next open checks its length).
      if (file) db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
      db.close()
    } catch (error) {
      report('close', error)
    }
  }
  return {
    file,
    persistent: file !== null,
    ...repos,
    background,
    checkpoint() {
      if (open && file) background.write([{ op: 'checkpoint' }])
    },
    onNotice(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close,
    destroy() {
      close()
      if (file) deleteFiles(file)
    },
  }
}
