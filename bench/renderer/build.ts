/**
 * Builds what the renderer benchmark loads: the real renderer (same Vite config as electron-vite's
 * renderer section), the same renderer with MessageList swapped for the naive v-for baseline, and
 * the injected fake ChatApi as an IIFE.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'

const repo = resolve(import.meta.dirname, '../..')
const rendererRoot = join(repo, 'src/renderer')
const naiveList = join(repo, 'src/renderer/src/test-support/NaiveMessageList.vue')

export interface BenchBuild {
  realDir: string
  naiveDir: string
  fakeApiSource: string
}

async function buildRenderer(outDir: string, naive: boolean): Promise<void> {
  await build({
    configFile: false,
    root: rendererRoot,
    base: './',
    logLevel: 'error',
    plugins: [vue()],
    resolve: {
      alias: naive ? [{ find: /^\.\.\/message\/MessageList\.vue$/, replacement: naiveList }] : [],
    },
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  })
}

/** Builds everything into a fresh temporary directory. */
export async function buildBench(): Promise<BenchBuild> {
  const base = await mkdtemp(join(tmpdir(), 'edusphere-bench-'))
  const realDir = join(base, 'real')
  const naiveDir = join(base, 'naive')
  const fakeDir = join(base, 'fake')
  await buildRenderer(realDir, false)
  await buildRenderer(naiveDir, true)
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      outDir: fakeDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      lib: {
        entry: join(import.meta.dirname, 'fake-api.ts'),
        formats: ['iife'],
        name: 'edusphereBenchFake',
        fileName: () => 'fake-api.js',
      },
    },
  })
  return { realDir, naiveDir, fakeApiSource: await readFile(join(fakeDir, 'fake-api.js'), 'utf8') }
}
