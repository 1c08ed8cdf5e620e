/**
 * The real local server (server/cli.ts) in a child process on 127.0.0.1, port 0 the first time and
 * the same port and data directory after a restart. A child process rather than in-process
 * startTestServer(): tsx runs the server exactly as the CLI does, message writer thread included.
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** EDUSPHERE_SERVER_ROOT runs the server from another checkout (e.g. a known-good snapshot). */
const serverRoot = process.env.EDUSPHERE_SERVER_ROOT ?? resolve(__dirname, '../..')

/** A server under test that can be stopped and started again on the same port with the same data. */
export interface ServerProcess {
  url: string
  /** Its data directory (SQLite): a stopped server's database can be filled directly. */
  dataDir: string
  stop(): Promise<void>
  start(): Promise<void>
  restart(): Promise<void>
  dispose(): Promise<void>
  /** What the server printed so far. */
  logs(): string
}

/** Everything the server printed, for the report of a failed test. */
const output: string[] = []

function launch(port: number, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--data-dir', dataDir],
    { cwd: serverRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let seen = ''
  return new Promise((done, fail) => {
    let listening = false
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString())
      if (listening) return
      seen += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(seen)
      if (match) {
        listening = true
        done({ child, url: match[1]! })
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.once('exit', (code, signal) => {
      output.push(`[server exited: code ${code}, signal ${signal}]\n`)
      if (!listening)
        fail(new Error(`server exited with ${code} before listening:\n${output.join('')}`))
    })
  })
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })
}

/** Starts the server with a fresh temporary data directory. */
export async function startServerProcess(): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-e2e-server-'))
  let { child, url } = await launch(0, dataDir)
  const port = Number(new URL(url).port)
  let running = true
  const server: ServerProcess = {
    url,
    dataDir,
    async stop() {
      running = false
      await terminate(child)
    },
    async start() {
      if (running) throw new Error('the server is already running')
      ;({ child, url } = await launch(port, dataDir))
      running = true
    },
    async restart() {
      await server.stop()
      await server.start()
    },
    logs: () => output.join(''),
    async dispose() {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return server
}
