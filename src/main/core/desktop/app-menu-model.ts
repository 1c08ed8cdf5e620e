/**
 * The application menu as data: File (or the macOS app menu), the standard Edit roles, View with
 * zoom, Window, and Help (About, updates, "Open Logs Folder"). app-menu.ts turns it into
 * Electron's template and wires the commands; everything the user sees is tested here.
 */
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
  const about = command('about', `About ${input.appName}`)
  const quit = command('quit', mac ? `Quit ${input.appName}` : 'Quit EduSphere', {
    accelerator: 'CmdOrCtrl+Q',
  })
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
        label: '&File',
        items: [command('close-window', 'Close Window', { accelerator: 'CmdOrCtrl+W' }), sep, quit],
      }
  const edit: MenuNode = {
    kind: 'submenu',
    label: '&Edit',
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
    label: '&View',
    items: [
      command('zoom-reset', 'Actual Size', { accelerator: 'CmdOrCtrl+0', displayOnly: true }),
      command('zoom-in', 'Zoom In', { accelerator: 'CmdOrCtrl+Plus', displayOnly: true }),
      command('zoom-out', 'Zoom Out', { accelerator: 'CmdOrCtrl+-', displayOnly: true }),
      sep,
      role('togglefullscreen'),
      ...(input.devTools ? [role('toggleDevTools')] : []),
    ],
  }
  const window: MenuNode = {
    kind: 'submenu',
    label: '&Window',
    special: 'window',
    items: mac ? [role('minimize'), role('zoom'), sep, role('front')] : [role('minimize')],
  }
  const help: MenuNode = {
    kind: 'submenu',
    label: '&Help',
    special: 'help',
    items: [...(mac ? [] : [about, update, sep]), command('open-logs-folder', 'Open Logs Folder')],
  }
  return [first, edit, view, window, help]
}

/** Every command in a model, depth first (what the shell must handle). */
export function menuCommands(nodes: readonly MenuNode[]): MenuCommand[] {
  return nodes.flatMap((n) =>
    n.kind === 'command' ? [n.command] : n.kind === 'submenu' ? menuCommands(n.items) : [],
  )
}
