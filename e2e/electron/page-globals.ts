/**
 * Typed views of globals inside the page and the main process, for `evaluate` callbacks: the e2e
 * code is type-checked as Node code (no DOM lib), and these say exactly what the specs touch.
 */
import type { Menu } from 'electron'
import type { TrayModel } from '../../src/main/core/shell/tray-model'
import type { ChatApi, ChatEvent } from '../../src/shared/ipc-contract'

/** The renderer's window, as far as the specs use it. */
export interface PageGlobals {
  edusphere: ChatApi
  /** Events a spec collected through window.edusphere.onEvents. */
  seenEvents?: ChatEvent[]
  require?: unknown
  process?: unknown
  inlineScriptRan?: boolean
  location: { href: string }
  document: {
    createElement(tag: 'script'): { textContent: string | null }
    head: { append(node: unknown): void }
  }
  open(url: string): unknown
  fetch(url: string): Promise<unknown>
  Notification: { requestPermission(): Promise<string> }
}

/** A notification the main-process spy recorded instead of showing. */
export interface ShownNotification {
  title: string
  body: string
}

/** What the specs keep in the main process's globalThis. */
export interface MainGlobals {
  shownNotifications?: ShownNotification[]
  notificationObjects?: { emit(event: 'click'): void; title: string; body: string }[]
  trayModels?: TrayModel[]
  trayMenus?: Menu[]
  openedExternally?: string[]
}
