/**
 * Fixtures for the web end-to-end suite (docs/architecture.md, "the two seams"): the built renderer
 * (out/renderer) in Debian Chromium, the real preload bridge module bundled into the page with
 * Playwright bindings as its transport, the real chat core in this process wired by the real IPC
 * router, the real local server on port 0, and real keytar against gnome-keyring. Only Electron's
 * IPC pipe is replaced (by the bindings), because no Electron binary can run here.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { test as base, expect } from '@playwright/test'
import { build } from 'vite'
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/shell/app-origin'
import { AVATAR_ROUTE } from '../../src/main/core/media/avatar-path'
import { avatarResponse } from '../../src/main/core/media/avatar-route'
import type { ChatService } from '../../src/main/core/chat/chat-service'
import { createChatService } from '../../src/main/core/chat/chat-service'
import { systemClock } from '../../src/main/core/clock'
import { openAccountStore } from '../../src/main/core/store/account-store'
import { SOURCE_WRITER_ENTRY } from '../../src/main/core/test-support/writer-entry'
import { createProfileCache } from '../../src/main/core/store/profile-cache'
import type { Notifier, SecretStore } from '../../src/main/core/ports'
import { openSecretStore } from '../../src/main/core/session/secret-store'
import type { TestClient } from '../../src/main/core/test-support/chat-harness'
import { TEST_POLICY, signedInClient } from '../../src/main/core/test-support/chat-harness'
import { createWsSocket } from '../../src/main/core/chat/connection/ws-factory'
import { registerIpc } from '../../src/main/ipc'
import type { HandleFn } from '../../src/main/ipc'
import type { InvokeChannel, Result } from '../../src/shared/ipc-contract'
import { demoUsers } from '../../server/store/seed'
import { type ServerProcess, startServerProcess } from './server-process'
import type { LogAudit } from './log-audit'
import { findLeaks, keepForRun, openLogAudit, readLogs } from './log-audit'
import { type StaticServer, serveStatic } from './static-server'

export { expect }

const repo = resolve(__dirname, '../..')
const rendererDir = join(repo, 'out/renderer')

/** Reconnect steps long enough to watch the banner, short enough for a test (no jitter). */
export const E2E_POLICY = { ...TEST_POLICY, baseDelayMs: 400, jitter: 0, maxAttempts: 5 }

/** Bundles e2e/web/page-bridge.ts (and with it src/preload/bridge.ts) into one IIFE script. */
async function bundleBridge(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'edusphere-e2e-bridge-'))
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      minify: false,
      lib: {
        entry: join(__dirname, 'page-bridge.ts'),
        formats: ['iife'],
        name: 'edusphereE2eBridge',
        fileName: () => 'bridge.js',
      },
    },
  })
  return readFileSync(join(outDir, 'bridge.js'), 'utf8')
}

/** The app under test: one renderer page wired to one chat core. */
export interface DesktopApp {
  page: Page
  service: ChatService
  store: SecretStore
  /** Why the keychain is unavailable, or null when the real Secret Service answered. */
  keychainReason: string | null
  notified: { kind: 'error' | 'message'; title: string; body: string }[]
  opened: string[]
  /** Text put on the clipboard through main (app:copy-text), in order. */
  copied: string[]
  /** Errors thrown in the page; a test ends by expecting none. */
  pageErrors: string[]
}

interface WorkerFixtures {
  bridgeSource: string
  rendererUrl: string
  /** The chat core whose avatar fetcher answers the page's /avatar/ requests (one per test). */
  avatarSource: { service: ChatService | null }
}

interface TestFixtures {
  server: ServerProcess
  desktop: DesktopApp
  /** A second user on a second chat core instance (no window), signed in with alice/general open. */
  bob: () => Promise<TestClient>
  /**
   * Quits the desktop app (core disposed, page closed) and starts it again on the same profile
   * folder and keychain, in a new page: what the user gets after quitting and opening the app.
   */
  relaunch: () => Promise<DesktopApp>
}

const notFound = (): Response => new Response('Not found', { status: 404 })

/** Removes every EduSphere token from the keychain so each test starts signed out. */
async function clearKeychain(store: SecretStore): Promise<void> {
  for (const account of await store.accounts()) await store.delete(account)
}

