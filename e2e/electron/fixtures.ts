/**
 * Fixtures for the Electron end-to-end specs: the built app (out/, via the project's package.json)
 * launched by Playwright's `_electron` against a fresh local server on port 0, with its own
 * userData directory and an in-memory secret store. Where no Electron binary exists, every spec
 * skips and this module prints the reason once.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ElectronApplication, Page } from '@playwright/test'
import { _electron, test as base, expect } from '@playwright/test'
import type { SocketProbe, TestServer } from '../../server/test-support'
import { DEMO_PASSWORD } from '../../server/store/seed'
import { findElectronBinary } from '../../tools/electron-binary.mjs'

export { expect }

/** The project root: Electron loads package.json there, whose main is out/main/index.js. */
export const appRoot = resolve(__dirname, '../..')

const electron = findElectronBinary()
/** True where an Electron binary can be launched (ELECTRON_OVERRIDE_DIST_PATH or a normal install). */
export const hasElectron = electron.path !== null
/** The one line every skipped spec reports. */
export const skipReason = `Electron e2e skipped: no Electron binary (${electron.reason ?? ''}); set ELECTRON_OVERRIDE_DIST_PATH to an Electron build to run them`

/** The demo users the specs sign in as (docs/protocol.md §5). */
const demoUsers = {
  alice: { email: 'alice@example.com', password: DEMO_PASSWORD },
  bob: { email: 'bob@example.com', password: DEMO_PASSWORD },
} as const

/** The server's test support, loaded only when a spec really runs (skipped specs need no server). */
const serverSupport = () => import('../../server/test-support')

// Printed once, by the runner while it collects the specs (workers have TEST_WORKER_INDEX set).
if (!hasElectron && process.env.TEST_WORKER_INDEX === undefined) console.log(skipReason)

/** Environment for an app instance: its own profile, memory-only secrets, the test server. */
export function appEnv(userDataDir: string, serverUrl: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v
  return {
    ...env,
    EDUSPHERE_SECRET_STORE: 'memory',
    EDUSPHERE_USER_DATA_DIR: userDataDir,
    EDUSPHERE_DEFAULT_SERVER: serverUrl,
  }
}

/** Launches the built app; extra args (e.g. --hidden) go after the app path. */
export async function launchApp(
  userDataDir: string,
  serverUrl: string,
  args: string[] = [],
): Promise<ElectronApplication> {
  if (!electron.path) throw new Error(skipReason)
  return _electron.launch({
    executablePath: electron.path,
    args: [appRoot, ...args],
    env: appEnv(userDataDir, serverUrl),
    cwd: appRoot,
  })
}

/** Starts a second instance with the same profile and resolves with its exit code. */
export function launchSecondInstance(
  userDataDir: string,
  serverUrl: string,
  args: string[],
): Promise<number | null> {
  if (!electron.path) throw new Error(skipReason)
  const child = spawn(electron.path, [appRoot, ...args], {
    env: appEnv(userDataDir, serverUrl),
    stdio: 'ignore',
  })
  return new Promise((done, fail) => {
    child.once('exit', (code) => done(code))
    child.once('error', fail)
  })
}

/** Signs in through the real sign-in form. */
export async function signInThroughUi(
  page: Page,
  serverUrl: string,
  who: keyof typeof demoUsers,
): Promise<void> {
  const user = demoUsers[who]
  await page.getByLabel('Server address').fill(serverUrl)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: /^General, hosted by alice/ })).toBeVisible()
}

/** Another user, outside the app: a real GraphQL sign-in and a real chat socket. */
export async function otherClient(
  serverUrl: string,
  who: keyof typeof demoUsers,
  room: { host: string; slug: string },
): Promise<{ probe: SocketProbe; token: string }> {
  const { ProtocolClient, openSocket } = await serverSupport()
  const client = new ProtocolClient(serverUrl)
  const token = await client.signIn(demoUsers[who].email, demoUsers[who].password)
  const opened = await openSocket(serverUrl, room.host, room.slug, token)
  if (!opened.ok)
    throw new Error(`${who} could not open ${room.host}/${room.slug}: HTTP ${opened.status}`)
  return { probe: opened.probe, token }
}

interface Fixtures {
  server: TestServer
  userDataDir: string
  app: ElectronApplication
  page: Page
}

/** `test` with a fresh server, profile and app per test. */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await (await serverSupport()).startTestServer()
    await use(server)
    await server.dispose()
  },
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'edusphere-e2e-profile-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  app: async ({ server, userDataDir }, use, testInfo) => {
    const app = await launchApp(userDataDir, server.url)
    const logs: string[] = []
    app.process().stdout?.on('data', (d: Buffer) => logs.push(d.toString()))
    app.process().stderr?.on('data', (d: Buffer) => logs.push(d.toString()))
    await use(app)
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('main-process-output', {
        body: logs.join(''),
        contentType: 'text/plain',
      })
    await app.close()
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
    await use(page)
  },
})
