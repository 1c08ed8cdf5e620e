import { describe, expect, it } from 'vitest'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import { signJwt, verifyJwt } from './jwt'

const payload = { email: 'alice@example.com', exp: 1_000_600, origIat: 1_000_000 }

describe('HS256 JWT', () => {
  it('round-trips a payload', () => {
    const token = signJwt(payload, 's3cret')
    expect(verifyJwt(token, 's3cret', 1_000_000)).toEqual({ ok: true, payload })
  })

  it('writes a standard compact token (header alg HS256, typ JWT)', () => {
    const [head, body] = signJwt(payload, 'k').split('.')
    expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    })
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString())).toEqual(payload)
  })

  it('matches a known HS256 vector (interoperable with PyJWT)', async () => {
    // Recompute the signature independently with WebCrypto.
    const token = signJwt(payload, 'k')
    const [head, body, sig] = token.split('.') as [string, string, string]
    const key = await crypto.subtle.importKey(
      'raw',
      Buffer.from('k'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const mac = Buffer.from(await crypto.subtle.sign('HMAC', key, Buffer.from(`${head}.${body}`)))
    expect(mac.toString('base64url')).toBe(sig)
  })

  it('expires once exp <= now: "Signature has expired"', () => {
    const token = signJwt(payload, 'k')
    expect(verifyJwt(token, 'k', 1_000_599).ok).toBe(true)
    expect(verifyJwt(token, 'k', 1_000_600)).toEqual({
      ok: false,
      error: GraphQLErrorText.signatureExpired,
    })
  })

  it('a wrong key, tampered payload or garbage: "Error decoding signature"', () => {
    const token = signJwt(payload, 'k')
    const decoding = { ok: false, error: GraphQLErrorText.decodingError }
    expect(verifyJwt(token, 'other', 0)).toEqual(decoding)
    const [h, , s] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...payload, email: 'bob@example.com' })).toString(
      'base64url',
    )
    expect(verifyJwt(`${h}.${forged}.${s}`, 'k', 0)).toEqual(decoding)
    for (const junk of ['', 'abc', 'a.b', 'a.b.c', '...', `${h}.${forged}`])
      expect(verifyJwt(junk, 'k', 0)).toEqual(decoding)
  })

  it('an expired token with a bad signature is a decoding error (signature first)', () => {
    const token = signJwt(payload, 'k')
    expect(verifyJwt(token, 'other', 2_000_000)).toEqual({
      ok: false,
      error: GraphQLErrorText.decodingError,
    })
  })

  it('refuses alg none and other algorithms', () => {
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
    expect(verifyJwt(`${head}.${body}.`, 'k', 0).ok).toBe(false)
  })

  it('a signed payload without email is "Invalid payload"', () => {
    const token = signJwt({ exp: 5, origIat: 1 } as unknown as typeof payload, 'k')
    expect(verifyJwt(token, 'k', 0)).toEqual({ ok: false, error: 'Invalid payload' })
  })
})
