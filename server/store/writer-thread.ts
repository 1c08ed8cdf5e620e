/**
 * The body of the message writer thread (started by ThreadMessageWriter through writer-thread.mjs):
 * its own connection to the database file, and group commit — whatever is queued when the thread
 * gets to run is written in one transaction, and acknowledged in one message.
 */
import type { MessagePort } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { WriteOp } from './message-sql'
import { applyWrite, CONNECTION_PRAGMAS, FILE_PRAGMAS, prepareMessageWrites } from './message-sql'

/** What the thread is started with. */
export interface WriterData {
  file: string
}

/** A request to the thread: one write, or 'close' (flush, then exit). */
export type WriterRequest = { seq: number; op: WriteOp } | 'close'

/** The outcome of one write: rows changed, or why it failed. */
export type WriterAck = { seq: number; changes: number } | { seq: number; error: string }

/** Serves writes arriving on `port` until 'close'. */
export function runWriter(port: MessagePort, data: WriterData): void {
  const db = new Database(data.file)
  for (const pragma of [...FILE_PRAGMAS, ...CONNECTION_PRAGMAS]) db.pragma(pragma)
  const statements = prepareMessageWrites(db)
  let queue: Array<{ seq: number; op: WriteOp }> = []
  let scheduled = false

  const writeOne = (item: { seq: number; op: WriteOp }): WriterAck => {
    try {
      return { seq: item.seq, changes: applyWrite(statements, item.op) }
    } catch (error) {
      return { seq: item.seq, error: error instanceof Error ? error.message : String(error) }
    }
  }

  const flush = (): void => {
    scheduled = false
    const batch = queue
    queue = []
    let acks: WriterAck[]
    try {
      acks = db.transaction(() =>
        batch.map((item) => ({ seq: item.seq, changes: applyWrite(statements, item.op) })),
      )()
    } catch {
      // Isolate the failing write: every other write of the batch still commits.
      acks = batch.map(writeOne)
    }
    port.postMessage(acks)
  }

  port.on('message', (request: WriterRequest) => {
    if (request === 'close') {
      if (queue.length > 0) flush()
      db.close()
      port.close()
      return
    }
    queue.push(request)
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  })
}
