/**
 * Where chat writes go. Disk writes (and WAL checkpoints) can stall for many milliseconds on a
 * busy machine, and better-sqlite3 is synchronous, so a file-backed server commits chat messages on
 * a writer thread with its own connection, batching whatever is queued into one transaction (group
 * commit). The socket layer still broadcasts only after the commit, exactly like the real server:
 * nobody ever sees a message that is not stored. In-memory databases write inline.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { MessageRow, Store } from '../db'

/** One write, as sent to the writer. */
export type WriteOp =
  | { op: 'insert'; row: Omit<MessageRow, 'edited'> }
  | { op: 'update'; id: string; body: string; updated: number }
  | { op: 'delete'; id: string }

/** Commits chat writes; resolves with the number of rows changed once committed. */
export interface MessageWriter {
  write(op: WriteOp): Promise<number>
  /** Waits for queued writes, then releases the writer. */
  close(): Promise<void>
}

/** Writes on the caller's connection (used for ':memory:' and as a fallback). */
export class InlineMessageWriter implements MessageWriter {
  constructor(private readonly store: Store) {}

  write(op: WriteOp): Promise<number> {
    try {
      return Promise.resolve(applyInline(this.store, op))
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  async close(): Promise<void> {}
}

function applyInline(store: Store, op: WriteOp): number {
  switch (op.op) {
    case 'insert':
      store.insertMessage(op.row)
      return 1
    case 'update':
      return store.updateMessage(op.id, op.body, op.updated)
    case 'delete':
      return store.deleteMessage(op.id)
  }
}

// Plain CommonJS so the thread runs the same under tsx, vitest or compiled code.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('busy_timeout = 5000')
db.pragma('foreign_keys = ON')
const insert = db.prepare('INSERT INTO messages (id, room_id, user_id, body, edited, created, updated) VALUES (?, ?, ?, ?, 0, ?, ?)')
const update = db.prepare('UPDATE messages SET body = ?, edited = 1, updated = ? WHERE id = ?')
const remove = db.prepare('DELETE FROM messages WHERE id = ?')
function apply(w) {
  if (w.op === 'insert') { const r = w.row; return insert.run(r.id, r.room_id, r.user_id, r.body, r.created, r.updated).changes }
  if (w.op === 'update') return update.run(w.body, w.updated, w.id).changes
  return remove.run(w.id).changes
}
let queue = []
let scheduled = false
function flush() {
  scheduled = false
  const batch = queue
  queue = []
  const acks = []
  try {
    db.transaction(() => { for (const item of batch) acks.push({ seq: item.seq, changes: apply(item.op) }) })()
  } catch {
    // Isolate the failing write: every other write of the batch still commits.
    acks.length = 0
    for (const item of batch) {
      try { acks.push({ seq: item.seq, changes: apply(item.op) }) }
      catch (e) { acks.push({ seq: item.seq, error: String(e && e.message || e) }) }
    }
  }
  parentPort.postMessage(acks)
}
parentPort.on('message', (m) => {
  if (m === 'close') { if (queue.length) flush(); db.close(); parentPort.close(); return }
  queue.push(m)
  if (!scheduled) { scheduled = true; setImmediate(flush) }
})
`

interface Ack {
  seq: number
  changes?: number
  error?: string
}

/** Commits on a worker thread with group commit; falls back to inline writes if the thread dies. */
export class ThreadMessageWriter implements MessageWriter {
  private readonly worker: Worker
  private readonly pending = new Map<
    number,
    { resolve: (n: number) => void; reject: (e: Error) => void }
  >()
  private seq = 0
  private dead = false
  private readonly exited: Promise<void>

  constructor(
    file: string,
    private readonly fallback: InlineMessageWriter,
  ) {
    // __filename, not import.meta: Playwright's loader compiles this file as CommonJS.
    const driver = createRequire(__filename).resolve('better-sqlite3')
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } })
    this.worker.on('message', (acks: Ack[]) => {
      for (const ack of acks) {
        const waiter = this.pending.get(ack.seq)
        this.pending.delete(ack.seq)
        if (ack.error !== undefined) waiter?.reject(new Error(ack.error))
        else waiter?.resolve(ack.changes ?? 0)
      }
    })
    this.worker.on('error', (error) => {
      console.error('edusphere server: message writer thread failed:', error)
    })
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.dead = true
        const orphans = [...this.pending.values()]
        this.pending.clear()
        for (const w of orphans) w.reject(new Error('message writer stopped'))
        resolve()
      }),
    )
  }

  write(op: WriteOp): Promise<number> {
    if (this.dead) return this.fallback.write(op)
    const seq = ++this.seq
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject })
      this.worker.postMessage({ seq, op })
    })
  }

  async close(): Promise<void> {
    if (!this.dead) this.worker.postMessage('close')
    await this.exited
  }
}
