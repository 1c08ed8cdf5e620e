/**
 * Where chat writes go. Disk writes (and WAL checkpoints) can stall for many milliseconds on a
 * busy machine, and better-sqlite3 is synchronous, so a file-backed server commits chat messages on
 * a writer thread with its own connection, batching whatever is queued into one transaction (group
 * commit). The socket layer still broadcasts only after the commit, exactly like the real server:
 * nobody ever sees a message that is not stored. In-memory databases write inline.
 */
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Store } from './db'
import type { WriteOp } from './message-sql'
import type { WriterAck, WriterData, WriterRequest } from './writer-thread'

export type { WriteOp } from './message-sql'

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

// __dirname, not import.meta: Playwright's loader compiles this file as CommonJS. No execArgv:
// the entry registers its own loader, and an inherited `--import tsx` would only slow the start.
const THREAD_ENTRY = join(__dirname, 'writer-thread.cjs')

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
    const workerData: WriterData = { file }
    this.worker = new Worker(THREAD_ENTRY, { workerData, execArgv: [] })
    this.worker.on('message', (acks: WriterAck[]) => {
      for (const ack of acks) {
        const waiter = this.pending.get(ack.seq)
        this.pending.delete(ack.seq)
        if ('error' in ack) waiter?.reject(new Error(ack.error))
        else waiter?.resolve(ack.changes)
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
      this.post({ seq, op })
    })
  }

  async close(): Promise<void> {
    if (!this.dead) this.post('close')
    await this.exited
  }

  private post(request: WriterRequest): void {
    this.worker.postMessage(request)
  }
}
