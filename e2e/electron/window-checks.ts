/** Checks shared by the specs that bring the hidden window back and open a room. */
import type { ElectronApplication, Page } from '@playwright/test'
import { expect } from './fixtures'
import type { PageGlobals } from './page-globals'

/** Starts collecting the renderer's events into `seenEvents`. */
export async function recordPageEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    g.seenEvents = []
    g.edusphere.onEvents((events) => g.seenEvents!.push(...events))
  })
}

/** Hides the main window, as closing it to the tray does. */
export async function hideWindow(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide())
}

/** Waits until the window is visible again and the renderer was asked to open `roomKey`. */
export async function expectShownWithRoom(
  app: ElectronApplication,
  page: Page,
  roomKey: string,
): Promise<void> {
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible()))
    .toBe(true)
  await expect
    .poll(() =>
      page.evaluate(
        (key) =>
          ((globalThis as unknown as PageGlobals).seenEvents ?? []).some(
            (e) => e.kind === 'open-room-requested' && e.roomKey === key,
          ),
        roomKey,
      ),
    )
    .toBe(true)
}
