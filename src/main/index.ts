/**
 * The Electron main process: lifecycle and wiring only. Everything with logic lives in core/
 * (pure Node, tested); this file connects it to Electron: single-instance lock, the hardened
 * window, tray, native notifications, IPC, power and network events.
 */
import { join } from 'node:path'
import type { BrowserWindow } from 'electron'
import { app, clipboard, dialog, ipcMain, net, powerMonitor, session } from 'electron'
import { text } from '../shared/i18n'
import type { RoomKey } from '../shared/ipc-contract'
import { installAppMenu } from './app-menu'
import { checkForUpdates, createAppUpdater } from './app-updates'
import { updateMenuItem, updateTrayItem } from './core/update/update-view'
import type { Updater } from './core/update/updater'
import { mirrorConsole, openAppLogs } from './logging'
import {
  attachContextMenu,
  attachZoom,
  configureSpellCheck,
  showAboutDialog,
} from './window-conventions'
import { APP_ENTRY_URL, APP_ORIGIN } from './core/shell/app-origin'
import { createChatService } from './core/chat/chat-service'
import type { ChatService } from './core/chat/chat-service'
import { systemClock } from './core/clock'
import { openAccountStore } from './core/store/account-store'
import { preloadSqlEngine } from './core/store/sqlite'
import { createProfileCache } from './core/store/profile-cache'
import { iconPaths } from './core/shell/icon-files'
import { parseLaunchArgs, readShellEnvironment } from './core/shell/launch-args'
import type { LaunchRequest } from './core/shell/launch-args'
import { watchOnline } from './core/chat/connection/online-watch'
import { describeSender, isTrustedSender } from './core/shell/sender-check'
import { openSettingsStore, transportConsentFrom } from './core/shell/settings-store'
import { buildTrayModel } from './core/shell/tray-model'
import { createWsSocket } from './core/chat/connection/ws-factory'
import type { EmitFn, HandleFn } from './ipc'
import { registerIpc } from './ipc'
import { createLoginItem } from './login-item'
import { createNativeNotifier } from './notifications'
import { chooseSecretStore } from './secret-backend'
import {
  hardenAllWebContents,
  hardenSession,
  openExternalSafely,
  registerAppScheme,
  serveRenderer,
} from './security'
import type { AppTray } from './tray'
import { createAppTray } from './tray'
import { createMainWindow, showWindow } from './window'

/** The app ID shared by Windows notifications, electron-builder's appId and the installers. */
export const APP_ID = 'org.edusphere.desktop'
/** Emitted on `app` whenever the tray model changes: the e2e specs read the tray through it. */
export const TRAY_UPDATED_EVENT = 'edusphere:tray-updated'

const env = readShellEnvironment(process.env)
const launch = parseLaunchArgs(process.argv)
for (const problem of [...env.problems, ...launch.problems]) console.warn(`EduSphere: ${problem}`)
// Before anything reads userData: the single-instance lock and settings live there.
if (env.userDataDir) app.setPath('userData', env.userDataDir)
app.setAppUserModelId(APP_ID)
app.enableSandbox()
registerAppScheme()

const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null
const trustedOrigins = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])]

let win: BrowserWindow | null = null
let tray: AppTray | null = null
let service: ChatService | null = null
let quitting = false
let disposed = false

function openRoom(roomKey: RoomKey): void {
  const current = service
  const contents = win?.webContents
  if (!current || !contents || contents.isDestroyed()) return
  // A room asked for at launch waits until the page can hear the request.
  if (contents.isLoading()) contents.once('did-finish-load', () => current.requestOpenRoom(roomKey))
  else current.requestOpenRoom(roomKey)
}

/** A later launch (second instance): show the window unless it asked for --hidden; open its room. */
function handleLaunch(request: LaunchRequest): void {
  if (!request.hidden || request.openRoom) showWindow(win)
  if (request.openRoom) openRoom(request.openRoom)
}

