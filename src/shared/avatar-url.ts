/**
 * The avatar route of the app's own origin: main serves `/avatar/<encoded storage path>` (over
 * app://edusphere in the app), fetched from the signed-in server. Shared so the renderer can
 * refuse to point an image anywhere else, whatever a view model says.
 */

/** The route of the app's own origin that serves avatars (app://edusphere/avatar/…). */
export const AVATAR_ROUTE = '/avatar/'

/** `url` when it is an app avatar URL (`/avatar/<one encoded segment>`), else null. */
export function appAvatarSrc(url: string | null | undefined): string | null {
  if (!url?.startsWith(AVATAR_ROUTE)) return null
  const encoded = url.slice(AVATAR_ROUTE.length)
  return /^[^/\\?#]+$/.test(encoded) && encoded !== '.' && encoded !== '..' ? url : null
}
