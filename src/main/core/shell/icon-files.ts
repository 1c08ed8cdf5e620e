/**
 * Where the shell's icons live: drawn into build/ by tools/make-icons.ts, copied next to the app
 * by electron-builder's extraResources (see electron-builder.yml), read at runtime by tray.ts.
 */
import { join } from 'node:path'
import type { TrayIcon } from './tray-model'

/** Tray icon file per state; Electron picks the `@2x` twin on HiDPI screens by itself. */
export const TRAY_ICON_FILES: Record<TrayIcon, string> = {
  normal: 'tray-normal.png',
  unread: 'tray-unread.png',
  disconnected: 'tray-disconnected.png',
}

/** Folder names under build/ (development) and under resources/ (packaged). */
export const TRAY_DIR = 'tray'
/** The window icon, 256 px, under resources/ when packaged. */
export const PACKAGED_WINDOW_ICON = 'icon.png'

/**
 * Resolves the icon folder and window icon. `mainDir` is the bundle's directory (out/main) in
 * development; `resourcesPath` is process.resourcesPath in a packaged app.
 */
export function iconPaths(
  packaged: boolean,
  mainDir: string,
  resourcesPath: string,
): { trayDir: string; windowIcon: string } {
  if (packaged) {
    return {
      trayDir: join(resourcesPath, TRAY_DIR),
      windowIcon: join(resourcesPath, PACKAGED_WINDOW_ICON),
    }
  }
  const build = join(mainDir, '..', '..', 'build')
  return { trayDir: join(build, TRAY_DIR), windowIcon: join(build, 'icons', '256x256.png') }
}
