/**
 * The one main window: hardened webPreferences, bounds remembered across runs (and reset when
 * they would be off-screen), and close-to-tray. Geometry decisions live in core/shell/window-bounds.ts.
 */
import { BrowserWindow, screen } from 'electron'
import type { SettingsStore } from './core/shell/settings-store'
import { MIN_WINDOW_SIZE, restoreBounds } from './core/shell/window-bounds'
import type { Rect } from './core/shell/window-bounds'

export interface MainWindowOptions {
  settings: SettingsStore
  preloadPath: string
  iconPath: string
  entryUrl: string
  /** Start in the tray: create the window but do not show it. */
  hidden: boolean
  /** True once the app is quitting; until then, closing the window only hides it. */
  isQuitting: () => boolean
  /** False when there is no tray to come back from: then closing quits instead of hiding. */
  hasTray: () => boolean
  devTools: boolean
}

function workAreas(): Rect[] {
  // Primary first: restoreBounds falls back to the first work area.
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id)
  return [primary, ...others].map((d) => d.workArea)
}

/** Creates the main window; it loads our page and hides to the tray on close. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = options.settings.get().window
  const bounds = restoreBounds(saved?.bounds ?? null, workAreas())
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'EduSphere Desktop',
    icon: options.iconPath,
    backgroundColor: '#1e1f22',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) on a link would otherwise bypass the will-navigate guard.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: options.devTools,
    },
  })
  if (saved?.maximized) win.maximize()

  let saveTimer: ReturnType<typeof setTimeout> | null = null
  const saveBounds = (): void => {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = null
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return
    options.settings.update({
      window: { bounds: win.getNormalBounds(), maximized: win.isMaximized() },
    })
  }
  // Moving and resizing fire continuously; write once the user has let go.
  const saveSoon = (): void => {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(saveBounds, 500)
  }
  win.on('resize', saveSoon)
  win.on('move', saveSoon)
  win.on('maximize', saveBounds)
  win.on('unmaximize', saveBounds)

  win.on('close', (event) => {
    saveBounds()
    if (!options.isQuitting() && options.hasTray()) {
      // Rooms stay connected and notifications keep coming while the window is hidden.
      event.preventDefault()
      win.hide()
    }
  })
  win.once('ready-to-show', () => {
    if (!options.hidden) win.show()
  })
  // A page that fails to load never becomes ready-to-show; show the window anyway so the user
  // is not left with an app that seems not to start.
  win.webContents.once('did-fail-load', (_event, code, description) => {
    console.error(`EduSphere: the window failed to load its page (${code} ${description})`)
    if (!options.hidden) win.show()
  })
  void win.loadURL(options.entryUrl)
  return win
}

/** Brings the window back from the tray, a minimised state or behind other windows. */
export function showWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
