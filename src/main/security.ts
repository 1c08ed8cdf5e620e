/**
 * Electron's security checklist, applied in one place: the app:// scheme with a CSP header, a
 * session that grants no permissions and makes no renderer network requests, and web contents
 * that can neither open windows nor navigate away. Decisions live in core/ (tested); this file
 * only attaches them to Electron.
 */
import { readFile } from 'node:fs/promises'
import type { Session, WebContents } from 'electron'
import { app, protocol, shell } from 'electron'
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  mimeTypeFor,
  resolveAppFile,
} from './core/shell/app-origin'
import { safeExternalUrl } from './core/shell/external-url'

/** Must run before `ready`: makes app:// a standard, secure origin (storage, relative URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
}

/** Serves the built renderer from `rendererRoot` under app://edusphere/, with the CSP header. */
export function serveRenderer(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererRoot, request.url)
    if (!file || request.method !== 'GET') return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        status: 200,
        headers: { 'content-type': mimeTypeFor(file), ...SECURITY_HEADERS },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}

/**
 * Denies every permission (camera, notifications from the page, geolocation…: the renderer needs
 * none; native notifications come from the main process), and cancels renderer requests that
 * would leave the app: only our own origins load, plus images (avatars on the user's server).
 */
export function hardenSession(session: Session, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onBeforeRequest((details, callback) => {
    let origin: string | null = null
    try {
      origin = new URL(details.url).origin
    } catch {
      origin = null
    }
    const ours =
      details.url.startsWith(`${APP_ORIGIN}/`) ||
      (origin !== null && trustedOrigins.includes(origin)) ||
      details.url.startsWith('devtools:') ||
      details.url.startsWith('data:')
    const image = details.resourceType === 'image' && /^https?:/.test(details.url)
    // Requests the main process makes itself (net.fetch) have no webContents and are not ours to police.
    const fromPage = details.webContentsId !== undefined
    callback({ cancel: fromPage && !ours && !image })
  })
  // The dev server's responses get the same CSP header the app:// handler sets.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders }
    if (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame')
      headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
    callback({ responseHeaders: headers })
  })
}

/** Opens a link in the user's browser when it is http(s); anything else is dropped. */
export function openExternalSafely(url: string): boolean {
  const safe = safeExternalUrl(url)
  if (safe) void shell.openExternal(safe)
  return safe !== null
}

/**
 * No new windows, no navigation away from our page, no <webview>: every web contents created
 * gets these handlers. Links the page tries to open go to the browser instead (http(s) only).
 */
export function hardenAllWebContents(isOwnPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (isOwnPage(url) && url === contents.getURL()) return // a reload of our own page
      event.preventDefault()
      openExternalSafely(url)
    })
    contents.on('will-redirect', (event, url) => {
      if (!isOwnPage(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}
