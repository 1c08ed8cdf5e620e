/** The tray, read in the main process: the model the shell renders, and the real Electron menu. */
import type { ElectronApplication } from '@playwright/test'
import { expect, hasElectron, otherClient, signInThroughUi, skipReason, test } from './fixtures'
import type { MainGlobals } from './page-globals'

test.skip(!hasElectron, skipReason)

/** Records every tray model (index.ts emits them on `app`) and every menu set on the tray. */
async function spyOnTray(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ app: electronApp, Tray }) => {
    const g = globalThis as MainGlobals
    g.trayModels = []
    g.trayMenus = []
    electronApp.on('edusphere:tray-updated' as 'ready', (model: unknown) => {
      g.trayModels!.push(model as NonNullable<MainGlobals['trayModels']>[number])
    })
    const setContextMenu = Tray.prototype.setContextMenu
    Tray.prototype.setContextMenu = function (this: Electron.Tray, menu: Electron.Menu | null) {
      if (menu) g.trayMenus!.push(menu)
      return setContextMenu.call(this, menu)
    }
  })
}

function latestModel(app: ElectronApplication) {
  return app.evaluate(() => {
    const models = (globalThis as MainGlobals).trayModels ?? []
    const m = models[models.length - 1]
    return m
      ? {
          icon: m.icon,
          tooltip: m.tooltip,
          badge: m.badgeCount,
          labels: m.items.map((i) => ('label' in i ? i.label : '---')),
        }
      : null
  })
}

test('the tray lists joined rooms with unread counts and signs out', async ({
  app,
  page,
  server,
}) => {
  await spyOnTray(app)
  await signInThroughUi(page, server.url, 'alice')
  await expect
    .poll(async () => (await latestModel(app))?.labels ?? [])
    .toEqual(
      expect.arrayContaining([
        'Open EduSphere',
        'General',
        'Connected',
        'Start at login',
        'Sign out',
        'Quit EduSphere',
      ]),
    )

  // Hidden in the tray, a message from bob counts as unread.
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide())
  const bob = await otherClient(server.url, 'bob', { host: 'alice', slug: 'general' })
  bob.probe.send({ type: 'text', message: 'Are you there?' })
  await expect.poll(async () => (await latestModel(app))?.labels ?? []).toContain('General (1)')
  const unread = await latestModel(app)
  expect(unread).toMatchObject({
    icon: 'unread',
    badge: 1,
    tooltip: 'EduSphere Desktop — 1 unread message',
  })

  // Clicking the room in the real tray menu brings the window back.
  await app.evaluate(() => {
    const menus = (globalThis as MainGlobals).trayMenus ?? []
    const menu = menus[menus.length - 1]
    menu?.items.find((i) => i.label === 'General (1)')?.click()
  })
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible()))
    .toBe(true)

  // Sign out from the tray.
  await app.evaluate(() => {
    const menus = (globalThis as MainGlobals).trayMenus ?? []
    menus[menus.length - 1]?.getMenuItemById('sign-out')?.click()
  })
  await expect
    .poll(async () => (await latestModel(app))?.tooltip)
    .toBe('EduSphere Desktop — signed out')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await bob.probe.close()
})

test('closing the window hides it to the tray instead of quitting', async ({ app, page }) => {
  await page.waitForLoadState('load')
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close())
  await expect
    .poll(() =>
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())),
    )
    .toEqual([false])
})
