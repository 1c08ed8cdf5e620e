/** Runs `server/cli.ts` (what `npm run server` runs) as a child process, for the CLI's tests. */
import { spawn } from 'node:child_process'
import { join } from 'node:path'

/** A running CLI: its process, URL once listening, exit code, and what it printed so far. */
export interface CliProcess {
  child: ReturnType<typeof spawn>
  /** Resolves with the URL once the whole banner is printed; rejects if the CLI exits first. */
  url: Promise<string>
  exited: Promise<number | null>
  output(): string
  errors(): string
}

/** Starts the CLI with `args`; `env` adds to (or, with undefined values, removes from) the environment. */
export function startCli(args: string[], env: Record<string, string | undefined> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      // The banner ends with the "Press Ctrl+C" line: wait for all of it.
      const m = /listening on (http:\/\/\S+)[\s\S]*Ctrl\+C.*\n/.exec(out)
      if (m) resolve(m[1]!)
    })
    void exited.then((code) => reject(new Error(`CLI exited with ${code}: ${err}`)))
  })
  url.catch(() => {
    /* only the tests that expect a start await it */
  })
  return { child, url, exited, output: () => out, errors: () => err }
}
