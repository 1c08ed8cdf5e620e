import { describe, expect, it } from 'vitest'
import { checkServerUrl, isLoopbackHost, transportOf, unencryptedHost } from './server-url'

describe('checkServerUrl (the sign-in form and main use this one rule)', () => {
  it.each([
    ['http://localhost:8000/', 'http://localhost:8000'],
    ['localhost:8000', 'http://localhost:8000'],
    ['[::1]:8000', 'http://[::1]:8000'],
    ['edu.example.org/path', 'https://edu.example.org'],
  ])('%s -> %s', (input, origin) => {
    expect(checkServerUrl(input)).toEqual({ ok: true, origin })
  })

  it.each([
    ['  ', /Enter the server address/],
    ['ftp://x', /must start with http:\/\/ or https:\/\/ \(got ftp:\/\/\)/],
    ['http://u:p@x', /must not contain a user name or password/],
    ['http://exa mple.org', /not a valid server address/],
  ])('refuses %j with a specific problem', (input, problem) => {
    const checked = checkServerUrl(input)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.problem).toMatch(problem)
  })
})

describe('loopback hosts (plain http stays on this machine)', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '127.255.255.254', '[::1]', '::1'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  )

  it.each([
    '127.0.0.1.nip.io',
    'localhost.evil.example',
    'evil-localhost',
    '128.0.0.1',
    '10.0.0.1',
    '0.0.0.0',
    '[::2]',
    '',
  ])('%s is not loopback', (host) => expect(isLoopbackHost(host)).toBe(false))

  it('typed without a scheme, any 127.0.0.0/8 address gets http://', () => {
    expect(checkServerUrl('127.0.0.2:8000')).toEqual({ ok: true, origin: 'http://127.0.0.2:8000' })
    expect(checkServerUrl('localhost.example.org')).toEqual({
      ok: true,
      origin: 'https://localhost.example.org',
    })
  })
})

describe('transportOf (which origins need the "connect without encryption" consent)', () => {
  it.each([
    ['https://edu.example.org', 'encrypted'],
    ['http://localhost:8000', 'loopback'],
    ['http://127.0.0.1:8000', 'loopback'],
    ['http://127.9.9.9', 'loopback'],
    ['http://[::1]:8000', 'loopback'],
    ['http://edu.example.org', 'unencrypted'],
    ['http://127.0.0.1.nip.io:8000', 'unencrypted'],
    ['http://192.168.1.20:8000', 'unencrypted'],
    ['http://localhost.evil.example', 'unencrypted'],
  ] as const)('%s is %s', (origin, transport) => {
    expect(transportOf(origin)).toBe(transport)
  })

  it('treats anything unparsable as unencrypted (never as safe)', () => {
    expect(transportOf('not a url')).toBe('unencrypted')
  })

  it('names the host in the warning', () => {
    expect(unencryptedHost('http://edu.example.org:8000')).toBe('edu.example.org:8000')
    expect(unencryptedHost('https://edu.example.org')).toBeNull()
    expect(unencryptedHost('http://localhost:8000')).toBeNull()
  })
})
