/** Hardening, observed in the running app: isolation, CSP, blocked navigation, denied permissions. */
import type { ElectronApplication } from '@playwright/test'
import { expect, hasElectron, skipReason, test } from './fixtures'
import type { MainGlobals, PageGlobals } from './page-globals'

test.skip(!hasElectron, skipReason)

const page$ = () => globalThis as unknown as PageGlobals

test('the page is sandboxed, isolated and served from app://', async ({ app, page }) => {
  // getLastWebPreferences is Electron's own (undocumented, untyped) view of what the page got.
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown> | null
    }
    const p = contents.getLastWebPreferences()
    return {
      contextIsolation: p?.contextIsolation,
      sandbox: p?.sandbox,
      nodeIntegration: p?.nodeIntegration,
      webSecurity: p?.webSecurity,
    }
  })
  expect(prefs).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  })
  expect(page.url()).toBe('app://edusphere/index.html')
  expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).require)).toBe(
    'undefined',
  )
  expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).process)).toBe(
    'undefined',
  )
})

test('the strict CSP is sent as a header and enforced', async ({ app, page, server }) => {
  const header = await app.evaluate(async ({ net }) => {
    const response = await net.fetch('app://edusphere/index.html')
    return response.headers.get('content-security-policy')
  })
  expect(header).toContain("default-src 'self'")
  expect(header).toContain("connect-src 'none'")

  await page.waitForLoadState('load')
  // No network from the renderer: all traffic goes through the main process.
  const reached = await page.evaluate(async (url) => {
    try {
      await (globalThis as unknown as PageGlobals).fetch(`${url}/api/csrf/`)
      return true
    } catch {
      return false
    }
  }, server.url)
  expect(reached).toBe(false)
  // No inline scripts.
  const ran = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    const script = g.document.createElement('script')
    script.textContent = 'globalThis.inlineScriptRan = true'
    g.document.head.append(script)
    return g.inlineScriptRan === true
  })
  expect(ran).toBe(false)
})

async function spyOnOpenExternal(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ shell }) => {
    const g = globalThis as MainGlobals
    g.openedExternally = []
    shell.openExternal = async (url: string) => {
      g.openedExternally!.push(url)
    }
  })
}
const opened = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as MainGlobals).openedExternally ?? [])

test('navigation and new windows are blocked; http(s) links go to the browser', async ({
  app,
  page,
}) => {
  await page.waitForLoadState('load')
  await spyOnOpenExternal(app)
  const home = page.url()

  await page.evaluate(() => {
    page$().location.href = 'file:///etc/passwd'
  })
  await page.evaluate(() => {
    page$().location.href = 'https://example.org/elsewhere'
  })
  // Handled in order: once the https link reached the browser, the file: attempt was refused too.
  await expect.poll(() => opened(app)).toEqual(['https://example.org/elsewhere'])
  expect(page.url()).toBe(home)

  const popup = await page.evaluate(() => page$().open('https://example.org/popup'))
  expect(popup).toBeNull()
  await expect
    .poll(() => opened(app))
    .toEqual(['https://example.org/elsewhere', 'https://example.org/popup'])
  await page.evaluate(() => page$().open('javascript:alert(1)'))
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  expect(await opened(app)).toHaveLength(2)
})

test('every permission request is denied', async ({ page }) => {
  await page.waitForLoadState('load')
  expect(await page.evaluate(() => page$().Notification.requestPermission())).toBe('denied')
})
