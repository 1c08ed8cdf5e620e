/**
 * What every desktop window does: zoom with Ctrl +/−/0 and Ctrl+wheel, remembered per window in
 * settings; spell-check in the OS languages with suggestions on right-click; the About box. The
 * decisions live in core/desktop (tested); this file applies them to Electron objects.
 */
import type { BrowserWindow, Session } from 'electron'
import { Menu, app, clipboard, dialog } from 'electron'
import { assertNever } from '../shared/errors'
import { aboutText } from './core/desktop/about'
import { buildContextMenu } from './core/desktop/context-menu-model'
import { spellCheckLanguages } from './core/desktop/spellcheck'
import type { ZoomCommand } from './core/desktop/zoom'
import { nextZoom, restoredZoom } from './core/desktop/zoom'
import { zoomCommandForKey } from './core/desktop/zoom-keys'
import type { Logger } from './core/log/logger'
import type { SettingsStore } from './core/shell/settings-store'

/** Zoom for one window: applies the remembered factor and handles the zoom keys and wheel. */
export interface WindowZoom {
  apply(command: ZoomCommand): void
}

/** Wires zoom into `win`, remembered in settings under `name`. */
export function attachZoom(win: BrowserWindow, name: string, settings: SettingsStore): WindowZoom {
  const contents = win.webContents
  const apply = (command: ZoomCommand): void => {
    if (win.isDestroyed()) return
    const factor = nextZoom(contents.getZoomFactor(), command)
    contents.setZoomFactor(factor)
    settings.update({ zoomFactors: { ...settings.get().zoomFactors, [name]: factor } })
  }
  // Each load starts at 100 %: put the remembered factor back every time.
  contents.on('did-finish-load', () =>
    contents.setZoomFactor(restoredZoom(settings.get().zoomFactors[name])),
  )
  contents.on('before-input-event', (event, input) => {
    const command = zoomCommandForKey(input, process.platform)
    if (!command) return
    event.preventDefault()
    apply(command)
  })
  contents.on('zoom-changed', (_event, direction) =>
    apply(direction === 'in' ? 'zoom-in' : 'zoom-out'),
  )
  return { apply }
}

/** Spell-checks in the OS languages (Windows and Linux; macOS always uses its own checker). */
export function configureSpellCheck(session: Session, log: Logger): void {
  if (process.platform === 'darwin') return
  const languages = spellCheckLanguages(
    app.getPreferredSystemLanguages(),
    session.availableSpellCheckerLanguages,
  )
  try {
    session.setSpellCheckerLanguages(languages)
    log.info('spell-check languages', { languages })
  } catch (error) {
    log.warn('could not set the spell-check languages', error)
  }
}

/** The page's right-click menu: spelling suggestions, Add to Dictionary, edit actions. */
export function attachContextMenu(win: BrowserWindow): void {
  const contents = win.webContents
  contents.on('context-menu', (_event, params) => {
    const items = buildContextMenu(params)
    if (!items.length) return
    const template = items.map((item): Electron.MenuItemConstructorOptions => {
      switch (item.kind) {
        case 'suggestion':
          return { label: item.word, click: () => contents.replaceMisspelling(item.word) }
        case 'add-to-dictionary':
          return {
            label: item.label,
            click: () => contents.session.addWordToSpellCheckerDictionary(item.word),
          }
        case 'note':
          return { label: item.label, enabled: false }
        case 'role':
          return { role: item.role, label: item.label, enabled: item.enabled }
        case 'separator':
          return { type: 'separator' }
        default:
          return assertNever(item)
      }
    })
    Menu.buildFromTemplate(template).popup({ window: win })
  })
}

/** The About box: versions of the app, Electron, Chromium, Node and V8, with a Copy button. */
export async function showAboutDialog(win: BrowserWindow | null): Promise<void> {
  const text = aboutText('EduSphere Desktop', {
    app: app.getVersion(),
    electron: process.versions.electron ?? 'unknown',
    chrome: process.versions.chrome ?? 'unknown',
    node: process.versions.node,
    v8: process.versions.v8,
    os: `${process.platform} ${process.getSystemVersion()} ${process.arch}`,
  })
  const options = {
    type: 'info' as const,
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: text.buttons,
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
  const { response } =
    win && !win.isDestroyed()
      ? await dialog.showMessageBox(win, options)
      : await dialog.showMessageBox(options)
  if (response === 1) clipboard.writeText(`${text.message}\n${text.detail}`)
}
