/**
 * The one rule for what a user may type as the server address, shared so the sign-in form
 * accepts exactly what main accepts: main signs in with the origin, the form shows the problem.
 */
import { serverAddressText } from './user-text'

/**
 * True for a host name that never leaves this machine: `localhost`, 127.0.0.0/8 and ::1 (as URL
 * hostnames write them, `[::1]`, or bare). Names that merely contain them (`127.0.0.1.nip.io`,
 * `localhost.example.org`) resolve through DNS to anywhere, so they are not loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255)
}

/**
 * How an origin's traffic travels: `encrypted` (https), `loopback` (http that stays on this
 * machine) or `unencrypted` (http across a network: the password, the token and the socket cookie
 * in clear text, allowed only after the user confirms it for that origin). Anything that does not
 * parse counts as unencrypted, never as safe.
 */
export type Transport = 'encrypted' | 'loopback' | 'unencrypted'

/** The transport of a server origin (see Transport). */
export function transportOf(origin: string): Transport {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return 'unencrypted'
  }
  if (url.protocol === 'https:') return 'encrypted'
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? 'loopback' : 'unencrypted'
}

/** The `host[:port]` to name in the unencrypted-connection warning, or null when encrypted/local. */
export function unencryptedHost(origin: string): string | null {
  if (transportOf(origin) !== 'unencrypted') return null
  try {
    return new URL(origin).host
  } catch {
    return origin
  }
}

/** The server's origin (no trailing slash), or the reason the address cannot be used. */
export type ServerUrlCheck = { ok: true; origin: string } | { ok: false; problem: string }

/**
 * Normalises a typed server address to its origin. Without a scheme, loopback hosts get http://
 * and everything else https://. Only http(s) is allowed, without credentials. Whether plain http
 * may be used is a separate decision (transportOf), made with the user's consent.
 */
export function checkServerUrl(input: string): ServerUrlCheck {
  const trimmed = input.trim()
  if (!trimmed) return { ok: false, problem: serverAddressText.empty }
  let text = trimmed
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = text.split(/[/:?#]/, 1)[0] ?? ''
    text = `${isLoopbackHost(host) || text.startsWith('[::1]') ? 'http' : 'https'}://${text}`
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
