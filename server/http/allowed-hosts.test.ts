import { describe, expect, it } from 'vitest'
import { DEFAULT_ALLOWED_HOSTS, hostHeaderAllowed, hostnameAllowed } from './allowed-hosts'

describe("ALLOWED_HOSTS matching (Django's validate_host)", () => {
  it.each([
    ['localhost:8000', true],
    ['LOCALHOST', true],
    ['127.0.0.1:1', true],
    ['[::1]:8000', true],
    ['localhost.:8000', true],
    ['evil.example', false],
    ['127.0.0.2', false],
    ['localhost:80:80', false],
    ['bad host', false],
    ['', false],
    [undefined, false],
  ])('Host %s -> %s with the defaults', (host, allowed) => {
    expect(hostHeaderAllowed(host, DEFAULT_ALLOWED_HOSTS)).toBe(allowed)
  })

  it('supports * and leading-dot subdomain patterns', () => {
    expect(hostHeaderAllowed('anything.example:1', ['*'])).toBe(true)
    expect(hostHeaderAllowed('bad host', ['*'])).toBe(true)
    expect(hostnameAllowed('a.school.test', ['.school.test'])).toBe(true)
    expect(hostnameAllowed('school.test', ['.school.test'])).toBe(true)
    expect(hostnameAllowed('evilschool.test', ['.school.test'])).toBe(false)
  })
})
