/**
 * Entry of the account store's writer thread in the app's build (out/main/store-writer.js):
 * live history writes are committed here, so a slow disk never stalls the main thread's events.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { runStoreWriter } from './core/store/writer/writer-thread'
import type { WriterData } from './core/store/writer/writer-thread'

if (parentPort) runStoreWriter(parentPort, workerData as WriterData)
