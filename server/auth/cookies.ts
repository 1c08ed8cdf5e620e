/** Request cookie parsing and Set-Cookie formatting, the way Django writes them. */

/** Parses a Cookie header into name → value (first occurrence wins, like Django). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>()
  if (!header) return jar
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1)
    if (name && !jar.has(name)) jar.set(name, value)
  }
  return jar
}

/** Options of one Set-Cookie line. */
export interface CookieOptions {
  maxAge: number
  httpOnly?: boolean
  sameSite?: 'Lax' | 'Strict'
}

/**
 * Formats a Set-Cookie value like Django's `set_cookie(max_age=…)`, which always adds the matching
 * `expires` (an HTTP date) and writes the attributes in Python's sorted order:
 * `JWT=<token>; expires=Thu, 01 Jan 2026 00:10:00 GMT; HttpOnly; Max-Age=600; Path=/; SameSite=Lax`.
 */
export function serializeCookie(
  name: string,
  value: string,
  opts: CookieOptions,
  nowMs = Date.now(),
): string {
  const parts = [`${name}=${value}`]
  parts.push(`expires=${new Date(nowMs + opts.maxAge * 1000).toUTCString()}`)
  if (opts.httpOnly) parts.push('HttpOnly')
  parts.push(`Max-Age=${opts.maxAge}`, 'Path=/')
  if (opts.sameSite) parts.push(`SameSite=${opts.sameSite}`)
  return parts.join('; ')
}

/** A Set-Cookie line that deletes a cookie, as Django's `delete_cookie` writes it (no SameSite). */
export function expiredCookie(name: string): string {
  return `${name}=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`
}
