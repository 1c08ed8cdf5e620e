/**
 * Updates in a packaged build: electron-updater reads the GitHub releases feed (publish: in
 * electron-builder.yml) and downloads and installs; what to take and when, and what to show, is
 * the pure update loop (core/update). Never checks in development.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserWindow } from 'electron'
import { app, dialog } from 'electron'
import { autoUpdater } from 'electron-updater'
import type { Logger } from './core/log/logger'
import { systemClock } from './core/clock'
import type { UpdateFeed } from './core/update/update-feed'
import type { UpdatePhase, Updater } from './core/update/updater'
import { manualCheckAnswer, UPDATES_OFF } from './core/update/update-view'
import { createUpdater } from './core/update/updater'
import { text } from '../shared/i18n'

/**
 * This install's rollout id: the `.updaterId` file electron-updater keeps in userData, so the pure
 * decision and electron-updater's own staging check place the install at the same position.
 */
function installId(log: Logger): string {
  const file = join(app.getPath('userData'), '.updaterId')
  try {
    const id = readFileSync(file, 'utf8').trim()
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id
  } catch {
    // No id yet: make one below.
  }
  const id = randomUUID()
  try {
    writeFileSync(file, id, { mode: 0o600 })
  } catch (error) {
    log.warn('could not save the update rollout id', error)
  }
  return id
}

function toFeed(info: {
  version: string
  files: readonly { url: string; sha512: string; size?: number }[]
  releaseDate?: string
  stagingPercentage?: number
}): UpdateFeed {
  return {
    version: info.version,
    files: info.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size ?? 0 })),
    releaseDate: info.releaseDate ?? null,
    stagingPercentage: info.stagingPercentage ?? null,
    releaseNotes: null,
  }
}

/** The app's update loop; `onChange` refreshes the Help menu and the tray. */
export function createAppUpdater(log: Logger, onChange: (phase: UpdatePhase) => void): Updater {
  const updateLog = log.scoped('updates')
  const disabledReason = app.isPackaged
    ? process.env.EDUSPHERE_DISABLE_UPDATES === '1'
      ? UPDATES_OFF.disabled
      : null
    : UPDATES_OFF.development
  if (!disabledReason) {
    autoUpdater.autoDownload = false
    autoUpdater.autoInstallOnAppQuit = true
    autoUpdater.logger = {
      info: (m: unknown) => updateLog.debug(String(m)),
      warn: (m: unknown) => updateLog.warn(String(m)),
      error: (m: unknown) => updateLog.error(String(m)),
      debug: (m: unknown) => updateLog.debug(String(m)),
    }
  }
  return createUpdater({
    disabledReason,
    currentVersion: app.getVersion(),
    installId: disabledReason ? '' : installId(updateLog),
    clock: systemClock,
    onChange(phase) {
      updateLog.info(`update ${phase.kind}`, phase)
      onChange(phase)
    },
    source: {
      async latest() {
        const result = await autoUpdater.checkForUpdates()
        if (!result) throw new Error('the updater is not active in this build')
        return toFeed(result.updateInfo)
      },
      async download(_version, progress) {
        const onProgress = (p: { percent: number }): void => progress(p.percent)
        autoUpdater.on('download-progress', onProgress)
        try {
          await autoUpdater.downloadUpdate()
        } finally {
          autoUpdater.off('download-progress', onProgress)
        }
      },
      install: () => autoUpdater.quitAndInstall(),
    },
  })
}

/** "Check for Updates…": checks now and tells the user the outcome in a message box. */
export async function checkForUpdates(updater: Updater, win: BrowserWindow | null): Promise<void> {
  const answer = manualCheckAnswer(await updater.checkNow())
  if (!answer) return
  const box = {
    type: answer.kind,
    message: answer.message,
    detail: answer.detail,
    buttons: [text('about.ok')],
  }
  if (win && !win.isDestroyed()) await dialog.showMessageBox(win, box)
  else await dialog.showMessageBox(box)
}
