/**
 * A stand-in for the `electron` module, for the shell wiring test only: the Electron binary
 * cannot run on these machines. It records what the shell asks of Electron (windows, tray menus,
 * notifications, IPC handlers, protocol and session handlers) and lets the test play Electron's
 * part (ready, second instance, clicks, close, quit). Everything behind it is real.
 */
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

type Handler = (...args: unknown[]) => unknown

/** Electron's preventable event object. */
export interface FakeEvent {
  defaultPrevented: boolean
  preventDefault(): void
}

/** A preventable event, as Electron passes to 'close', 'will-navigate' and 'will-quit'. */
export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly sent: [string, unknown][] = []
  url = ''
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
  isLoading(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return false
  }
  getURL(): string {
    return this.url
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

export interface Recorder {
  windows: FakeBrowserWindow[]
  privilegedSchemes: unknown[]
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>
  permissionRequestHandler: Handler | null
  permissionCheckHandler: Handler | null
  beforeRequest: Handler | null
  ipcHandlers: Map<string, Handler>
  trays: FakeTray[]
  notifications: FakeNotification[]
  openedExternally: string[]
  /** Text written to the clipboard (clipboard.writeText). */
  copied: string[]
  errorBoxes: string[]
  badgeCounts: number[]
  appMenu: unknown
  quitCalls: number
  exitCode: number | null
  sandboxEnabled: boolean
  userDataPath: string | null
  // Desktop conventions: spell-check languages set, folders opened.
  spellCheckerLanguages: string[] | null
  openedPaths: string[]
}

export const recorder: Recorder = {
  windows: [],
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  beforeRequest: null,
  ipcHandlers: new Map(),
  trays: [],
  notifications: [],
  openedExternally: [],
  copied: [],
  errorBoxes: [],
  badgeCounts: [],
  appMenu: null,
  quitCalls: 0,
  exitCode: null,
  sandboxEnabled: false,
  userDataPath: null,
  spellCheckerLanguages: null,
  openedPaths: [],
}

let resolveReady: () => void = () => {}
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve
})

class FakeApp extends EventEmitter {
  isPackaged = false
  private paths = new Map<string, string>()
  /** The test's "Electron is ready" moment. */
  becomeReady(): void {
    resolveReady()
  }
  whenReady(): Promise<void> {
    return ready
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path)
    if (name === 'userData') recorder.userDataPath = path
  }
  getPath(name: string): string {
    // Like Electron on Linux: the logs folder is inside userData unless set.
    const userData = this.paths.get('userData')
    const path =
      this.paths.get(name) ?? (name === 'logs' && userData ? join(userData, 'logs') : null)
    if (!path) throw new Error(`fake electron: no path ${name}`)
    return path
  }
  getName(): string {
    return 'EduSphere Desktop'
  }
  getVersion(): string {
    return '0.1.0'
  }
  getLocale(): string {
    return 'en-US'
  }
  getPreferredSystemLanguages(): string[] {
    return ['de-CH', 'en-US']
  }
  setAppUserModelId(): void {}
  enableSandbox(): void {
    recorder.sandboxEnabled = true
  }
  requestSingleInstanceLock(): boolean {
    return true
  }
  setBadgeCount(count: number): boolean {
    recorder.badgeCounts.push(count)
    return true
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { openAtLogin: false }
  }
  setLoginItemSettings(): void {}
  /** Like Electron: before-quit, then will-quit (preventable); exits when nobody prevents it. */
  quit(): void {
    recorder.quitCalls++
    this.emit('before-quit', fakeEvent())
    const willQuit = fakeEvent()
    this.emit('will-quit', willQuit)
    if (!willQuit.defaultPrevented) recorder.exitCode = 0
  }
  exit(code = 0): void {
    recorder.exitCode = code
  }
}

