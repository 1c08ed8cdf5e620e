/** Our server as its own child process (`server/cli.ts`, SQLite WAL in a temp dir), like uvicorn. */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A running child server. */
export interface LocalServer {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts the server on a free port with fresh demo data; BENCH_PROFILE=1 profiles it to /tmp/prof. */
export async function startLocalServer(): Promise<LocalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-bench-'))
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      'tsx',
      'server/cli.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    child.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /listening on (http:\/\/\S+)/.exec(out)
        if (m) resolve(m[1]!)
      })
      void exited.then(() => reject(new Error('the benchmark server exited before listening')))
    })
    return { url, child, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
