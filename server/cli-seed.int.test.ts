/**
 * Demo data (accounts with a published password) only on loopback unless --seed is explicit, and
 * EDUSPHERE_JWT_SECRET. The non-loopback cases never listen: the port is held on 127.0.0.1, so
 * binding 0.0.0.0 to it fails after the data directory was prepared (tests bind loopback only).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyJwt } from './auth/jwt'
import { PasswordHasher } from './auth/passwords'
import { isLoopbackHost } from './http/loopback'
import { createEduSphereServer } from './index'
import { DB_FILE } from './store/db'
import { demoUsers, EXTERNAL_SKIP_REASON, ProtocolClient } from './test-support'
import { startCli } from './test-support/cli-process'
import { skipBecause } from './test-support/fixtures'

const external = Boolean(process.env.EDUSPHERE_URL)
const NOT_SEEDED_LINE =
  'Demo data: not created, because 0.0.0.0 is not a loopback address and the demo password is published; pass --seed to create it anyway.'

let dir: string
let blocker: Server
let heldPort: number
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edusphere-seed-'))
  blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  heldPort = (blocker.address() as { port: number }).port
})
afterEach(() => {
  blocker.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Usernames in the data directory's database. */
function usernames(): string[] {
  const db = new Database(join(dir, DB_FILE), { readonly: true })
  try {
    return db
      .prepare<[], { username: string }>('SELECT username FROM users ORDER BY username')
      .all()
      .map((u) => u.username)
  } finally {
    db.close()
  }
}

describe('isLoopbackHost', () => {
  it('is true only for loopback interfaces', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect([host, isLoopbackHost(host)]).toEqual([host, true])
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '', '128.0.0.1'])
      expect([host, isLoopbackHost(host)]).toEqual([host, false])
  })
})

// The CLI hashes with the production scrypt cost (N=2^17, about a second per hash on a busy CPU).
describe('demo data and the bound interface', { timeout: 90_000 }, () => {
  it('CLI: --host 0.0.0.0 without --seed creates no demo accounts and says so in one line', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const cli = startCli(['--host', '0.0.0.0', '--port', String(heldPort), '--data-dir', dir])
    expect(await cli.exited).toBe(1)
    expect(cli.errors()).toContain(`port ${heldPort} on 0.0.0.0 is already in use`)
    expect(cli.output().split('\n')).toContain(NOT_SEEDED_LINE)
    expect(usernames()).toEqual([])
  })

  it('CLI: --host 0.0.0.0 --seed creates them; --seed with --no-seed is refused', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const cli = startCli([
      '--host',
      '0.0.0.0',
      '--seed',
      '--port',
      String(heldPort),
      '--data-dir',
      dir,
    ])
    expect(await cli.exited).toBe(1)
    expect(cli.output()).not.toContain('Demo data: not created')
    expect(usernames()).toEqual(['alice', 'bob', 'carol'])
    const both = startCli(['--seed', '--no-seed'])
    expect(await both.exited).toBe(2)
    expect(both.errors()).toContain('--seed and --no-seed contradict each other')
  })

  it('API: createEduSphereServer seeds by default on loopback only', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const passwords = new PasswordHasher({ cost: 2 ** 10 })
    await expect(
      createEduSphereServer({ host: '0.0.0.0', port: heldPort, dataDir: dir, passwords }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' })
    expect(usernames()).toEqual([])
    const local = await createEduSphereServer({ dataDir: dir, passwords })
    try {
      expect(local.seeded).toBe(true)
      const token = await new ProtocolClient(local.url).signIn(
        demoUsers.alice.email,
        demoUsers.alice.password,
      )
      expect(token).toBeTruthy()
    } finally {
      await local.close()
    }
  })

  it('CLI: EDUSPHERE_JWT_SECRET signs the tokens; a short one is refused', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const secret = 'a-deployment-secret-of-at-least-32-characters'
    const cli = startCli(['--port', '0', '--data-dir', dir], { EDUSPHERE_JWT_SECRET: secret })
    try {
      const url = await cli.url
      const token = await new ProtocolClient(url).signIn(
        demoUsers.bob.email,
        demoUsers.bob.password,
      )
      expect(verifyJwt(token, secret, Math.floor(Date.now() / 1000)).ok).toBe(true)
      cli.child.kill('SIGTERM')
      expect(await cli.exited).toBe(0)
    } finally {
      cli.child.kill('SIGKILL')
    }
    const short = startCli(['--port', '0', '--data-dir', dir], { EDUSPHERE_JWT_SECRET: 'short' })
    expect(await short.exited).toBe(2)
    expect(short.errors()).toContain('EDUSPHERE_JWT_SECRET must be at least 32 characters')
  })
})
