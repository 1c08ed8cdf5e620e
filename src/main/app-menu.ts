/** The application menu: Quit lives here as well as in the tray; editing roles keep copy/paste working. */
import type { MenuItemConstructorOptions } from 'electron'
import { Menu, app } from 'electron'

/** Installs the menu. `hideWindow` is "close to tray"; `devTools` adds the developer tools toggle. */
export function installAppMenu(hideWindow: () => void, devTools: boolean): void {
  const quit: MenuItemConstructorOptions = {
    label: 'Quit EduSphere',
    accelerator: 'CmdOrCtrl+Q',
    click: () => app.quit(),
  }
  const template: MenuItemConstructorOptions[] = [
    process.platform === 'darwin'
      ? { role: 'appMenu' }
      : {
          label: 'File',
          submenu: [
            { label: 'Close window', accelerator: 'CmdOrCtrl+W', click: hideWindow },
            { type: 'separator' },
            quit,
          ],
        },
    { role: 'editMenu' },
    {
      label: 'View',
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
