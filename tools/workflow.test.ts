/**
 * The GitHub Actions workflow that runs Electron for real (.github/workflows/electron.yml) cannot
 * run here, so its shape is checked: the matrix, the steps and their order, and that its Linux
 * setup matches .ci/run and tools/test.sh.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..')
// js-yaml is in the lockfile as a dependency of electron-builder and ESLint.
const { load } = createRequire(join(root, 'package.json'))('js-yaml') as {
  load(text: string): unknown
}

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
}
interface Job {
  'runs-on': string
  strategy: { 'fail-fast': boolean; matrix: { include: { os: string; chromium: string }[] } }
  env: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  jobs: Record<string, Job>
}

const workflow = load(
  readFileSync(join(root, '.github/workflows/electron.yml'), 'utf8'),
) as Workflow
const job = workflow.jobs.electron!
const steps = job.steps

/** Index of the first step whose command contains `text` (-1 if none). */
const stepRunning = (text: string, from = 0) =>
  steps.findIndex((s, i) => i >= from && (s.run ?? '').includes(text))
const stepsRunning = (text: string) => steps.filter((s) => (s.run ?? '').includes(text))

describe('.github/workflows/electron.yml', () => {
  it('runs on pushes to main and on pull requests', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
  })

  it('has one job on Linux, macOS and Windows, none cancelling the others', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['electron'])
    expect(job['runs-on']).toBe('${{ matrix.os }}')
    expect(job.strategy.matrix.include.map((m) => m.os)).toEqual([
      'ubuntu-latest',
      'macos-latest',
      'windows-latest',
    ])
    expect(job.strategy['fail-fast']).toBe(false)
    for (const entry of job.strategy.matrix.include) expect(entry.chromium).toMatch(/chrome/i)
    expect(job.env.CHROMIUM_PATH).toBe('${{ matrix.chromium }}')
  })

  it('checks out, sets up Node 20 and installs with npm ci', () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/)
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))
    expect(node?.with?.['node-version']).toBe(20)
    expect(stepsRunning('npm ci').map((s) => s.run)).toEqual(['npm ci'])
  })

  it('runs, in order: npm test, the Electron download, the e2e/electron specs, npm run dist, the upload', () => {
    const install = stepRunning('npm ci')
    const test = stepRunning('npm test')
    const download = stepRunning('npx electron --version')
    const e2e = stepRunning('npx playwright test --project electron')
    const dist = stepRunning('npm run dist')
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(install).toBeGreaterThan(0)
    expect([install, test, download, e2e, dist, upload]).toEqual(
      [install, test, download, e2e, dist, upload].sort((a, b) => a - b),
    )
    expect(new Set([install, test, download, e2e, dist, upload]).size).toBe(6)
    // No step may skip these on some OS: each command has a step for Linux and one for the rest,
    // or one step for all.
    for (const command of ['npm test', 'npx playwright test --project electron']) {
      const conditions = stepsRunning(command).map((s) => s.if ?? 'always')
      expect(conditions.sort(), command).toEqual(
        conditions.includes('always')
          ? ['always']
          : ["runner.os != 'Linux'", "runner.os == 'Linux'"],
      )
    }
    for (const command of ['npx electron --version', 'npm run dist'])
      expect(
        stepsRunning(command).map((s) => s.if),
        command,
      ).toEqual([undefined])
  })

  it('runs Electron on Linux under xvfb, with the keychain set up as npm test does', () => {
    const linux = (command: string) =>
      stepsRunning(command).find((s) => s.if === "runner.os == 'Linux'")?.run ?? ''
    expect(linux('npm test')).toMatch(/^xvfb-run -a npm test$/)
    const e2e = linux('npx playwright test --project electron')
    expect(e2e).toMatch(/^xvfb-run -a dbus-run-session -- sh -c '/)
    const unlock = /echo pw \| gnome-keyring-daemon --unlock --components=secrets >\/dev\/null/
    expect(e2e).toMatch(unlock)
    expect(readFileSync(join(root, 'tools/test.sh'), 'utf8')).toMatch(unlock)
  })

  it('installs the Linux packages .ci/run installs (Debian Chromium aside: the runner has Chrome)', () => {
    const ciRun = readFileSync(join(root, '.ci/run'), 'utf8')
    const ciPackages = /apt-get install -y -qq ([^>]+?) >/.exec(ciRun)![1]!.trim().split(/\s+/)
    const apt = steps.find(
      (s) => s.if === "runner.os == 'Linux'" && s.run?.includes('apt-get install'),
    )
    const packages = /apt-get install -y -qq (.+)/
      .exec(apt?.run ?? '')![1]!
      .trim()
      .split(/\s+/)
    expect(packages.sort()).toEqual(ciPackages.filter((p) => p !== 'chromium').sort())
  })

  it('uploads the installers of every OS and fails when there are none', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && !s.if)
    expect(upload?.with?.['if-no-files-found']).toBe('error')
    expect(upload?.with?.name).toBe('installers-${{ matrix.os }}')
    const paths = String(upload?.with?.path).trim().split('\n')
    // electron-builder.yml: AppImage and deb on Linux, NSIS (.exe) on Windows, DMG on macOS.
    expect(paths).toEqual(['dist/*.AppImage', 'dist/*.deb', 'dist/*.dmg', 'dist/*.exe'])
  })
})
