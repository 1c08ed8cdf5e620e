import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { checkCsrf, csrfCookie, csrfSecretOf, maskCsrfSecret, newCsrfSecret } from './csrf'
import { expiredCookie, parseCookies, serializeCookie } from './cookies'
import { csrfFailurePage } from '../http/django-pages'

function req(headers: Record<string, string>): IncomingMessage {
  return { headers: { host: '127.0.0.1:8000', ...headers } } as unknown as IncomingMessage
}

describe('CSRF (Django rules)', () => {
  const secret = newCsrfSecret()
  const cookie = `csrftoken=${secret}`

  it('new secrets are 32 alphanumerics and differ', () => {
    expect(secret).toMatch(/^[a-zA-Z0-9]{32}$/)
    expect(newCsrfSecret()).not.toBe(secret)
  })

  it('passes with the cookie and an equal header', () => {
    expect(checkCsrf(req({ cookie, 'x-csrftoken': secret }))).toBeNull()
  })

  it('accepts the 64-character masked form of the same secret (header or cookie)', () => {
    const masked = maskCsrfSecret(secret)
    expect(masked).toHaveLength(64)
    expect(checkCsrf(req({ cookie, 'x-csrftoken': masked }))).toBeNull()
    expect(checkCsrf(req({ cookie: `csrftoken=${masked}`, 'x-csrftoken': secret }))).toBeNull()
    expect(csrfSecretOf(req({ cookie: `csrftoken=${masked}` }))).toBe(secret)
  })

  it.each([
    ['no cookie', {}, 'CSRF cookie not set.'],
    ['no header', { cookie }, 'CSRF token missing.'],
    [
      'short cookie',
      { cookie: 'csrftoken=abc', 'x-csrftoken': 'abc' },
      'CSRF cookie has incorrect length.',
    ],
    [
      'bad characters',
      { cookie: `csrftoken=${'!'.repeat(32)}`, 'x-csrftoken': secret },
      'CSRF cookie has invalid characters.',
    ],
    [
      'short header',
      { cookie, 'x-csrftoken': 'abc' },
      "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length.",
    ],
    [
      'other header',
      { cookie, 'x-csrftoken': newCsrfSecret() },
      "CSRF token from the 'X-Csrftoken' HTTP header incorrect.",
    ],
  ])('%s -> %s', (_what, headers, reason) => {
    expect(checkCsrf(req(headers))).toBe(reason)
  })

  it('Origin must match the Host or a trusted origin; null never matches', () => {
    const ok = { cookie, 'x-csrftoken': secret }
    expect(checkCsrf(req({ ...ok, origin: 'http://127.0.0.1:8000' }))).toBeNull()
    expect(checkCsrf(req({ ...ok, origin: 'http://localhost' }))).toBeNull()
    expect(checkCsrf(req({ ...ok, origin: 'http://127.0.0.1' }))).toBeNull()
    expect(checkCsrf(req({ ...ok, origin: 'null' }))).toBe(
      'Origin checking failed - null does not match any trusted origins.',
    )
    expect(checkCsrf(req({ ...ok, origin: 'http://localhost:9999' }))).toMatch(
      /^Origin checking failed/,
    )
    expect(checkCsrf(req({ ...ok, origin: 'https://127.0.0.1:8000' }))).toMatch(
      /^Origin checking failed/,
    )
  })

  it("the failure page is Django's (DEBUG off): never shows the reason, explains a missing cookie", () => {
    const page = csrfFailurePage('Origin checking failed - http://evil does not match')
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(page).toContain(
      '  <h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>\n\n\n</div>\n',
    )
    expect(page).toContain('<p><small>More information is available with DEBUG=True.</small></p>')
    expect(page).not.toContain('evil')
    expect(page).not.toContain('requires a CSRF cookie')
    expect(csrfFailurePage('CSRF cookie not set.')).toContain(
      'This cookie is required for security reasons',
    )
  })

  it('the cookie line has a year-long Max-Age, Path=/ and SameSite=Lax', () => {
    expect(csrfCookie(secret)).toMatch(
      new RegExp(`^csrftoken=${secret}; expires=.+; Max-Age=31449600; Path=/; SameSite=Lax$`),
    )
  })
})

describe('cookies', () => {
  it('parses a Cookie header, first occurrence wins, quotes stripped', () => {
    const jar = parseCookies('a=1; b="two"; a=3; junk; c=')
    expect([...jar]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['c', ''],
    ])
    expect(parseCookies(undefined).size).toBe(0)
  })
  it('formats the JWT cookie exactly as the real server, expires included', () => {
    const now = Date.UTC(2026, 0, 1)
    expect(serializeCookie('JWT', 't', { maxAge: 600, httpOnly: true, sameSite: 'Lax' }, now)).toBe(
      'JWT=t; expires=Thu, 01 Jan 2026 00:10:00 GMT; HttpOnly; Max-Age=600; Path=/; SameSite=Lax',
    )
  })
  it("formats the clearing cookie exactly as Django's delete_cookie (no SameSite)", () => {
    expect(expiredCookie('JWT')).toBe(
      'JWT=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
    )
  })
})
