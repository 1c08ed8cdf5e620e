/**
 * The log files of a web e2e run, and what must never be in them. Each test's app writes main.log
 * and renderer.log (the real redacting logger, level debug) into `logs/` of its profile folder, as
 * the shell writes them into the app's logs folder. The audit remembers every token the keychain
 * received, every password typed into sign-in and every message body sent or shown; at the end of
 * the test the logs are searched for each (findLeaks), and they and the secrets are kept under
 * test-results/e2e-logs/ for the run-wide check (e2e/web-logs).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Logger } from '../../src/main/core/log/logger'
import { createLogger } from '../../src/main/core/log/logger'
import { openRotatingFile } from '../../src/main/core/log/rotating-file'
import type { SecretStore } from '../../src/main/core/ports'
import type { ChatEvent, InvokeChannel } from '../../src/shared/ipc-contract'

/** Where each test's logs and secrets are kept for the run-wide check. */
export const RUN_LOGS_DIR = resolve(__dirname, '../../test-results/e2e-logs')
/** Bodies shorter than this are not searched for: "ok" would match ordinary log text. */
export const MIN_BODY_CHARS = 4

export interface Secrets {
  tokens: string[]
  passwords: string[]
  bodies: string[]
}

export interface LogAudit {
  dir: string
  log: { main: Logger; renderer: Logger }
  /** The secret store the app gets: records every token it is given. */
  watchStore(store: SecretStore): SecretStore
  /** Sees every invoke before the router: sign-in passwords, sent and edited bodies. */
  sawInvoke(channel: InvokeChannel, args: unknown[]): void
  /** Sees every event batch sent to the page: bodies of every message shown. */
  sawEvents(events: ChatEvent[]): void
  secrets(): Secrets
}

/** A logger whose level the app cannot change. */
function pinned(log: Logger): Logger {
  return { ...log, setLevel: () => undefined }
}

/** Opens the audit (and the log files) for a profile folder. */
export function openLogAudit(profileDir: string): LogAudit {
  const dir = join(profileDir, 'logs')
  const mainFile = openRotatingFile({ dir, name: 'main' })
  const rendererFile = openRotatingFile({ dir, name: 'renderer' })
  const tokens = new Set<string>()
  const passwords = new Set<string>()
  const bodies = new Set<string>()
  return {
    dir,
    // Pinned at debug, whatever the user's setting says (it stays at its default in the UI).
    log: {
      main: pinned(createLogger({ write: (l) => mainFile.write(l), level: 'debug' })),
      renderer: createLogger({
        write: (l) => rendererFile.write(l),
        level: 'debug',
        scope: 'renderer',
      }),
    },
    watchStore: (store) => ({
      kind: store.kind,
      get: (account) => store.get(account),
      set: (account, secret) => {
        tokens.add(secret)
        return store.set(account, secret)
      },
      delete: (account) => store.delete(account),
      accounts: () => store.accounts(),
    }),
    sawInvoke(channel, args) {
      const first = args[0] as { password?: unknown } | undefined
      if (channel === 'session:sign-in' && typeof first?.password === 'string')
        passwords.add(first.password)
      const text =
        channel === 'chat:send-message' ? args[1] : channel === 'chat:edit-message' ? args[2] : null
      if (typeof text === 'string') bodies.add(text)
    },
    sawEvents(events) {
      for (const e of events) {
        if (e.kind === 'messages-reset') for (const m of e.messages) bodies.add(m.body)
        if (e.kind === 'message-upserted') bodies.add(e.message.body)
      }
    },
    secrets: () => ({ tokens: [...tokens], passwords: [...passwords], bodies: [...bodies] }),
  }
}

/** Every log file's text in `dir` (rotated ones included). */
export function readLogs(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir).filter((n) => /\.log(\.\d+)?$/.test(n)))
    out.set(name, readFileSync(join(dir, name), 'utf8'))
  return out
}

/** Each secret found in the logs, as "kind in file" (never the secret itself). */
export function findLeaks(logs: Map<string, string>, secrets: Secrets): string[] {
  const leaks: string[] = []
  const search = (kind: string, values: string[]) =>
    values.forEach((value, i) => {
      for (const [file, text] of logs)
        if (text.includes(value)) leaks.push(`${kind} #${i + 1} in ${file}`)
    })
  search('token', secrets.tokens)
  search('password', secrets.passwords)
  search(
    'message body',
    secrets.bodies.filter((b) => b.trim().length >= MIN_BODY_CHARS),
  )
  // Whatever the audit did not see: nothing JWT-shaped may be in a log at all.
  for (const [file, text] of logs)
    if (/eyJ[\w-]+\.eyJ[\w-]+/.test(text)) leaks.push(`a JWT in ${file}`)
  return leaks
}

/** Keeps a test's logs and secrets for the run-wide check. */
export function keepForRun(audit: LogAudit, testId: string): void {
  const target = join(RUN_LOGS_DIR, testId.replace(/[^\w.-]+/g, '_').slice(0, 120))
  mkdirSync(target, { recursive: true })
  if (existsSync(audit.dir)) cpSync(audit.dir, join(target, 'logs'), { recursive: true })
  writeFileSync(join(target, 'secrets.json'), JSON.stringify(audit.secrets()))
}
