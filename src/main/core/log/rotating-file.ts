/**
 * An append-only log file that rotates by size: `name.log` is the current file, `name.log.1` the
 * one before, up to `keep` old files. Synchronous on purpose: a line written just before a crash
 * is on disk. Pure Node (no electron). A failing disk never throws into the app: the error is
 * reported once and lines are dropped until a write works again.
 */
import { appendFileSync, chmodSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface RotatingFileOptions {
  dir: string
  /** File name without extension: `main` writes main.log. */
  name: string
  /** Rotate before a write would take the current file past this size. */
  maxBytes?: number
  /** Old files kept besides the current one. */
  keep?: number
  /** Hears the first failure of a run of failed writes. */
  onError?: (error: unknown) => void
}

export interface RotatingFile {
  readonly path: string
  write(line: string): void
}

export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024
export const DEFAULT_KEPT_LOGS = 3

/** The paths of a log and its rotated predecessors, newest first. */
export function logFilePaths(dir: string, name: string, keep: number): string[] {
  const base = join(dir, `${name}.log`)
  return [base, ...Array.from({ length: keep }, (_, i) => `${base}.${i + 1}`)]
}

/** Opens (creating the 0700 folder) the log `name` in `dir`. */
export function openRotatingFile(options: RotatingFileOptions): RotatingFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES
  const keep = options.keep ?? DEFAULT_KEPT_LOGS
  const paths = logFilePaths(options.dir, options.name, keep)
  const path = paths[0]!
  let size: number | null = null
  let failing = false

  function currentSize(): number {
    if (size === null) {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 })
      try {
        size = statSync(path).size
      } catch {
        size = 0
      }
    }
    return size
  }

  function rotate(): void {
    // Oldest out first, then each one step older; the current file becomes .1.
    rmSync(paths[keep]!, { force: true })
    for (let i = keep - 1; i >= 0; i--) {
      try {
        renameSync(paths[i]!, paths[i + 1]!)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    size = 0
  }

  return {
    path,
    write(line) {
      const bytes = Buffer.byteLength(line)
      try {
        if (currentSize() > 0 && currentSize() + bytes > maxBytes) {
          if (keep > 0) rotate()
          else {
            rmSync(path, { force: true })
            size = 0
          }
        }
        const created = currentSize() === 0
        appendFileSync(path, line, { mode: 0o600 })
        // appendFileSync's mode only applies to a new file; an existing one keeps its own.
        if (created) chmodSync(path, 0o600)
        size = currentSize() + bytes
        failing = false
      } catch (error) {
        size = null
        if (!failing) options.onError?.(error)
        failing = true
      }
    },
  }
}
