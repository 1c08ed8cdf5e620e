/**
 * The one rule for what a user may type as the server address, shared so the sign-in form
 * accepts exactly what main accepts: main signs in with the origin, the form shows the problem.
 */
import { serverAddressText } from './user-text'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The server's origin (no trailing slash), or the reason the address cannot be used. */
export type ServerUrlCheck = { ok: true; origin: string } | { ok: false; problem: string }

/**
 * Normalises a typed server address to its origin. Without a scheme, local hosts get http://
 * and everything else https://. Only http(s) is allowed, without credentials.
 */
export function checkServerUrl(input: string): ServerUrlCheck {
  const trimmed = input.trim()
  if (!trimmed) return { ok: false, problem: serverAddressText.empty }
  let text = trimmed
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = text.split(/[/:?#]/, 1)[0]?.toLowerCase() ?? ''
    text = `${LOCAL_HOSTS.has(host) || text.startsWith('[::1]') ? 'http' : 'https'}://${text}`
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, problem: serverAddressText.invalid(trimmed) }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, problem: serverAddressText.scheme(url.protocol) }
  if (url.username || url.password) return { ok: false, problem: serverAddressText.credentials }
  if (!url.hostname) return { ok: false, problem: serverAddressText.noHost(trimmed) }
  return { ok: true, origin: url.origin }
}
