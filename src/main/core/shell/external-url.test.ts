import { describe, expect, it } from 'vitest'
import { safeExternalUrl } from './external-url'

describe('safeExternalUrl', () => {
  it('allows http and https links, normalised', () => {
    expect(safeExternalUrl('https://edusphere.example.org/rooms')).toBe(
      'https://edusphere.example.org/rooms',
    )
    expect(safeExternalUrl('HTTP://Example.COM')).toBe('http://example.com/')
  })

  it('refuses every other scheme', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'smb://server/share',
      'ms-settings:',
      'app://edusphere/index.html',
      'mailto:a@b.c',
    ]) {
      expect(safeExternalUrl(url), url).toBeNull()
    }
  })

  it('refuses credentials, garbage, non-strings and huge inputs', () => {
    expect(safeExternalUrl('https://user:pw@evil.example/')).toBeNull()
    expect(safeExternalUrl('https://google.com@evil.example/')).toBeNull()
    expect(safeExternalUrl('not a url')).toBeNull()
    expect(safeExternalUrl(42)).toBeNull()
    expect(safeExternalUrl('https://a.b/' + 'x'.repeat(3000))).toBeNull()
  })
})
