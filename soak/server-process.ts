/**
 * The local server as a child process (server/cli.ts) on a fixed port with a temp data directory,
 * so the soak can SIGKILL it for real and start it again on the same port and data.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A port that was free a moment ago (the server binds it right after). */
export async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

/** A server child that can be killed and restarted. */
export interface ServerProcess {
  readonly url: string
  readonly port: number
  /** SIGKILLs so far. */
  readonly kills: number
  /** Epoch ms of each time the server (re)started listening. */
  readonly upAt: readonly number[]
  /** Starts the child and resolves once it listens. */
  start(): Promise<void>
  /** SIGKILL, and resolves once the child is gone. */
  kill(): Promise<void>
  /** Graceful stop (SIGTERM) for the end of the run. */
  stop(): Promise<void>
  running(): boolean
}

const READY_DEADLINE_MS = 30_000

/** `node --import tsx server/cli.ts --port <port> --data-dir <dataDir>` in `repoRoot`. */
export function createServerProcess(opts: {
  repoRoot: string
  port: number
  dataDir: string
}): ServerProcess {
  let child: ChildProcess | null = null
  let kills = 0
  const upAt: number[] = []

  async function start(): Promise<void> {
    if (child) throw new Error('the server is already running')
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', '--port', String(opts.port), '--data-dir', opts.dataDir],
      { cwd: opts.repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = proc
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`the server did not listen within ${READY_DEADLINE_MS} ms:\n${output}`)),
        READY_DEADLINE_MS,
      )
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (/listening on/.test(output)) {
          clearTimeout(timer)
          resolve()
        }
      }
      proc.stdout?.on('data', onData)
      proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      proc.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`the server exited with ${code} before listening:\n${output}`))
      })
    }).catch((error: unknown) => {
      child = null
      throw error
    })
    // Keep draining its output so a chatty server never blocks on a full pipe.
    proc.stdout?.resume()
    upAt.push(Date.now())
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const proc = child
    child = null
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = once(proc, 'exit')
    proc.kill(signal)
    await exited
  }

  return {
    url: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    get kills() {
      return kills
    },
    upAt,
    start,
    async kill() {
      kills++
      await end('SIGKILL')
    },
    stop: () => end('SIGTERM'),
    running: () => child !== null,
  }
}
