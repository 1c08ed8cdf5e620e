/**
 * `npm start` as a user runs it, build included, in a fresh copy of the working tree. Electron
 * cannot run here, so ELECTRON_OVERRIDE_DIST_PATH points at a stand-in executable that reports what
 * the real app would get: its arguments, the built app it was pointed at, and whether the default
 * server in its environment answers right now.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { platformExecutable } from './electron-binary.mjs'
import { copyWorkingTree, lastLine, startNpm } from './test-support/user-command'

const BUILD_MS = 180_000
const standInUnsupported = process.platform === 'win32'
if (standInUnsupported)
  console.log('npm start tests skipped on Windows: the stand-in Electron is a shell script')

let dir: string
let clone: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edusphere-start-'))
  clone = copyWorkingTree(join(dir, 'clone'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface StandInReport {
  args: string[]
  server: string
  csrfStatus: number | string
  builtMain: boolean
}

/** Writes a stand-in Electron dist whose executable records its launch into `report`. */
function standInElectron(report: string): string {
  const dist = join(dir, 'electron-dist')
  const exe = join(dist, platformExecutable())
  const probe = join(dir, 'stand-in.cjs')
  writeFileSync(
    probe,
    `const { existsSync, readFileSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
const args = process.argv.slice(2)
const server = process.env.EDUSPHERE_DEFAULT_SERVER
const pkg = JSON.parse(readFileSync(join(args[0], 'package.json'), 'utf8'))
const done = (csrfStatus) => {
  writeFileSync(${JSON.stringify(report)}, JSON.stringify({ args, server, csrfStatus, builtMain: existsSync(join(args[0], pkg.main)) }))
}
fetch(server + '/api/csrf/').then((r) => done(r.status), (e) => done('unreachable: ' + e.message))
`,
  )
  mkdirSync(dist, { recursive: true })
  writeFileSync(exe, `#!/bin/sh\nexec "${process.execPath}" "${probe}" "$@"\n`)
  chmodSync(exe, 0o755)
  return dist
}

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/csrf/`)
    return false
  } catch {
    return true
  }
}

describe.skipIf(standInUnsupported)('npm start', () => {
  it(
    'builds, starts the demo server and launches Electron on the app with that server',
    { timeout: BUILD_MS },
    async () => {
      const report = join(dir, 'launch.json')
      const run = await startNpm(['start', '--', '--hidden'], clone, {
        EDUSPHERE_URL: '',
        ELECTRON_OVERRIDE_DIST_PATH: standInElectron(report),
        EDUSPHERE_SERVER_DATA_DIR: join(dir, 'server-data'),
      }).done
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stdout).toContain('building the app (electron-vite build)')
      const launch = JSON.parse(readFileSync(report, 'utf8')) as StandInReport
      expect(launch.args).toEqual([clone, '--hidden'])
      expect(launch.builtMain).toBe(true)
      expect(launch.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(launch.csrfStatus).toBe(200)
      expect(run.stdout).toContain(`local server at ${launch.server}`)
      // The server lives as long as the app: once Electron exits it is stopped.
      expect(await refuses(launch.server)).toBe(true)
    },
  )

  it(
    'without Electron, ends with one sentence saying what to do and exit code 1',
    { timeout: BUILD_MS },
    async () => {
      const run = await startNpm(['start'], clone, {
        EDUSPHERE_URL: '',
        ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here'),
        EDUSPHERE_SERVER_DATA_DIR: join(dir, 'server-data'),
      }).done
      expect(run.code).toBe(1)
      expect(existsSync(join(clone, 'out/main/index.js'))).toBe(true)
      const sentence = lastLine(run.stderr)
      expect(sentence).toMatch(
        /^The Electron binary is not installed and cannot be downloaded here \(/,
      )
      expect(sentence).toContain(
        'run `npx electron --version` once on a machine with internet access',
      )
      expect(sentence).toContain('ELECTRON_OVERRIDE_DIST_PATH')
      expect(sentence.match(/\.(\s|$)/g), 'one sentence').toHaveLength(1)
      expect(lastLine(run.stdout + run.stderr)).toBe(sentence)
      expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
      const url = /local server at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout)?.[1]
      expect(url, run.stdout).toBeTruthy()
      expect(await refuses(url!)).toBe(true)
    },
  )

  it('uses EDUSPHERE_URL instead of starting a server', async () => {
    const report = join(dir, 'external.json')
    const run = await startNpm(['start', '--', '--no-build'], clone, {
      ELECTRON_OVERRIDE_DIST_PATH: standInElectron(report),
      EDUSPHERE_URL: 'http://127.0.0.1:9',
    }).done
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).not.toContain('[server]')
    const launch = JSON.parse(readFileSync(report, 'utf8')) as StandInReport
    expect(launch.server).toBe('http://127.0.0.1:9')
    expect(launch.csrfStatus).toMatch(/^unreachable/)
  })
})
