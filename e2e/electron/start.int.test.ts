/**
 * `npm start` (tools/start.mjs) end to end, minus the build (--no-build: the build is its own CI
 * step): the local server really starts and stops, and Electron is looked up without a download.
 * Electron itself cannot run here, so one case points ELECTRON_OVERRIDE_DIST_PATH at a stand-in
 * executable that checks what the real app would get: the server URL, alive, in its environment.
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { platformExecutable } from '../../tools/electron-binary.mjs'

const root = resolve(__dirname, '../..')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function runStart(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const child = spawn(process.execPath, ['tools/start.mjs', '--no-build', ...args], {
    cwd: root,
    env: { ...process.env, EDUSPHERE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })))
}

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/csrf/`)
    return false
  } catch {
    return true
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'edusphere-start-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A stand-in Electron: reports its argv and fetches the CSRF endpoint of the default server. */
function fakeElectron(): string {
  const dist = join(dir, 'electron-dist')
  const exe = join(dist, platformExecutable())
  const probe = `
    const url = process.env.EDUSPHERE_DEFAULT_SERVER
    console.log('FAKE-ELECTRON args=' + JSON.stringify(process.argv.slice(1)) + ' server=' + url)
    fetch(url + '/api/csrf/').then(
      (r) => { console.log('FAKE-ELECTRON csrf=' + r.status); process.exit(r.status === 200 ? 0 : 3) },
      (e) => { console.log('FAKE-ELECTRON unreachable ' + e.message); process.exit(4) },
    )`
  mkdirSync(dist, { recursive: true })
  writeFileSync(
    exe,
    `#!/bin/sh\nexec "${process.execPath}" -e '${probe.replace(/'/g, "'\\''")}' -- "$@"\n`,
  )
  chmodSync(exe, 0o755)
  return dist
}

describe.skipIf(process.platform === 'win32')('npm start', () => {
  it('says in one sentence how to get Electron, and stops the server it started', async () => {
    const run = await runStart({
      ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here'),
      EDUSPHERE_SERVER_DATA_DIR: join(dir, 'server-data'),
    })
    expect(run.code).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^The Electron binary is not installed and cannot be downloaded here/)
    expect(lines[0]).toContain('ELECTRON_OVERRIDE_DIST_PATH')
    expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
    const url = /local server at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout)?.[1]
    expect(url, run.stdout).toBeTruthy()
    expect(await refuses(url!)).toBe(true)
  })

  it('starts the demo server and hands its URL to Electron as the default server', async () => {
    const run = await runStart(
      {
        ELECTRON_OVERRIDE_DIST_PATH: fakeElectron(),
        EDUSPHERE_SERVER_DATA_DIR: join(dir, 'server-data'),
      },
      ['--hidden'],
    )
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain('FAKE-ELECTRON csrf=200')
    expect(run.stdout).toContain(`args=${JSON.stringify([root, '--hidden'])}`)
    const url = /server=(http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout)?.[1]
    expect(url).toBeTruthy()
    expect(await refuses(url!)).toBe(true)
  })

  it('uses EDUSPHERE_URL instead of starting a server', async () => {
    const run = await runStart({
      ELECTRON_OVERRIDE_DIST_PATH: fakeElectron(),
      EDUSPHERE_URL: 'http://127.0.0.1:9',
    })
    expect(run.stdout).not.toContain('[server]')
    expect(run.stdout).toContain('server=http://127.0.0.1:9')
    expect(run.stdout).toContain('FAKE-ELECTRON unreachable')
    expect(run.code).toBe(4)
  })
})
