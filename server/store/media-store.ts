/**
 * Uploaded media (avatars) under `<dataDir>/media/`, addressed by storage-relative paths such as
 * `avatars/alice.png`, the way Django's FileSystemStorage names them.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { ensurePrivateDir, writeNewPrivateFile } from './private-files'

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
}

/** A storage path: folders and a file name of safe characters only, never `..`. */
const SAFE_PATH = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/

/** Django's get_valid_filename: spaces become `_`, anything but `-`, `_`, `.` and word chars goes. */
export function validFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^\w.-]/g, '')
    .replace(/^\.+/, '')
  return cleaned === '' ? 'upload' : cleaned.slice(-100)
}

/** Media files of one server. */
export class MediaStore {
  /** `temporary`: `dispose` deletes the folder. Nothing is created until a file is saved. */
  constructor(
    readonly root: string,
    private readonly temporary = false,
  ) {}

  /** `<dataDir>/media`, or a temporary folder (deleted by `dispose`) for an in-memory server. */
  static forDataDir(dataDir: string): MediaStore {
    if (dataDir === ':memory:')
      return new MediaStore(mkdtempSync(join(tmpdir(), 'edusphere-media-')), true)
    return new MediaStore(join(dataDir, 'media'))
  }

  /** The bytes and content type of a stored file, or null when there is none. */
  read(path: string): { data: Buffer; type: string } | null {
    if (!SAFE_PATH.test(path)) return null
    const file = join(this.root, path)
    try {
      return {
        data: readFileSync(file),
        type: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      }
    } catch {
      return null
    }
  }

  /**
   * Stores `data` as `<folder>/<filename>`, adding `_<7 random characters>` before the extension
   * when that name is taken (Django's get_available_name). Returns the storage path.
   */
  save(folder: string, filename: string, data: Buffer): string {
    const dir = join(this.root, folder)
    // Private like the rest of the data directory; the server itself serves them.
    ensurePrivateDir(this.root)
    ensurePrivateDir(dir)
    const name = validFilename(filename)
    const ext = extname(name)
    let candidate = name
    while (existsSync(join(dir, candidate)))
      candidate = `${name.slice(0, name.length - ext.length)}_${randomSuffix()}${ext}`
    writeNewPrivateFile(join(dir, candidate), data)
    return `${folder}/${candidate}`
  }

  /** Removes a temporary media folder; a data directory's media stays. */
  dispose(): void {
    if (this.temporary) rmSync(this.root, { recursive: true, force: true })
  }
}

function randomSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return [...randomBytes(7)].map((b) => alphabet[b % alphabet.length]).join('')
}
