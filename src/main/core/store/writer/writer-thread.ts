/**
 * The store's writer thread: its own connection to the account's file, applying the background
 * writes it is handed in order, each batch as it comes. After each batch it publishes the batch's
 * number in shared memory, so the main thread can wait for it (BackgroundWriter.settle) without a
 * message round trip. Failures go back as notices; the thread never exits on its own.
 */
import type { MessagePort } from 'node:worker_threads'
import { createHistoryRepo } from '../history-repo'
import { createDraftsRepo, createReadMarksRepo } from '../rooms-repo'
import { WAL_AUTOCHECKPOINT_PAGES } from '../schema'
import { openSqlite, reasonOf, sqliteCode } from '../sqlite'
import type { BackgroundOp, OpTarget } from './background-ops'
import { applyOps } from './background-ops'

export interface WriterData {
  file: string
  /** Int32 slots: [0] the last batch committed, [1] 1 once the thread cannot write at all. */
  progress: SharedArrayBuffer
}

export type WriterRequest = { seq: number; ops: BackgroundOp[] } | { seq: number; close: true }

/** A failed operation, as the main thread reports it. */
export interface WriterNotice {
  operation: string
  reason: string
  code: string | null
}

export const DONE = 0
export const FAILED = 1

export function runStoreWriter(port: MessagePort, data: WriterData): void {
  const progress = new Int32Array(data.progress)
  const notify = (operation: string, error: unknown): void =>
    port.postMessage({
      operation,
      reason: reasonOf(error),
      code: sqliteCode(error),
    } satisfies WriterNotice)
  // A waiter sleeps on the DONE slot, so a failure wakes it there too.
  const publish = (slot: number, value: number): void => {
    Atomics.store(progress, slot, value)
    Atomics.notify(progress, DONE)
  }
  let target: OpTarget
  try {
    const db = openSqlite(data.file)
    // Per connection: the main connection's settings do not carry over.
    db.exec('PRAGMA busy_timeout = 2000')
    db.exec('PRAGMA synchronous = NORMAL')
    db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
    target = {
      db,
      history: createHistoryRepo(db),
      readMarks: createReadMarksRepo(db),
      drafts: createDraftsRepo(db),
    }
  } catch (error) {
    notify('writer', error)
    publish(FAILED, 1)
    return
  }
  port.on('message', (request: WriterRequest) => {
    if ('close' in request) {
      try {
        target.db.close()
      } catch (error) {
        notify('writer.close', error)
      }
      publish(DONE, request.seq)
      port.close()
      return
    }
    applyOps(target, request.ops, notify)
    publish(DONE, request.seq)
  })
}
