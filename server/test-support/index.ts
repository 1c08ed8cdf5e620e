/**
 * Test support for every suite that needs an EduSphere server: a fresh local server on port 0 with
 * a temp data directory, or an external deployment when EDUSPHERE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PasswordHasher } from '../auth/passwords'
import type { EduSphereServer, EduSphereServerOptions } from '../index'
import { createEduSphereServer } from '../index'

// The demo accounts and the protocol-level test client, re-exported for other suites.
export { demoUsers, DEMO_PASSWORD } from '../store/seed'
export { ProtocolClient } from './protocol-client'
export type { GraphQLReply, GraphQLErrorJson, HttpReply } from './protocol-client'
export { openSocket, SocketProbe } from './socket-probe'
export type { Frame, SocketOpen, OpenSocketOptions } from './socket-probe'

/**
 * scrypt cost of test servers: 2^10 instead of production's 2^17, so a sign-in costs milliseconds,
 * not a second of a shared CPU. Only test support lowers it.
 */
export const TEST_SCRYPT_COST = 2 ** 10

/** A server under test, local or external. */
export interface TestServer {
  url: string
  /** True when EDUSPHERE_URL points at a deployment this process did not start. */
  external: boolean
  /** Stop then start again on the SAME port and dataDir (data survives). */
  restart(): Promise<void>
  /** Close, keeping the data directory. */
  stop(): Promise<void>
  /** Start again on the same port + dataDir after stop(). */
  start(): Promise<void>
  /** Close and delete the temp data directory. */
  dispose(): Promise<void>
  /** The running local server, or null (stopped or external). */
  server(): EduSphereServer | null
}

/** Why a test that must control the server skips against an external deployment. */
export const EXTERNAL_SKIP_REASON =
  'skipped: EDUSPHERE_URL points at an external server, which this test cannot restart or configure'

function externalServer(url: string): TestServer {
  const refuse = async (): Promise<never> => {
    throw new Error(`cannot restart an external server (EDUSPHERE_URL=${url})`)
  }
  return {
    url: url.replace(/\/+$/, ''),
    external: true,
    restart: refuse,
    stop: refuse,
    start: refuse,
    dispose: async () => {},
    server: () => null,
  }
}

/**
 * Starts a server on port 0 with a fresh temp dataDir, or uses EDUSPHERE_URL when set (then
 * restart/stop/start throw 'cannot restart an external server'). `opts` apply to local servers;
 * a test that depends on them should check `external` and skip.
 */
export async function startTestServer(opts: EduSphereServerOptions = {}): Promise<TestServer> {
  const externalUrl = process.env.EDUSPHERE_URL
  if (externalUrl) return externalServer(externalUrl)
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'edusphere-test-'))
  const ownsDir = opts.dataDir === undefined
  opts = { ...opts, passwords: opts.passwords ?? new PasswordHasher({ cost: TEST_SCRYPT_COST }) }
  let current: EduSphereServer | null = await createEduSphereServer({
    ...opts,
    dataDir,
    port: opts.port ?? 0,
  })
  const port = current.port
  const url = current.url

  const ts: TestServer = {
    url,
    external: false,
    async stop() {
      const s = current
      current = null
      await s?.close()
    },
    async start() {
      if (current) throw new Error('test server is already running')
      current = await createEduSphereServer({ ...opts, dataDir, port })
    },
    async restart() {
      await ts.stop()
      await ts.start()
    },
    async dispose() {
      await ts.stop()
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true })
    },
    server: () => current,
  }
  return ts
}