export const app = new FakeApp()

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return recorder.windows.filter((w) => !w.destroyed)
  }
  readonly webContents = new FakeWebContents()
  visible = false
  focused = false
  minimized = false
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    recorder.windows.push(this)
    app.emit('web-contents-created', fakeEvent(), this.webContents)
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url
    queueMicrotask(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show(): void {
    this.visible = true
    this.emit('show')
  }
  hide(): void {
    const hadFocus = this.focused
    this.visible = false
    this.focused = false
    if (hadFocus) this.emit('blur')
    this.emit('hide')
  }
  focus(): void {
    this.focused = true
    this.emit('focus')
  }
  /** The user switched to another app. */
  blur(): void {
    this.focused = false
    this.emit('blur')
  }
  restore(): void {
    this.minimized = false
  }
  maximize(): void {}
  close(): void {
    const event = fakeEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroyed = true
  }
  isVisible(): boolean {
    return this.visible
  }
  isFocused(): boolean {
    return this.focused
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isMaximized(): boolean {
    return false
  }
  isFullScreen(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 10, y: 20, width: 900, height: 600 }
  }
}

/** A menu as built from its template (the template is what the test inspects). */
export interface FakeMenu {
  template: {
    label?: string
    id?: string
    type?: string
    enabled?: boolean
    checked?: boolean
    click?: Handler
  }[]
}

export class FakeTray extends EventEmitter {
  menus: FakeMenu[] = []
  tooltip = ''
  images: string[] = []
  destroyed = false
  constructor(image: { path: string }) {
    super()
    this.images.push(image.path)
    recorder.trays.push(this)
  }
  setImage(image: { path: string }): void {
    this.images.push(image.path)
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setContextMenu(menu: FakeMenu): void {
    this.menus.push(menu)
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    this.destroyed = true
  }
}

export class FakeNotification extends EventEmitter {
  static isSupported(): boolean {
    return true
  }
  readonly title: string
  readonly body: string
  shown = false
  constructor(options: { title: string; body: string }) {
    super()
    this.title = options.title
    this.body = options.body
  }
  show(): void {
    this.shown = true
    recorder.notifications.push(this)
  }
  /** Electron's close(): removes it from the screen and emits 'close'. */
  closed = false
  close(): void {
    this.closed = true
    this.emit('close')
  }
}

const defaultSession = {
  protocol: {
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      recorder.protocolHandlers.set(scheme, handler)
    },
  },
  setPermissionRequestHandler(handler: Handler) {
    recorder.permissionRequestHandler = handler
  },
  setPermissionCheckHandler(handler: Handler) {
    recorder.permissionCheckHandler = handler
  },
  availableSpellCheckerLanguages: ['de', 'de-CH', 'en-GB', 'en-US', 'fr'],
  setSpellCheckerLanguages(languages: string[]) {
    recorder.spellCheckerLanguages = languages
  },
  webRequest: {
    onBeforeRequest(handler: Handler) {
      recorder.beforeRequest = handler
    },
    onHeadersReceived() {},
  },
}

/** The module object handed to vi.mock('electron'). */
export const fakeElectronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: {
    buildFromTemplate: (template: FakeMenu['template']): FakeMenu => ({ template }),
    setApplicationMenu: (menu: unknown) => {
      recorder.appMenu = menu
    },
  },
  nativeImage: {
    createFromPath: (path: string) => ({ path, isEmpty: () => !existsSync(path) }),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) =>
      recorder.privilegedSchemes.push(...schemes),
  },
  session: { defaultSession },
  ipcMain: {
    handle: (channel: string, handler: Handler) => recorder.ipcHandlers.set(channel, handler),
  },
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  },
  shell: {
    openExternal: async (url: string) => {
      recorder.openedExternally.push(url)
    },
    openPath: async (path: string) => {
      recorder.openedPaths.push(path)
      return ''
    },
  },
  clipboard: {
    writeText: (text: string) => void recorder.copied.push(text),
  },
  dialog: {
    showErrorBox: (title: string, message: string) =>
      recorder.errorBoxes.push(`${title}: ${message}`),
  },
  net: { isOnline: () => true },
  powerMonitor: new EventEmitter(),
}
