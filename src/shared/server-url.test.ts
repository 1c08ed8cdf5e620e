import { describe, expect, it } from 'vitest'
import { checkServerUrl } from './server-url'

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