async function startApp(): Promise<void> {
  const problems = (problem: string): void => console.warn(`EduSphere: ${problem}`)
  const settings = openSettingsStore(join(app.getPath('userData'), 'settings.json'), problems)
  // Logs first, so everything after (settings problems included) is in them.
  const logs = openAppLogs(settings.get().logLevel)
  mirrorConsole(logs.main)
  const icons = iconPaths(app.isPackaged, __dirname, process.resourcesPath)
  const loginItem = createLoginItem()
  let relocalize = (): void => undefined
  // Read once and after each change: the tray is rebuilt on every chat event batch.
  let startAtLogin = loginItem.get()

  hardenSession(session.defaultSession, trustedOrigins)
  hardenAllWebContents((url) => trustedOrigins.some((o) => url.startsWith(`${o}/`)))

  const secrets = await chooseSecretStore(env.secretStore)
  const notifier = createNativeNotifier({
    clock: systemClock,
    iconPath: icons.windowIcon,
    window: () => ({
      windowVisible: !!win && !win.isDestroyed() && win.isVisible() && !win.isMinimized(),
      windowFocused: !!win && !win.isDestroyed() && win.isFocused(),
    }),
    activate: (roomKey) => {
      showWindow(win)
      if (roomKey) openRoom(roomKey)
    },
  })

  const chat = createChatService({
    secretStore: secrets.store,
    keychainUnavailableReason: secrets.unavailableReason,
    notifier,
    createWebSocket: createWsSocket,
    clock: systemClock,
    defaultServer: launch.defaultServer ?? env.defaultServer ?? undefined,
    openExternal: (url) => void openExternalSafely(url),
    copyText: (text) => clipboard.writeText(text),
    settings: {
      messageNotifications: settings.get().messageNotifications,
      mentionNotifications: settings.get().mentionNotifications,
      // Localization: the user's choice, and the OS's language that 'system' follows.
      locale: settings.get().locale,
      logLevel: settings.get().logLevel,
      systemLocale: app.getLocale(),
    },
    onSettingsChanged: (next) => {
      settings.update({
        messageNotifications: next.messageNotifications,
        mentionNotifications: next.mentionNotifications,
        locale: next.locale,
        logLevel: next.logLevel,
      })
      // The chat service switched main's language: the menu and tray follow.
      relocalize()
    },
    log: { main: logs.main, renderer: logs.renderer },
    transportConsent: transportConsentFrom(settings),
    // One SQLite file per account under userData/stores (0700 folder, 0600 files).
    // Live writes are committed on a writer thread (out/main/store-writer.js).
    openStore: (account) =>
      openAccountStore({
        dir: app.getPath('userData'),
        ...account,
        writerEntry: join(__dirname, 'store-writer.js'),
      }),
    profiles: createProfileCache(app.getPath('userData'), (error) =>
      console.error('could not save the profile of the signed-in account', error),
    ),
  })
  service = chat
  // Before the window exists: the page and the avatars it shows come from this handler.
  serveRenderer(session.defaultSession, join(__dirname, '../renderer'), chat.avatars)

  // Updates: checked on start and every few hours in a packaged build; the menu and tray follow.
  let refreshMenu: (update: ReturnType<typeof updateMenuItem>) => void = () => undefined
  const updater: Updater = createAppUpdater(logs.main, (phase) => {
    refreshMenu(updateMenuItem(phase))
    updateTray()
  })
  const updateTray = (): void => {
    const model = buildTrayModel(chat.trayState(), {
      startAtLogin,
      startAtLoginSupported: loginItem.supported,
      update: updateTrayItem(updater.phase()),
    })
    tray?.update(model)
    app.emit(TRAY_UPDATED_EVENT, model)
  }
  chat.onEvents(() => updateTray())
  relocalize = () => {
    refreshMenu(updateMenuItem(updater.phase()))
    updateTray()
  }

  const trust = { origins: trustedOrigins, webContentsIds: new Set<number>() }
  const handle: HandleFn = (channel, listener) =>
    ipcMain.handle(channel, (event, ...args: unknown[]) => listener(event, ...args))
  const emit: EmitFn = (channel, payload) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload)
  }
  const stopIpc = registerIpc(
    handle,
    emit,
    chat,
    (sender) => isTrustedSender(describeSender(sender), trust),
    logs.main.scoped('ipc'),
  )

  try {
    tray = createAppTray(icons.trayDir, {
      open: () => showWindow(win),
      openRoom: (roomKey) => {
        showWindow(win)
        openRoom(roomKey)
      },
      action: (id) => {
        if (id === 'quit') app.quit()
        else if (id === 'sign-out') void Promise.resolve(chat.signOut()).catch(problems)
        else if (id === 'restart-to-update') updater.restartToUpdate()
        else showWindow(win)
      },
      setStartAtLogin: (enabled) => {
        startAtLogin = loginItem.set(enabled)
        updateTray()
      },
    })
  } catch (error) {
    // Without a tray there is nothing to hide to: closing the window will quit instead.
    problems(`no system tray available (${String(error)}); closing the window quits`)
  }

  win = createMainWindow({
    settings,
    preloadPath: join(__dirname, '../preload/index.js'),
    iconPath: icons.windowIcon,
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    hidden: launch.hidden,
    isQuitting: () => quitting,
    hasTray: () => tray !== null,
    devTools: !app.isPackaged,
  })
  trust.webContentsIds.add(win.webContents.id)
  // While the user is not looking, even the open room collects unread messages.
  const mainWindow = win
  const reportFocus = (): void =>
    chat.setWindowFocused(mainWindow.isVisible() && mainWindow.isFocused())
  mainWindow.on('focus', reportFocus)
  mainWindow.on('blur', reportFocus)
  mainWindow.on('show', reportFocus)
  mainWindow.on('hide', reportFocus)
  reportFocus()
  // Desktop conventions: zoom remembered per window, spell-check in the OS languages, the menu.
  const zoom = attachZoom(mainWindow, 'main', settings)
  attachContextMenu(mainWindow)
  configureSpellCheck(session.defaultSession, logs.main.scoped('spellcheck'))
  refreshMenu = installAppMenu(
    {
      'close-window': () => win?.hide(),
      quit: () => app.quit(),
      'zoom-in': () => zoom.apply('zoom-in'),
      'zoom-out': () => zoom.apply('zoom-out'),
      'zoom-reset': () => zoom.apply('zoom-reset'),
      about: () => void showAboutDialog(win).catch(problems),
      'open-logs-folder': () => void logs.openFolder().catch(problems),
      'check-for-updates': () => void checkForUpdates(updater, win).catch(problems),
      'restart-to-update': () => updater.restartToUpdate(),
    },
    !app.isPackaged,
  )
  refreshMenu(updateMenuItem(updater.phase()))
  updateTray()
  updater.start()

  // Sleep and network loss leave sockets waiting out a backoff; reconnect as soon as we can.
  powerMonitor.on('resume', () => chat.nudge())
  powerMonitor.on('unlock-screen', () => chat.nudge())
  const online = watchOnline({
    isOnline: () => net.isOnline(),
    onBackOnline: () => chat.nudge(),
    clock: systemClock,
  })

  app.on('before-quit', () => {
    quitting = true
    updater.stop()
    online.stop()
    stopIpc()
  })
  app.on('will-quit', (event) => {
    if (disposed) return
    // Close sockets cleanly (code 1000) before exiting; quit again once that is done.
    event.preventDefault()
    disposed = true
    tray?.destroy()
    void chat
      .dispose()
      .catch(problems)
      .finally(() => app.quit())
  })

  // The window shows itself when ready (unless --hidden); a room link only needs opening.
  if (launch.openRoom) openRoom(launch.openRoom)
  await chat.start()
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this profile: it receives our argv through 'second-instance'.
  app.quit()
} else {
  app.on('second-instance', (_event, argv) => {
    const request = parseLaunchArgs(argv)
    for (const problem of request.problems) console.warn(`EduSphere: ${problem}`)
    handleLaunch(request)
  })
  app.on('activate', () => showWindow(win))
  // While Electron gets ready the main thread is idle: load the store's engine now, not at start.
  preloadSqlEngine()
  // The window hides instead of closing, so this only fires when there was no tray to hide to.
  app.on('window-all-closed', () => app.quit())
  app
    .whenReady()
    .then(startApp)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      console.error('EduSphere failed to start:', error)
      dialog.showErrorBox(text('app.startFailed'), message)
      app.exit(1)
    })
}
