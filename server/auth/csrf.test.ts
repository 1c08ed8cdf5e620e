import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  checkCsrf,
  csrfCookie,
  csrfFailurePage,
  csrfSecretOf,
  maskCsrfSecret,
  newCsrfSecret,
} from './csrf'
import { parseCookies, serializeCookie } from './cookies'

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

  it('the failure page is HTML and escapes the reason', () => {
    const page = csrfFailurePage('Origin <b>')
    expect(page).toMatch(/^<!DOCTYPE html>/)
    expect(page).toContain('CSRF verification failed')
    expect(page).toContain('Origin &#60;b&#62;')
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
  it('formats the JWT cookie exactly as the real server', () => {
    expect(serializeCookie('JWT', 't', { maxAge: 600, httpOnly: true, sameSite: 'Lax' })).toBe(
      'JWT=t; HttpOnly; Max-Age=600; Path=/; SameSite=Lax',
    )
  })
})
