/**
 * Runs after the whole web e2e project (playwright.config.ts: dependencies): every test's app
 * logged at debug level into its profile's logs folder with the real redacting logger, and kept
 * its logs and the secrets it saw under test-results/e2e-logs/. None of those logs may contain a
 * token the keychain received, a password typed into sign-in, or a message body sent or shown.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Secrets } from '../web/log-audit'
import { findLeaks, MIN_BODY_CHARS, readLogs, RUN_LOGS_DIR } from '../web/log-audit'

test('the logs of the web e2e run hold no token, password or message body', () => {
  expect(existsSync(RUN_LOGS_DIR), `${RUN_LOGS_DIR} exists (the web project ran)`).toBe(true)
  const runs = readdirSync(RUN_LOGS_DIR)
  const leaks: string[] = []
  const totals = { lines: 0, tokens: 0, passwords: 0, bodies: 0, shortBodies: 0, rendererLines: 0 }
  for (const run of runs) {
    const logs = readLogs(join(RUN_LOGS_DIR, run, 'logs'))
    const secrets = JSON.parse(
      readFileSync(join(RUN_LOGS_DIR, run, 'secrets.json'), 'utf8'),
    ) as Secrets
    for (const [file, text] of logs) {
      const lines = text.split('\n').filter(Boolean).length
      totals.lines += lines
      if (file.startsWith('renderer')) totals.rendererLines += lines
    }
    totals.tokens += secrets.tokens.length
    totals.passwords += secrets.passwords.length
    totals.bodies += secrets.bodies.length
    totals.shortBodies += secrets.bodies.filter((b) => b.trim().length < MIN_BODY_CHARS).length
    leaks.push(...findLeaks(logs, secrets).map((leak) => `${run}: ${leak}`))
  }
  console.log(
    `log audit: ${runs.length} tests, ${totals.lines} log lines (${totals.rendererLines} from renderers); ` +
      `searched for ${totals.tokens} tokens, ${totals.passwords} passwords and ` +
      `${totals.bodies - totals.shortBodies} message bodies (${totals.shortBodies} bodies under ` +
      `${MIN_BODY_CHARS} characters not searched: they match ordinary words)`,
  )
  // The audit means something only if the apps logged and saw secrets.
  expect(totals.lines).toBeGreaterThan(0)
  expect(totals.rendererLines).toBeGreaterThan(0)
  expect(totals.tokens).toBeGreaterThan(0)
  expect(totals.passwords).toBeGreaterThan(0)
  expect(totals.bodies).toBeGreaterThan(0)
  expect(leaks).toEqual([])
})
