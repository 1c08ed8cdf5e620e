// Entry of the message writer thread: registers tsx's CommonJS hook in this thread, then runs the
// typed thread body (writer-thread.ts). The same file works whether the parent runs under
// `node --import tsx`, vitest or Playwright, none of which hand their loader to a new worker. The
// CommonJS hook compiles in this thread; tsx's ESM API would start a second loader thread per
// worker, which made the writer take seconds to come up.
const { parentPort, workerData } = require('node:worker_threads')
const { register } = require('tsx/cjs/api')

register()
const { runWriter } = require('./writer-thread.ts')
runWriter(parentPort, workerData)
