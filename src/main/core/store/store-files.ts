/**
 * Where an account's store lives and how its files are created, moved aside and deleted.
 * `<dir>/stores/` is 0700 and every store file 0600: the history is private to the user.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { AccountRef } from './store-types'

export const STORE_DIR_MODE = 0o700
export const STORE_FILE_MODE = 0o600
/** SQLite's companions of a database file in WAL mode. */
const COMPANIONS = ['', '-wal', '-shm', '-journal']

/** `https://Host:443/` and `https://host` are the same server. */
export function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin.toLowerCase()
  } catch {
    return origin.trim().toLowerCase()
  }
}

/** The store file of one account; the name is a hash, so no user input reaches the path. */
export function storeFileOf(dir: string, account: AccountRef): string {
  const id = `${normalizeOrigin(account.origin)}\n${account.username}`
  const name = createHash('sha256').update(id).digest('hex').slice(0, 32)
  return path.join(dir, 'stores', `${name}.sqlite`)
}

/** Creates the 0700 folder (tightening an existing one) and the 0600 file before SQLite opens it. */
export function prepareFiles(file: string): void {
  const folder = path.dirname(file)
  fs.mkdirSync(folder, { recursive: true, mode: STORE_DIR_MODE })
  fs.chmodSync(folder, STORE_DIR_MODE)
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (stat && !stat.isFile()) throw new Error(`${path.basename(file)} is not a file`)
  // SQLite gives its -wal and -shm files the mode of the database file, so 0600 spreads to them.
  fs.closeSync(fs.openSync(file, 'a', STORE_FILE_MODE))
  for (const suffix of COMPANIONS) {
    try {
      fs.chmodSync(file + suffix, STORE_FILE_MODE)
    } catch {
      // A companion that does not exist yet is created by SQLite with the database file's mode.
    }
  }
}

/** A marker left when corruption shows up while running: the next open moves the file aside. */
export function recoveryMarkerOf(file: string): string {
  return `${file}.needs-recovery`
}

/**
 * Renames the store and its companions with a timestamp suffix; returns the new name of the main
 * file. When renaming fails, the files are deleted instead (null), so a fresh store can open.
 */
export function moveAside(file: string, now: Date): string | null {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = `${file}.broken-${stamp}`
  let moved: string | null = target
  for (const suffix of COMPANIONS) {
    if (!fs.existsSync(file + suffix)) continue
    try {
      fs.renameSync(file + suffix, target + suffix)
    } catch {
      fs.rmSync(file + suffix, { recursive: true, force: true })
      if (suffix === '') moved = null
    }
  }
  fs.rmSync(recoveryMarkerOf(file), { force: true })
  return moved
}

/** Deletes the store and its companions (sign-out). */
export function deleteFiles(file: string): void {
  for (const suffix of COMPANIONS) fs.rmSync(file + suffix, { recursive: true, force: true })
  fs.rmSync(recoveryMarkerOf(file), { force: true })
}
