/**
 * The renderer's home: a privileged `app://edusphere/` scheme serving the built renderer files
 * with a strict CSP header. Pure Node: the path and policy decisions live here, tested; the shell
 * registers the scheme and streams the files.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

/** The custom scheme the renderer loads from. */
export const APP_SCHEME = 'app'
/** The one host under it. */
export const APP_HOST = 'edusphere'
/** Our page's origin: the only one trusted to call IPC. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The CSP header sent with every renderer file. It repeats the policy in index.html's meta tag
 * (a header also covers what a meta tag cannot, like frame-ancestors). connect-src 'none': the
 * renderer has no network access; all traffic goes through the main process. Images come from
 * the app itself only: main fetches avatars from the signed-in server and serves them under
 * app://edusphere/avatar/, so no server or room member can make the page load a remote image.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
}

/** The Content-Type for a served file; unknown types are served as opaque bytes. */
export function mimeTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps an `app://edusphere/...` request to a file inside `rendererRoot`, or null (→ 404) for any
 * other scheme or host, and for a path that would escape the root (`..`, encoded or not).
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  if (path === '/' || path === '') path = '/index.html'
  const root = resolve(rendererRoot)
  const file = resolve(root, '.' + path)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) return null
  return file
}

/**
 * Whether a request the page makes may go out (the network filter behind the CSP, in case a
 * policy is ever loosened by mistake): only our own origins (the app, the dev server), devtools,
 * and data: fonts. No remote images: avatars come through main.
 */
export function isAllowedPageRequest(
  url: string,
  resourceType: string,
  trustedOrigins: readonly string[],
): boolean {
  if (url.startsWith('devtools:')) return true
  if (url.startsWith('data:')) return resourceType === 'font'
  let origin: string
  try {
    origin = new URL(url).origin
  } catch {
    return false
  }
  // A custom scheme's URL has an opaque ('null') origin in Node: compare its prefix instead.
  if (url.startsWith(`${APP_ORIGIN}/`)) return true
  return origin !== 'null' && trustedOrigins.includes(origin)
}
