/**
 * The application menu: core/desktop/app-menu-model.ts (tested) turned into Electron's template,
 * with each command wired to the shell. Rebuilt when the update item changes.
 */
import type { MenuItemConstructorOptions } from 'electron'
import { Menu } from 'electron'
import { assertNever } from '../shared/errors'
import type { MenuCommand, MenuNode } from './core/desktop/app-menu-model'
import { buildAppMenuModel } from './core/desktop/app-menu-model'
import type { UpdateMenuItem } from './core/update/update-view'

export type MenuCommandHandlers = Record<MenuCommand, () => void>

function toTemplate(node: MenuNode, handlers: MenuCommandHandlers): MenuItemConstructorOptions {
  switch (node.kind) {
    case 'separator':
      return { type: 'separator' }
    case 'role':
      return { role: node.role }
    case 'command':
      return {
        label: node.label,
        enabled: node.enabled,
        ...(node.accelerator ? { accelerator: node.accelerator } : {}),
        // The window handles these keys itself (zoom-keys.ts); the menu only shows them.
        ...(node.displayOnly ? { registerAccelerator: false } : {}),
        click: () => handlers[node.command](),
      }
    case 'submenu':
      return {
        label: node.label,
        // 'window' and 'help' mark the menus macOS treats specially (window list, help search);
        // the first menu is the macOS app menu by position, so it needs no role.
        ...(node.special === 'window' ? { role: 'window' as const } : {}),
        ...(node.special === 'help' ? { role: 'help' as const } : {}),
        submenu: node.items.map((item) => toTemplate(item, handlers)),
      }
    default:
      return assertNever(node)
  }
}

/** Installs the menu; call the result again with a new update item to rebuild it. */
export function installAppMenu(
  handlers: MenuCommandHandlers,
  devTools: boolean,
): (update: UpdateMenuItem) => void {
  return (update) => {
    const model = buildAppMenuModel({
      platform: process.platform,
      appName: 'EduSphere Desktop',
      devTools,
      update,
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(model.map((n) => toTemplate(n, handlers))))
  }
}
