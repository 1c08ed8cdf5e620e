/**
 * Background writes on a writer thread (writer-thread.ts): the main thread hands batches over
 * with postMessage and goes on; SQLite's commits, and the disk stalls behind them, happen on the
 * other thread. The main thread waits only when a read must see what it handed over (settle),
 * through shared memory, and never longer than SETTLE_LIMIT_MS. If the thread cannot start or
 * dies, later writes go to the fallback (the main connection) and the failure is reported.
 */
import { Worker } from 'node:worker_threads'
import type { BackgroundOp, BackgroundWriter } from './background-ops'
import type { WriterData, WriterNotice, WriterRequest } from './writer-thread'
import { DONE, FAILED } from './writer-thread'

/** The longest a read waits for the writer before going on without it. */
export const SETTLE_LIMIT_MS = 5000

export interface ThreadWriterOptions {
  /** The thread's entry script: the app's bundled one, or writer-thread.cjs from sources. */
  entry: string
  file: string
  fallback: BackgroundWriter
  report(operation: string, error: unknown): void
}

/** An Error carrying SQLite's code, so the store's corruption handling sees it too. */
function errorOf(notice: WriterNotice): Error {
  return Object.assign(new Error(notice.reason), notice.code ? { code: notice.code } : {})
}

export function threadWriter(options: ThreadWriterOptions): BackgroundWriter {
  const { fallback, report } = options
  const progress = new SharedArrayBuffer(8)
  const view = new Int32Array(progress)
  const worker = new Worker(options.entry, {
    workerData: { file: options.file, progress } satisfies WriterData,
    // The entry registers what it needs; an inherited `--import tsx` would only slow the start.
    execArgv: [],
  })
  // Background writes must not keep a process alive that is otherwise done.
  worker.unref()
  let seq = 0
  let dead = false
  const stop = (operation: string, error: unknown): void => {
    if (dead) return
    dead = true
    report(operation, error)
  }
  worker.on('message', (notice: WriterNotice) => report(notice.operation, errorOf(notice)))
  worker.on('error', (error) => stop('writer', error))
  worker.on('exit', (code) => stop('writer', new Error(`the writer thread stopped (${code})`)))
  const usable = (): boolean => !dead && Atomics.load(view, FAILED) === 0
  const post = (request: WriterRequest): void => worker.postMessage(request)

  const settle = (): void => {
    const deadline = performance.now() + SETTLE_LIMIT_MS
    for (;;) {
      if (!usable()) return
      const done = Atomics.load(view, DONE)
      if (done >= seq) return
      const left = deadline - performance.now()
      if (left <= 0) {
        stop('writer', new Error(`the writer thread did not answer within ${SETTLE_LIMIT_MS} ms`))
        return
      }
      Atomics.wait(view, DONE, done, left)
    }
  }

  return {
    write(ops: readonly BackgroundOp[]) {
      if (ops.length === 0) return
      if (!usable()) return fallback.write(ops)
      post({ seq: ++seq, ops: [...ops] })
    },
    settle,
    close() {
      if (usable()) {
        post({ seq: ++seq, close: true })
        settle()
      }
      dead = true
      void worker.terminate()
    },
  }
}
