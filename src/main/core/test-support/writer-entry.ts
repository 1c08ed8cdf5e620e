/** The store writer thread's entry when running from sources (tests, benchmarks, soak, web e2e). */
import { join } from 'node:path'

// __dirname, not import.meta: Playwright's loader compiles this file as CommonJS.
export const SOURCE_WRITER_ENTRY = join(__dirname, '../store/writer/writer-thread.cjs')
