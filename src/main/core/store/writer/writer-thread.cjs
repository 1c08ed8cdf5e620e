// Entry of the store's writer thread when the code runs from TypeScript sources (tests,
// benchmarks): registers tsx's CommonJS hook in this thread, then runs the typed thread body.
// The app's build has its own bundled entry (src/main/store-writer.ts).
const { parentPort, workerData } = require('node:worker_threads')
const { register } = require('tsx/cjs/api')

register()
const { runStoreWriter } = require('./writer-thread.ts')
runStoreWriter(parentPort, workerData)
