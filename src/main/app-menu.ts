/** The application menu: Quit lives here as well as in the tray; editing roles keep copy/paste working. */
import type { MenuItemConstructorOptions } from 'electron'
import { Menu, app } from 'electron'
import { text } from '../shared/i18n'

/**
 * Installs the menu, in main's current language (call again after the user changes it).
 * `hideWindow` is "close to tray"; `devTools` adds the developer tools toggle. Role items are
 * worded by Electron in the OS's language.
 */
export function installAppMenu(hideWindow: () => void, devTools: boolean): void {
  const quit: MenuItemConstructorOptions = {
    label: text('menu.quit'),
    accelerator: 'CmdOrCtrl+Q',
    click: () => app.quit(),
  }
  const template: MenuItemConstructorOptions[] = [
    process.platform === 'darwin'
      ? { role: 'appMenu' }
      : {
          label: text('menu.file'),
          submenu: [
            { label: text('menu.closeWindow'), accelerator: 'CmdOrCtrl+W', click: hideWindow },
            { type: 'separator' },
            quit,
          ],
        },
    { role: 'editMenu' },
    {
      label: text('menu.view'),
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
