/**
 * The app's logger: levels, a threshold the user sets (Settings.logLevel), scopes, and one line
 * per entry, every part of it through the redaction layer. Writes go to a sink (a rotating file
 * in the shell and the e2e suite, an array in tests). Pure Node.
 */
import type { LogLevel } from '../../../shared/ipc-contract'
import { redactText, redactValue } from './redact'

export type { LogLevel } from '../../../shared/ipc-contract'

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 }
/** Longest line written; a longer one is cut (its end is the least useful part). */
export const MAX_LINE_CHARS = 8000

/** True when an entry at `level` passes a threshold of `threshold`. */
export function passes(level: LogLevel, threshold: LogLevel): boolean {
  return RANK[level] <= RANK[threshold]
}

export interface Logger {
  error(message: string, context?: unknown): void
  warn(message: string, context?: unknown): void
  info(message: string, context?: unknown): void
  debug(message: string, context?: unknown): void
  /** A logger writing under another scope, sharing this one's sink and threshold. */
  scoped(scope: string): Logger
  setLevel(level: LogLevel): void
  level(): LogLevel
}

export interface LoggerOptions {
  write: (line: string) => void
  level?: LogLevel
  scope?: string
  now?: () => number
}

/** One formatted line: `time LEVEL [scope] message {context}` and a newline. */
export function formatLine(
  time: number,
  level: LogLevel,
  scope: string,
  message: string,
  context?: unknown,
): string {
  const head = `${new Date(time).toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] `
  const tail = context === undefined ? '' : ` ${JSON.stringify(redactValue(context))}`
  // One entry, one line: a message with newlines (a stack) cannot forge further entries.
  let line = `${head}${redactText(message)}${tail}`.replace(/\r?\n/g, '\\n')
  if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)}… (cut)`
  return `${line}\n`
}

/** Creates a logger; nothing below `level` (default info) is formatted at all. */
export function createLogger(options: LoggerOptions): Logger {
  const shared = { level: options.level ?? 'info' }
  const now = options.now ?? Date.now
  const make = (scope: string): Logger => {
    const at =
      (level: LogLevel) =>
      (message: string, context?: unknown): void => {
        if (!passes(level, shared.level)) return
        try {
          options.write(formatLine(now(), level, scope, message, context))
        } catch {
          // Logging must never break the thing being logged.
        }
      }
    return {
      error: at('error'),
      warn: at('warn'),
      info: at('info'),
      debug: at('debug'),
      scoped: (next) => make(next),
      setLevel(level) {
        shared.level = level
      },
      level: () => shared.level,
    }
  }
  return make(options.scope ?? 'main')
}

/** A logger that writes nothing (the default where none is given). */
export const silentLogger: Logger = createLogger({ write: () => undefined, level: 'error' })