/** What a launch needs: the same for every launch of one test, so a relaunch finds its data. */
interface LaunchContext {
  server: ServerProcess
  bridgeSource: string
  rendererUrl: string
  /** The app's data folder (Electron's userData): the account stores live here. */
  profileDir: string
  store: SecretStore
  unavailableReason: string | null
  /** Where the renderer's /avatar/ route finds the running core's avatar fetcher. */
  avatarSource: { service: ChatService | null }
  /** The log files in the profile, and the secrets that must never be in them. */
  audit: LogAudit
}

interface Launched {
  app: DesktopApp
  logs: string[]
  /** Quits the app: the core is disposed (stores closed) and the page closed. */
  quit(): Promise<void>
}

const relaunchOf = new WeakMap<DesktopApp, () => Promise<DesktopApp>>()

/** Starts one chat core wired to `page` by the real IPC router, as the shell does at launch. */
async function launchDesktop(page: Page, ctx: LaunchContext): Promise<Launched> {
  const { server, bridgeSource, rendererUrl, profileDir, store, unavailableReason, avatarSource } =
    ctx
  const { audit } = ctx
  const notified: DesktopApp['notified'] = []
  const opened: string[] = []
  const copied: string[] = []
  const notifier: Notifier = {
    error: (title, body) => notified.push({ kind: 'error', title, body }),
    message: (m) => notified.push({ kind: 'message', title: m.roomName, body: m.body }),
  }
  const service = createChatService({
    secretStore: audit.watchStore(store),
    keychainUnavailableReason: unavailableReason,
    notifier,
    // The real logger into the profile's logs folder, at its most talkative level.
    log: audit.log,
    createWebSocket: createWsSocket,
    clock: systemClock,
    random: () => 0.5,
    policy: E2E_POLICY,
    defaultServer: server.url,
    openExternal: (url) => opened.push(url),
    copyText: (text) => copied.push(text),
    // The account's local store in this test's profile folder, as the shell does in userData.
    openStore: (account) =>
      openAccountStore({ dir: profileDir, ...account, writerEntry: SOURCE_WRITER_ENTRY }),
    profiles: createProfileCache(profileDir),
  })

  // Events go to the page in order, like webContents.send; a closed page just drops them.
  let delivery: Promise<unknown> = Promise.resolve()
  const handlers = new Map<InvokeChannel, Parameters<HandleFn>[1]>()
  const stopIpc = registerIpc(
    (channel, listener) => handlers.set(channel, listener),
    (channel, payload) => {
      audit.sawEvents(payload)
      delivery = delivery
        .then(() =>
          page.evaluate(([c, p]) => window.__edusphereEmit?.(c, p), [channel, payload] as const),
        )
        .catch(() => undefined)
    },
    service,
    // The same rule as the shell: only our own top-level page may call.
    (sender) => (sender as { frame?: unknown } | null)?.frame === page.mainFrame(),
    audit.log.main.scoped('ipc'),
  )
  await page.exposeBinding(
    '__edusphereInvoke',
    async (source, channel: InvokeChannel, args: unknown[]): Promise<Result<unknown>> => {
      audit.sawInvoke(channel, args)
      const handler = handlers.get(channel)
      if (!handler)
        return { ok: false, error: { code: 'internal', message: `no handler for ${channel}` } }
      return handler(source, ...args)
    },
  )
  await page.addInitScript(bridgeSource)
  const pageErrors: string[] = []
  const logs: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`))
  avatarSource.service = service
  await service.start()
  await page.goto(rendererUrl)
  let quit: Promise<void> | null = null
  return {
    app: {
      page,
      service,
      store,
      keychainReason: unavailableReason,
      notified,
      opened,
      copied,
      pageErrors,
    },
    logs,
    quit: () =>
      (quit ??= (async () => {
        stopIpc()
        if (avatarSource.service === service) avatarSource.service = null
        await service.dispose()
        await page.close()
      })()),
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  bridgeSource: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(await bundleBridge())
    },
    { scope: 'worker' },
  ],
  avatarSource: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use({ service: null })
    },
    { scope: 'worker' },
  ],
  rendererUrl: [
    async ({ avatarSource }, use) => {
      if (!existsSync(join(rendererDir, 'index.html')))
        throw new Error(
          'out/renderer is missing: run `npx electron-vite build` before the web e2e suite',
        )
      // The same CSP header the shell's app:// handler sends, so the page runs under the real policy.
      // The same avatar route as the app:// handler, through the real avatar fetcher of the core.
      const server: StaticServer = await serveStatic(
        rendererDir,
        { 'content-security-policy': CONTENT_SECURITY_POLICY },
        (url) => {
          const service = avatarSource.service
          if (!new URL(url).pathname.startsWith(AVATAR_ROUTE)) return null
          return service ? avatarResponse(service.avatars, url) : Promise.resolve(notFound())
        },
      )
      await use(server.url)
      await server.close()
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await startServerProcess()
    await use(server)
    await server.dispose()
  },
  desktop: async ({ page, server, bridgeSource, rendererUrl, avatarSource }, use, testInfo) => {
    const profileDir = await mkdtemp(join(tmpdir(), 'edusphere-profile-'))
    const { store, unavailableReason } = await openSecretStore()
    await clearKeychain(store)
    const launched: Launched[] = []
    const context = {
      server,
      bridgeSource,
      rendererUrl,
      profileDir,
      store,
      unavailableReason,
      avatarSource,
      audit: openLogAudit(profileDir),
    }
    const first = await launchDesktop(page, context)
    launched.push(first)
    relaunchOf.set(first.app, async () => {
      await first.quit()
      const next = await launchDesktop(await page.context().newPage(), context)
      launched.push(next)
      return next.app
    })

    await use(first.app)

    if (testInfo.status !== testInfo.expectedStatus) {
      const logs = launched.flatMap((l) => l.logs)
      await testInfo.attach('page console', { body: logs.join('\n'), contentType: 'text/plain' })
      await testInfo.attach('server output', { body: server.logs(), contentType: 'text/plain' })
      writeFileSync(testInfo.outputPath('server-output.txt'), server.logs())
      for (const [name, text] of readLogs(context.audit.dir))
        await testInfo.attach(name, { body: text, contentType: 'text/plain' })
    }
    for (const l of launched) await l.quit()
    // Tokens, passwords and message bodies never reach the log files.
    keepForRun(context.audit, `${testInfo.titlePath.join(' ')}-${testInfo.testId}`)
    const leaks = findLeaks(readLogs(context.audit.dir), context.audit.secrets())
    await clearKeychain(store)
    await rm(profileDir, { recursive: true, force: true })
    expect(leaks, 'secrets written to the log files').toEqual([])
  },
  relaunch: async ({ desktop }, use) => {
    const relaunch = relaunchOf.get(desktop)
    if (!relaunch) throw new Error('the desktop fixture did not register its relaunch')
    await use(relaunch)
  },
  bob: async ({ server }, use) => {
    const clients: TestClient[] = []
    await use(async () => {
      const { email, password } = demoUsers.bob
      const client = await signedInClient(server.url, email, password, 'alice/general', {
        policy: E2E_POLICY,
      })
      clients.push(client)
      return client
    })
    for (const c of clients) await c.dispose()
  },
})

/** Signs in through the real form as a demo user and waits for the room list. */
export async function signIn(
  page: Page,
  serverUrl: string,
  who: 'alice' | 'bob' = 'alice',
): Promise<void> {
  const user = demoUsers[who]
  await page.getByLabel('Server address').fill(serverUrl)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // The server checks the password with scrypt at the real cost: seconds on a busy machine.
  await expect(page.getByRole('list', { name: 'Your rooms' })).toBeVisible({
    timeout: SIGN_IN_TIMEOUT_MS,
  })
}

/** How long a sign-in (or an account creation) may take: both hash a password on the server. */
export const SIGN_IN_TIMEOUT_MS = 30_000

/** Opens alice/general from the sidebar and waits for its history. */
export async function openGeneral(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^General, hosted by alice/ }).click()
  await expect(page.getByRole('heading', { name: '# General' })).toBeVisible()
  await expect(
    page.getByRole('log', { name: 'Message history' }).locator('.message').first(),
  ).toBeVisible()
}

/** The history row that shows `text` (rows are virtualized; recent ones are on screen). */
export function messageRow(page: Page, text: string) {
  return page
    .getByRole('log', { name: 'Message history' })
    .locator('article.message', { hasText: text })
}
