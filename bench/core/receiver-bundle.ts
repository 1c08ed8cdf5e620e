/**
 * Loads bench/core/pipeline-receiver.ts the way the app runs its main process: the project's
 * own modules bundled into one file (esbuild here, Vite/Rollup for the app), dependencies such as
 * `ws` and `zod` left external. Run unbundled under tsx, every call into another module goes
 * through a getter tsx adds and calls across modules are not inlined as they are in the app;
 * BENCH_UNBUNDLED=1 measures that way anyway, for comparison.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import type * as ReceiverModule from './pipeline-receiver'

type Receiver = typeof ReceiverModule

export interface LoadedReceiver {
  receiver: Receiver
  /** How the pipeline code runs, for the printout. */
  how: string
}

export async function loadReceiver(): Promise<LoadedReceiver> {
  if (process.env.BENCH_UNBUNDLED === '1')
    return { receiver: await import('./pipeline-receiver'), how: 'unbundled modules under tsx' }
  // Inside the repository (out/ is ignored), so the bundle resolves `ws` from node_modules.
  const outDir = fileURLToPath(new URL('../../out/bench/', import.meta.url))
  mkdirSync(outDir, { recursive: true })
  const outfile = `${outDir}core-receiver.mjs`
  await build({
    entryPoints: [fileURLToPath(new URL('./pipeline-receiver.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  const receiver = (await import(pathToFileURL(outfile).href)) as Receiver
  return { receiver, how: 'one esbuild bundle, dependencies external (as the app bundles main)' }
}
