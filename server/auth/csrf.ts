/**
 * Django's CSRF protection, reproduced: the `csrftoken` cookie holds a 32-character secret and every
 * POST must carry it back in `X-CSRFToken` (plain or in Django's 64-character masked form). Nothing is
 * stored server-side, exactly like Django: after a rotation the client's cookie jar holds the new
 * secret, so a request still sending the old header no longer matches and gets 403.
 */
import { randomInt } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { parseCookies, serializeCookie } from './cookies'
import { REASON_NO_CSRF_COOKIE } from '../http/django-pages'

/** Django's CSRF cookie name. */
export const CSRF_COOKIE = 'csrftoken'
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_LENGTH = 32
const ALNUM = /^[a-zA-Z0-9]+$/
/** Django's CSRF_COOKIE_AGE: one year. */
const COOKIE_AGE = 31_449_600
/** Origins trusted whatever the Host (CSRF_TRUSTED_ORIGINS of a local deployment). */
const TRUSTED_ORIGINS = new Set(['http://localhost', 'http://127.0.0.1'])

/** A fresh 32-character secret. */
export function newCsrfSecret(): string {
  let out = ''
  for (let i = 0; i < SECRET_LENGTH; i++) out += CHARS[randomInt(CHARS.length)]
  return out
}

/** Django's `_mask_cipher_secret`: the 64-character form a page would embed. */
export function maskCsrfSecret(secret: string, mask = newCsrfSecret()): string {
  let cipher = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    cipher += CHARS[(CHARS.indexOf(secret[i]!) + CHARS.indexOf(mask[i]!)) % CHARS.length]
  }
  return mask + cipher
}

function unmask(token: string): string {
  const mask = token.slice(0, SECRET_LENGTH)
  const cipher = token.slice(SECRET_LENGTH)
  let secret = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    const d = CHARS.indexOf(cipher[i]!) - CHARS.indexOf(mask[i]!)
    secret += CHARS[(d + CHARS.length) % CHARS.length]
  }
  return secret
}

function wellFormed(value: string): 'ok' | 'length' | 'chars' {
  if (value.length !== SECRET_LENGTH && value.length !== 2 * SECRET_LENGTH) return 'length'
  return ALNUM.test(value) ? 'ok' : 'chars'
}

/** The request's valid cookie secret, or null (absent or malformed). */
export function csrfSecretOf(req: IncomingMessage): string | null {
  const value = parseCookies(req.headers.cookie).get(CSRF_COOKIE)
  if (value === undefined || wellFormed(value) !== 'ok') return null
  return value.length === SECRET_LENGTH ? value : unmask(value)
}

/** True when the request carries a csrftoken cookie Django would reject and replace. */
export function hasMalformedCsrfCookie(req: IncomingMessage): boolean {
  const value = parseCookies(req.headers.cookie).get(CSRF_COOKIE)
  return value !== undefined && wellFormed(value) !== 'ok'
}

/** The Set-Cookie line carrying a CSRF secret. */
export function csrfCookie(secret: string): string {
  return serializeCookie(CSRF_COOKIE, secret, { maxAge: COOKIE_AGE, sameSite: 'Lax' })
}

/**
 * Checks one unsafe request. Returns null when it passes, else Django's failure reason (shown in
 * the 403 page). Order as in Django: Origin first, then the cookie, then the header.
 */
export function checkCsrf(req: IncomingMessage): string | null {
  const origin = req.headers.origin
  if (origin !== undefined) {
    const good = `http://${req.headers.host ?? ''}`
    if (origin !== good && !TRUSTED_ORIGINS.has(origin))
      return `Origin checking failed - ${origin} does not match any trusted origins.`
  }
  const cookie = parseCookies(req.headers.cookie).get(CSRF_COOKIE)
  if (cookie === undefined) return REASON_NO_CSRF_COOKIE
  const cookieForm = wellFormed(cookie)
  if (cookieForm !== 'ok')
    return cookieForm === 'length'
      ? 'CSRF cookie has incorrect length.'
      : 'CSRF cookie has invalid characters.'
  const header = req.headers['x-csrftoken']
  if (typeof header !== 'string' || header === '') return 'CSRF token missing.'
  const headerForm = wellFormed(header)
  if (headerForm !== 'ok')
    return headerForm === 'length'
      ? "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length."
      : "CSRF token from the 'X-Csrftoken' HTTP header has invalid characters."
  const secret = cookie.length === SECRET_LENGTH ? cookie : unmask(cookie)
  const given = header.length === SECRET_LENGTH ? header : unmask(header)
  if (given !== secret) return "CSRF token from the 'X-Csrftoken' HTTP header incorrect."
  return null
}
