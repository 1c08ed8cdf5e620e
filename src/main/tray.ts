/**
 * The system tray: renders a TrayModel (core/shell/tray-model.ts, tested) into Electron's Tray, Menu
 * and badge. Rebuilds the menu only when the model changed, so frequent chat events are cheap.
 */
import { join } from 'node:path'
import type { MenuItemConstructorOptions, NativeImage } from 'electron'
import { Menu, Tray, app, nativeImage } from 'electron'
import { assertNever } from '../shared/errors'
import type { RoomKey } from '../shared/ipc-contract'
import { TRAY_ICON_FILES } from './core/shell/icon-files'
import type { TrayActionId, TrayIcon, TrayMenuItem, TrayModel } from './core/shell/tray-model'

export interface TrayHandlers {
  /** Tray icon click and "Open". */
  open(): void
  openRoom(roomKey: RoomKey): void
  action(id: Exclude<TrayActionId, 'open'>): void
  setStartAtLogin(enabled: boolean): void
}

export interface AppTray {
  update(model: TrayModel): void
  destroy(): void
}

function toMenuItem(item: TrayMenuItem, handlers: TrayHandlers): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' }
    case 'status':
      return { label: item.label, enabled: false }
    case 'room':
      return { label: item.label, click: () => handlers.openRoom(item.roomKey) }
    case 'toggle':
      return {
        label: item.label,
        type: 'checkbox',
        checked: item.checked,
        enabled: item.enabled,
        click: (menuItem) => handlers.setStartAtLogin(menuItem.checked),
      }
    case 'action': {
      const id = item.id
      return {
        id,
        label: item.label,
        enabled: item.enabled,
        click: () => (id === 'open' ? handlers.open() : handlers.action(id)),
      }
    }
    default:
      return assertNever(item)
  }
}

/** Creates the tray with icons from `iconDir`; throws if the platform cannot make one. */
export function createAppTray(iconDir: string, handlers: TrayHandlers): AppTray {
  const icons = new Map<TrayIcon, NativeImage>()
  const iconFor = (kind: TrayIcon): NativeImage => {
    let image = icons.get(kind)
    if (!image) {
      // createFromPath picks up the @2x file next to it for HiDPI screens.
      image = nativeImage.createFromPath(join(iconDir, TRAY_ICON_FILES[kind]))
      if (image.isEmpty()) console.error(`EduSphere: tray icon missing in ${iconDir}`)
      icons.set(kind, image)
    }
    return image
  }
  const tray = new Tray(iconFor('normal'))
  // Linux and Windows: a click opens the window (macOS shows the menu on click by itself).
  tray.on('click', () => handlers.open())
  let lastIcon: TrayIcon | null = null
  let lastMenu = ''
  let lastTooltip = ''
  let lastBadge = -1

  return {
    update(model) {
      if (tray.isDestroyed()) return
      if (model.icon !== lastIcon) tray.setImage(iconFor(model.icon))
      lastIcon = model.icon
      if (model.tooltip !== lastTooltip) tray.setToolTip(model.tooltip)
      lastTooltip = model.tooltip
      const menuKey = JSON.stringify(model.items)
      if (menuKey !== lastMenu) {
        tray.setContextMenu(Menu.buildFromTemplate(model.items.map((i) => toMenuItem(i, handlers))))
        lastMenu = menuKey
      }
      if (model.badgeCount !== lastBadge) {
        // Supported on macOS and on Linux launchers that implement the Unity API; harmless elsewhere.
        app.setBadgeCount(model.badgeCount)
        lastBadge = model.badgeCount
      }
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy()
    },
  }
}
