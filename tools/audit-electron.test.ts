/** The electronegativity runner: the real project passes, and the runner really fails on findings. */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'audit-electron-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function audit(configFile?: string): { code: number | null; out: string } {
  const args = ['tools/audit-electron.mjs', ...(configFile ? ['--config', configFile] : [])]
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
  return { code: r.status, out: r.stdout + r.stderr }
}

describe('tools/audit-electron.mjs', () => {
  it('finds nothing unaccepted in src/', { timeout: 60_000 }, () => {
    const r = audit()
    expect(r.out).toMatch(/0 findings/)
    expect(r.code).toBe(0)
  })

  it('fails on an insecure window and on a stale exception', { timeout: 60_000 }, () => {
    const app = join(dir, 'app')
    mkdirSync(app)
    // Written at test time: a checked-in insecure file would be scanned by lint and reviewers.
    writeFileSync(
      join(app, 'main.js'),
      "const { BrowserWindow } = require('electron')\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })\n',
    )
    const config = join(dir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({
        input: app,
        exceptions: [
          {
            check: 'OPEN_EXTERNAL_JS_CHECK',
            file: 'main.js',
            reason: 'no such call exists here at all',
          },
        ],
      }),
    )
    const r = audit(config)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/finding NODE_INTEGRATION_JS_CHECK .*main\.js:2/)
    expect(r.out).toMatch(/finding CONTEXT_ISOLATION_JS_CHECK/)
    expect(r.out).toMatch(/stale exception OPEN_EXTERNAL_JS_CHECK main\.js/)
  })

  it('refuses an exception without a reason', () => {
    const config = join(dir, 'no-reason.json')
    writeFileSync(
      config,
      JSON.stringify({ input: 'src', exceptions: [{ check: 'PRELOAD_JS_CHECK', file: 'x' }] }),
    )
    const r = audit(config)
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/needs a check, a file and a real reason/)
  })
})
