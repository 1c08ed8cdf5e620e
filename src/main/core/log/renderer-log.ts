/**
 * The renderer's side of the log: entries arrive over IPC (already validated and size-capped by
 * the contract), are rate-limited here so a page stuck in an error loop cannot fill the disk, and
 * go through the same redacting logger as main's own lines, under `renderer:<scope>`.
 */
import type { RendererLogEntry } from '../../../shared/ipc-contract'
import { TokenBucket } from '../shell/token-bucket'
import type { Logger } from './logger'

export interface RendererLogOptions {
  /** Where the renderer's lines go (in the shell: the renderer.log file). */
  log: Logger
  now: () => number
  /** Entries accepted at once. */
  burst?: number
  /** One more entry allowed every this many ms. */
  refillMs?: number
}

export interface RendererLog {
  write(entry: RendererLogEntry): null
  /** Entries refused by the rate limit so far. */
  dropped(): number
}

/** Creates the renderer log gate. */
export function createRendererLog(options: RendererLogOptions): RendererLog {
  const bucket = new TokenBucket(options.now, options.burst ?? 50, options.refillMs ?? 200)
  let dropped = 0
  let unreported = 0
  return {
    write(entry) {
      if (!bucket.take()) {
        dropped += 1
        unreported += 1
        return null
      }
      if (unreported > 0) {
        options.log
          .scoped('renderer')
          .warn(`${unreported} renderer log entries dropped (rate limit)`)
        unreported = 0
      }
      options.log.scoped(`renderer:${entry.scope}`)[entry.level](entry.message)
      return null
    },
    dropped: () => dropped,
  }
}
