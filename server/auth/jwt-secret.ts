/**
 * Where the JWT signing secret lives: an explicit value (the CLI passes EDUSPHERE_JWT_SECRET), else
 * `<data dir>/jwt-secret` (0600). Never in the database, which is data a backup or a local reader
 * may copy: an older server kept it in the `meta` table, so that value is moved to the file once
 * and erased from the SQLite file (tokens it signed stay valid).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Store } from '../store/db'
import { JWT_SECRET_FILE } from '../store/db'
import { replacePrivateFile } from '../store/private-files'

export { JWT_SECRET_FILE }
/** Where an older server kept the secret. */
const LEGACY_META_KEY = 'jwt_secret'
/** Shortest accepted secret: 32 characters, as a random base64url secret has 43. */
export const MIN_SECRET_LENGTH = 32

function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

function readSecretFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined
  const text = readFileSync(path, 'utf8').trim()
  if (text.length < MIN_SECRET_LENGTH)
    throw new Error(
      `${path} holds no valid JWT secret (at least ${MIN_SECRET_LENGTH} characters); delete it to make a new one (signed-in clients then sign in again)`,
    )
  return text
}

/** Deletes the legacy secret so that no page of the SQLite file or its WAL still holds it. */
function eraseLegacySecret(store: Store): void {
  const { db } = store
  db.pragma('secure_delete = ON')
  db.prepare('DELETE FROM meta WHERE key = ?').run(LEGACY_META_KEY)
  db.pragma('secure_delete = OFF')
  // VACUUM rewrites every page; the TRUNCATE checkpoint then empties the WAL that held old pages.
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
}

/** The secret for this server (see the module comment). `dataDir` ':memory:' keeps it in memory. */
export function loadJwtSecret(dataDir: string, store: Store, explicit?: string): string {
  if (dataDir === ':memory:') return explicit ?? newSecret()
  const file = join(dataDir, JWT_SECRET_FILE)
  const stored = readSecretFile(file)
  const legacy = store.getMeta(LEGACY_META_KEY)
  // Persisted so tokens stay valid across restarts, like a fixed Django SECRET_KEY.
  if (stored === undefined && (legacy !== undefined || explicit === undefined))
    replacePrivateFile(file, `${legacy ?? newSecret()}\n`)
  if (legacy !== undefined) eraseLegacySecret(store)
  return explicit ?? stored ?? readSecretFile(file)!
}
