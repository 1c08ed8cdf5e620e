/**
 * "Start at login": app.setLoginItemSettings on macOS and Windows; an XDG autostart entry on
 * Linux, where Electron's login item API does nothing. Either way the app starts hidden in the tray.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { app } from 'electron'
import { autostartEntry, autostartFile } from './core/shell/autostart'

export interface LoginItem {
  readonly supported: boolean
  get(): boolean
  /** Returns the state actually in effect afterwards. */
  set(enabled: boolean): boolean
}

/** The login item for this platform. Packaged builds only: a dev run must not register itself. */
export function createLoginItem(): LoginItem {
  if (!app.isPackaged) return { supported: false, get: () => false, set: () => false }
  if (process.platform === 'linux') {
    const file = autostartFile(process.env)
    // An AppImage runs from a temporary mount; APPIMAGE is the file to start next time.
    const executable = process.env.APPIMAGE || process.execPath
    const read = (): boolean => {
      try {
        return file !== null && readFileSync(file, 'utf8').includes('[Desktop Entry]')
      } catch {
        return false
      }
    }
    return {
      supported: file !== null,
      get: read,
      set(enabled) {
        if (!file) return false
        try {
          if (enabled) {
            mkdirSync(dirname(file), { recursive: true })
            writeFileSync(file, autostartEntry(executable, app.getName()))
          } else rmSync(file, { force: true })
        } catch (error) {
          console.error(`EduSphere: cannot change the autostart entry (${String(error)})`)
        }
        return read()
      },
    }
  }
  return {
    supported: true,
    get: () => app.getLoginItemSettings().openAtLogin,
    set(enabled) {
      // --hidden: a login start goes straight to the tray (args apply on Windows; macOS ignores them).
      app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] })
      return app.getLoginItemSettings().openAtLogin
    },
  }
}
