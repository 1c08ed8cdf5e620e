/**
 * Avatar addresses: what the server says (a storage-relative path such as `avatars/bob.png`,
 * served under `{origin}/media/`) becomes a path main fetches itself, and the renderer only ever
 * gets `/avatar/<encoded path>` on its own app:// origin. Absolute URLs to other origins (a room
 * member's tracking pixel) are dropped, `..` and other path tricks are refused.
 */
import { AVATAR_ROUTE } from '../../../shared/avatar-url'

export { AVATAR_ROUTE }
/** Under this the server keeps its files. */
const MEDIA_PREFIX = '/media/'
/** Longer paths are not avatars. */
const MAX_PATH_LENGTH = 512

/**
 * A clean storage-relative path: empty and `.` segments dropped; null for `..`, backslashes,
 * control characters, `?`/`#` (no query strings reach the server) or an over-long path.
 */
function cleanRelative(raw: string): string | null {
  if (raw.length > MAX_PATH_LENGTH || /[\\?#]/.test(raw)) return null
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) return null
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0 || segments.includes('..')) return null
  return segments.join('/')
}

/**
 * The storage-relative path of an avatar on `origin`, or null when there is none or it points
 * anywhere else. An absolute URL counts only on exactly `origin`, under /media/, without a query.
 */
export function avatarPathOf(origin: string, avatar: string | null | undefined): string | null {
  const raw = avatar?.trim()
  if (!raw) return null
  if (!/^[a-z][a-z0-9+.-]*:/i.test(raw) && !raw.startsWith('//')) return cleanRelative(raw)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.origin !== origin || url.search || url.hash || !url.pathname.startsWith(MEDIA_PREFIX))
    return null
  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname.slice(MEDIA_PREFIX.length))
  } catch {
    return null
  }
  return cleanRelative(decoded)
}

/**
 * The avatar URL the renderer gets: same-origin (`/avatar/avatars%2Fbob.png`, i.e.
 * app://edusphere/avatar/… in the app), or null when there is no usable avatar.
 */
export function avatarUrlFor(origin: string, avatar: string | null | undefined): string | null {
  const path = avatarPathOf(origin, avatar)
  return path === null ? null : `${AVATAR_ROUTE}${encodeURIComponent(path)}`
}

/** The storage-relative path an `/avatar/…` request asks for, or null when it is not one. */
export function avatarPathFromRequest(requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (!url.pathname.startsWith(AVATAR_ROUTE)) return null
  const encoded = url.pathname.slice(AVATAR_ROUTE.length)
  if (!encoded || encoded.includes('/')) return null
  try {
    return cleanRelative(decodeURIComponent(encoded))
  } catch {
    return null
  }
}

/** The URL main fetches for a clean path: each segment encoded, under `{origin}/media/`. */
export function mediaUrlOf(origin: string, path: string): string {
  return `${origin}${MEDIA_PREFIX}${path.split('/').map(encodeURIComponent).join('/')}`
}
