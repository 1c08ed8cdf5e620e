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
  isAllowedPageRequest,
  mimeTypeFor,
  resolveAppFile,
} from './core/shell/app-origin'
import type { AvatarFetcher } from './core/media/avatar-fetcher'
import { AVATAR_ROUTE } from './core/media/avatar-path'
import { avatarResponse } from './core/media/avatar-route'
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

/**
 * Serves the built renderer from `rendererRoot` under app://edusphere/, with the CSP header, and
 * the signed-in server's avatars under app://edusphere/avatar/ (fetched by main).
 */
export function serveRenderer(
  session: Session,
  rendererRoot: string,
  avatars: AvatarFetcher,
): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method === 'GET' && request.url.startsWith(`${APP_ORIGIN}${AVATAR_ROUTE}`))
      return avatarResponse(avatars, request.url)
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
 * would leave the app: only our own origins load (avatars too come from app://, through main).
 */
export function hardenSession(session: Session, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedPageRequest(details.url, details.resourceType, trustedOrigins)
    // Requests the main process makes itself (net.fetch) have no webContents and are not ours to police.
    const fromPage = details.webContentsId !== undefined
    callback({ cancel: fromPage && !allowed })
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
