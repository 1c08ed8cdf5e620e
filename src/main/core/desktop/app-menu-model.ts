/**
 * The application menu as data: File (or the macOS app menu), the standard Edit roles, View with
 * zoom, Window, and Help (About, updates, "Open Logs Folder"). app-menu.ts turns it into
 * Electron's template and wires the commands; everything the user sees is tested here. Labels come
 * from the catalogues in the current language: the shell rebuilds the menu when it changes.
 */
import { text } from '../../../shared/i18n'
import type { UpdateMenuItem } from '../update/update-view'
import type { ZoomCommand } from './zoom'

/** Electron menu roles this menu uses (Electron implements them; we only place them). */
export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'

export type MenuCommand =
  ZoomCommand | UpdateMenuItem['command'] | 'about' | 'open-logs-folder' | 'close-window' | 'quit'

export type MenuNode =
  | { kind: 'role'; role: MenuRole }
  | {
      kind: 'command'
      command: MenuCommand
      label: string
      accelerator?: string
      /** Shown in the menu, but the key itself is handled by the window (zoom: see zoom-keys). */
      displayOnly?: boolean
      enabled: boolean
    }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; special?: 'app' | 'window' | 'help'; items: MenuNode[] }

export interface AppMenuInput {
  platform: NodeJS.Platform
  appName: string
  devTools: boolean
  update: UpdateMenuItem
}

const sep: MenuNode = { kind: 'separator' }
const role = (r: MenuRole): MenuNode => ({ kind: 'role', role: r })
const command = (
  c: MenuCommand,
  label: string,
  extra: { accelerator?: string; displayOnly?: boolean; enabled?: boolean } = {},
): MenuNode => ({ kind: 'command', command: c, label, ...extra, enabled: extra.enabled ?? true })

/** The whole menu bar. */
export function buildAppMenuModel(input: AppMenuInput): MenuNode[] {
  const mac = input.platform === 'darwin'
  const about = command('about', text('menu.about', { app: input.appName }))
  const quit = command(
    'quit',
    mac ? text('menu.quitApp', { app: input.appName }) : text('menu.quit'),
    {
      accelerator: 'CmdOrCtrl+Q',
    },
  )
  const update = command(input.update.command, input.update.label, {
    enabled: input.update.enabled,
  })
  const first: MenuNode = mac
    ? {
        kind: 'submenu',
        label: input.appName,
        special: 'app',
        items: [
          about,
          update,
          sep,
          role('services'),
          sep,
          role('hide'),
          role('hideOthers'),
          role('unhide'),
          sep,
          quit,
        ],
      }
    : {
        kind: 'submenu',
        label: text('menu.file'),
        items: [
          command('close-window', text('menu.closeWindow'), { accelerator: 'CmdOrCtrl+W' }),
          sep,
          quit,
        ],
      }
  const edit: MenuNode = {
    kind: 'submenu',
    label: text('menu.edit'),
    items: [
      role('undo'),
      role('redo'),
      sep,
      role('cut'),
      role('copy'),
      role('paste'),
      ...(mac ? [role('pasteAndMatchStyle')] : []),
      role('delete'),
      sep,
      role('selectAll'),
    ],
  }
  const view: MenuNode = {
    kind: 'submenu',
    label: text('menu.view'),
    items: [
      command('zoom-reset', text('menu.zoomReset'), {
        accelerator: 'CmdOrCtrl+0',
        displayOnly: true,
      }),
      command('zoom-in', text('menu.zoomIn'), { accelerator: 'CmdOrCtrl+Plus', displayOnly: true }),
      command('zoom-out', text('menu.zoomOut'), { accelerator: 'CmdOrCtrl+-', displayOnly: true }),
      sep,
      role('togglefullscreen'),
      ...(input.devTools ? [role('toggleDevTools')] : []),
    ],
  }
  const window: MenuNode = {
    kind: 'submenu',
    label: text('menu.window'),
    special: 'window',
    items: mac ? [role('minimize'), role('zoom'), sep, role('front')] : [role('minimize')],
  }
  const help: MenuNode = {
    kind: 'submenu',
    label: text('menu.help'),
    special: 'help',
    items: [
      ...(mac ? [] : [about, update, sep]),
      command('open-logs-folder', text('menu.openLogs')),
    ],
  }
  return [first, edit, view, window, help]
}

/** Every command in a model, depth first (what the shell must handle). */
export function menuCommands(nodes: readonly MenuNode[]): MenuCommand[] {
  return nodes.flatMap((n) =>
    n.kind === 'command' ? [n.command] : n.kind === 'submenu' ? menuCommands(n.items) : [],
  )
}
