/**
 * Files only the server's user may read: directories 0700, files 0600. Modes are set with chmod
 * after creation, because the mode given to open/mkdir is filtered by the process umask.
 */
import {
  chmodSync,
  existsSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and missing parents) and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(dir, PRIVATE_DIR_MODE)
}

/** Creates an empty file 0600 unless it exists (then only its mode is fixed). */
export function ensurePrivateFile(path: string): void {
  const fd = openSync(path, 'a', PRIVATE_FILE_MODE)
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE)
  } finally {
    closeSync(fd)
  }
}

/** Writes a new file 0600 (`wx`: never over an existing one). */
export function writeNewPrivateFile(path: string, data: Buffer | string): void {
  const fd = openSync(path, 'wx', PRIVATE_FILE_MODE)
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE)
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Replaces `path` atomically with a 0600 file holding `data`. */
export function replacePrivateFile(path: string, data: string): void {
  const temp = `${path}.${process.pid}.tmp`
  writeNewPrivateFile(temp, data)
  renameSync(temp, path)
}

/**
 * Makes a directory tree private: every directory 0700, every file 0600. For data directories
 * created by an older server (755/644); symbolic links are left alone.
 */
export function makeTreePrivate(dir: string): void {
  chmodSync(dir, PRIVATE_DIR_MODE)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) makeTreePrivate(path)
    else if (entry.isFile()) chmodSync(path, PRIVATE_FILE_MODE)
  }
}

/**
 * Makes `dir` 0700 and, of its entries, only the named ones private (files 0600, folders as a
 * tree): a data directory may be shared with other files (`--data-dir .`) whose modes are not ours.
 */
export function makeEntriesPrivate(dir: string, names: readonly string[]): void {
  ensurePrivateDir(dir)
  for (const name of names) {
    const path = join(dir, name)
    if (!existsSync(path)) continue
    const entry = readdirSync(dir, { withFileTypes: true }).find((e) => e.name === name)
    if (entry?.isDirectory()) makeTreePrivate(path)
    else if (entry?.isFile()) chmodSync(path, PRIVATE_FILE_MODE)
  }
}
