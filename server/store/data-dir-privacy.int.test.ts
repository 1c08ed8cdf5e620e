/**
 * The data directory is private: 0700, its SQLite files, secret and media 0600 whatever the umask,
 * loose modes of an older directory are fixed at start, and the JWT secret lives in its own file,
 * never in the database (an older database's secret is moved out once, and tokens stay valid).
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signJwt } from '../auth/jwt'
import { JWT_SECRET_FILE } from '../auth/jwt-secret'
import type { TestServer } from '../test-support'
import { demoUsers, ProtocolClient, startTestServer } from '../test-support'
import { mustOpen, signedIn, skipBecause, uniqueBody } from '../test-support/fixtures'
import { DB_FILE } from './db'
import { MediaStore } from './media-store'

const mode = (path: string) => statSync(path).mode & 0o777

let root: string
let ts: TestServer | undefined
let umask: number
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'edusphere-privacy-'))
  // The most permissive umask: modes must not depend on it.
  umask = process.umask(0)
})
afterEach(async () => {
  process.umask(umask)
  await ts?.dispose()
  ts = undefined
  rmSync(root, { recursive: true, force: true })
})

/** Every file of the data directory with its mode, media included. */
function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    out[path.slice(dir.length + 1)] = mode(path)
  }
  return out
}

function sqliteBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith(DB_FILE))
      .map((f) => readFileSync(join(dir, f))),
  )
}

describe('data directory privacy', () => {
  it('creates the directory 0700 and the database, WAL, secret and media files 0600', async (ctx) => {
    const dir = join(root, 'nested', 'data')
    ts = await startTestServer({ dataDir: dir })
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP)
    const { token } = await signedIn(ts.url, 'alice')
    const sock = await mustOpen(ts.url, 'alice', 'general', token)
    sock.send({ message: uniqueBody('private') })
    await sock.next()
    await sock.close()
    new MediaStore(join(dir, 'media')).save('avatars', 'a.png', Buffer.from('png'))

    expect(mode(dir)).toBe(0o700)
    const files = modes(dir)
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([DB_FILE, `${DB_FILE}-wal`, JWT_SECRET_FILE, 'media/avatars/a.png']),
    )
    for (const [name, m] of Object.entries(files))
      expect([name, m]).toEqual([name, statSync(join(dir, name)).isDirectory() ? 0o700 : 0o600])
  })

  it('keeps the JWT secret out of the database file', async (ctx) => {
    ts = await startTestServer({ dataDir: root })
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP)
    await signedIn(ts.url, 'bob')
    await ts.stop()
    const secret = readFileSync(join(root, JWT_SECRET_FILE), 'utf8').trim()
    expect(secret.length).toBeGreaterThanOrEqual(32)
    expect(sqliteBytes(root).includes(secret)).toBe(false)
  })

  it('fixes loose modes of an existing directory at start', async (ctx) => {
    ts = await startTestServer({ dataDir: root })
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP)
    await ts.stop()
    mkdirSync(join(root, 'media', 'avatars'), { recursive: true })
    writeFileSync(join(root, 'media', 'avatars', 'old.png'), 'png')
    chmodSync(join(root, 'media', 'avatars'), 0o755)
    for (const name of readdirSync(root)) if (name !== 'media') chmodSync(join(root, name), 0o644)
    chmodSync(join(root, 'media', 'avatars', 'old.png'), 0o644)
    chmodSync(root, 0o755)
    // Someone else's file in the same directory (--data-dir .) keeps its mode.
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n')
    chmodSync(join(root, 'run.sh'), 0o755)
    await ts.start()
    expect(mode(root)).toBe(0o700)
    expect(mode(join(root, 'run.sh'))).toBe(0o755)
    rmSync(join(root, 'run.sh'))
    for (const [name, m] of Object.entries(modes(root)))
      expect([name, m]).toEqual([name, statSync(join(root, name)).isDirectory() ? 0o700 : 0o600])
  })

  it('moves an older database’s secret to its own file once; its tokens stay valid', async (ctx) => {
    ts = await startTestServer({ dataDir: root })
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP)
    await ts.stop()
    // What an older server left: the secret in the meta table, no secret file.
    const old = 'an-older-servers-secret-kept-in-sqlite-0123456789'
    rmSync(join(root, JWT_SECRET_FILE))
    const db = new Database(join(root, DB_FILE))
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('jwt_secret', ?)").run(old)
    db.close()
    expect(sqliteBytes(root).includes(old)).toBe(true)

    await ts.start()
    const now = Math.floor(Date.now() / 1000)
    const token = signJwt({ email: demoUsers.alice.email, exp: now + 600, origIat: now }, old)
    const me = await new ProtocolClient(ts.url).graphql<{ me: { username: string } }>(
      '{ me { username } }',
      {},
      { token },
    )
    expect(me.data?.me.username).toBe('alice')
    await ts.stop()
    expect(readFileSync(join(root, JWT_SECRET_FILE), 'utf8').trim()).toBe(old)
    expect(sqliteBytes(root).includes(old)).toBe(false)
  })
})

const EXTERNAL_SKIP =
  'skipped: EDUSPHERE_URL points at an external server, whose files are not ours'
