import { describe, expect, it } from 'vitest'
import { REDACTED, isSensitiveKey, redactText, redactValue } from './redact'

// A real-shaped JWT (header.payload.signature, base64url): what the server's tokenAuth returns.
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VybmFtZSI6ImFsaWNlIiwiZXhwIjoxNzAwMDAwMDAwfQ.' +
  'V1rLq3Gv8t0bT2m9kq9bJmQ0w0yW3bqQY0r9m5Xz1aE'

describe('redactText', () => {
  it.each([
    [`token ${JWT} expired`, JWT],
    [`Authorization: JWT ${JWT}`, JWT],
    ['authorization: Bearer abc.def-123', 'abc.def-123'],
    ['GET /graphql/ with "Authorization": "JWT s3cr3t-value"', 's3cr3t-value'],
    ['Cookie: sessionid=abc123; csrftoken=xyz789', 'abc123'],
    ['Cookie: sessionid=abc123; csrftoken=xyz789', 'xyz789'],
    ['set-cookie: csrftoken=Qw3rty; Path=/', 'Qw3rty'],
    ['{"email":"a@b.c","password":"hunter2!"}', 'hunter2!'],
    ["{'password': 'pa ss'}", 'pa ss'],
    ['password=hunter2&email=a', 'hunter2'],
    ['refreshToken: r3fr3sh', 'r3fr3sh'],
    ['wss://host/ws/chat/alice/general/?token=t0k3n', 't0k3n'],
    ['variables {"token":"opaque-123"}', 'opaque-123'],
    ['csrfmiddlewaretoken=mw-token-1', 'mw-token-1'],
    [`a JWT alone: ${JWT.split('.').slice(0, 2).join('.')}`, JWT.split('.')[1]!],
  ])('cuts the secret out of %j', (text, secret) => {
    const out = redactText(text)
    expect(out).not.toContain(secret)
    expect(out).toContain(REDACTED)
  })

  it('leaves ordinary text alone', () => {
    for (const text of [
      'session signed-in',
      'connection reconnecting (attempt 2)',
      'Please enter valid credentials',
      'Message exceeds 500 characters.',
      'http://127.0.0.1:8000/graphql/ answered 200',
    ])
      expect(redactText(text)).toBe(text)
  })
})

describe('redactValue', () => {
  it('replaces every value under a sensitive key, whatever it holds', () => {
    const out = redactValue({
      email: 'alice@example.com',
      password: 'pass-1234',
      nested: { Token: { deep: 'x' }, refresh_token: 'r', Authorization: ['JWT a'] },
      message: { body: 'my private words', id: '1' },
      draft: 'half typed',
      'Set-Cookie': 'c=1',
    })
    const text = JSON.stringify(out)
    for (const secret of [
      'pass-1234',
      '"deep"',
      '"r"',
      'JWT a',
      'my private words',
      'half typed',
      'c=1',
    ])
      expect(text).not.toContain(secret)
    expect(out).toMatchObject({ email: 'alice@example.com', message: { id: '1' } })
  })

  it("redacts a chat frame's message (the body), not an error's", () => {
    expect(redactValue({ type: 'text', message: 'hello there' })).toEqual({
      type: 'text',
      message: REDACTED,
    })
    expect(redactValue({ code: 'forbidden', message: 'Not allowed' })).toEqual({
      code: 'forbidden',
      message: 'Not allowed',
    })
  })

  it('scans strings anywhere in the value, errors included', () => {
    const error = new Error(`refresh failed for ${JWT}`)
    const text = JSON.stringify(redactValue({ list: [`JWT ${JWT}`], error }))
    expect(text).not.toContain(JWT)
    expect(text).toContain('refresh failed for')
  })

  it('survives cycles, depth, breadth, long strings and odd values without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 20; i++) deep = (deep.next = {}) as Record<string, unknown>
    const out = redactValue({
      cyclic,
      root,
      wide: Array.from({ length: 200 }, (_, i) => i),
      long: 'x'.repeat(10_000),
      odd: [undefined, 10n, () => 1, Symbol('s')],
    })
    const text = JSON.stringify(out)
    expect(text).toContain('[cycle]')
    expect(text).toContain('[too deep]')
    expect(text).toContain('150 more')
    expect(text.length).toBeLessThan(5000)
    expect(out).toMatchObject({ odd: [null, '10', '[function]', '[symbol]'] })
  })

  it('knows sensitive keys whatever their case or separators', () => {
    for (const key of ['PASSWORD', 'access-token', 'Refresh_Token', 'X-CSRFToken', 'Body'])
      expect(isSensitiveKey(key)).toBe(true)
    for (const key of ['email', 'room', 'status', 'id', 'server'])
      expect(isSensitiveKey(key)).toBe(false)
  })
})
