import { describe, expect, it } from 'vitest'
import { appAvatarSrc } from '../../../shared/avatar-url'
import { avatarPathFromRequest, avatarPathOf, avatarUrlFor } from './avatar-path'

// A server (or a room member's profile) decides what the avatar field says; the app only ever
// turns it into a path under the signed-in server's /media/, served to the page over app://.

const ORIGIN = 'https://edu.example.org'

describe('avatarPathOf', () => {
  it.each([
    ['avatars/bob.png', 'avatars/bob.png'],
    ['/avatars/bob.png', 'avatars/bob.png'],
    ['avatars//./bob.png', 'avatars/bob.png'],
    ['avatars/b ob%41.png', 'avatars/b ob%41.png'],
    [`${ORIGIN}/media/avatars/bob.png`, 'avatars/bob.png'],
    [`${ORIGIN}/media/avatars/b%20ob.png`, 'avatars/b ob.png'],
  ])('%j -> %j', (avatar, path) => {
    expect(avatarPathOf(ORIGIN, avatar)).toBe(path)
  })

  it.each([
    ['no avatar', ''],
    ['a tracker on another origin', 'https://tracker.example/p.png?who=alice'],
    ['plain http to the tracker', 'http://tracker.example/p.png'],
    ['a protocol-relative URL', '//tracker.example/p.png'],
    ['the same host on another scheme', 'http://edu.example.org/media/avatars/bob.png'],
    ['the same host on another port', 'https://edu.example.org:8443/media/avatars/bob.png'],
    ['the same origin outside /media/', `${ORIGIN}/api/csrf/`],
    ['the same origin with a query', `${ORIGIN}/media/avatars/bob.png?who=alice`],
    ['a data: URL', 'data:image/png;base64,iVBORw0KGgo='],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a file: URL', 'file:///etc/passwd'],
    ['dot-dot', '../secret.png'],
    ['dot-dot inside', 'avatars/../../secret.png'],
    ['encoded dot-dot in a same-origin URL', `${ORIGIN}/media/avatars/%2E%2E/%2E%2E/x.png`],
    ['a backslash', 'avatars\\..\\x.png'],
    ['a NUL', 'avatars/x\u0000.png'],
    ['a query in a relative path', 'avatars/p.png?who=alice'],
    ['only slashes', '///'],
    ['a very long path', `avatars/${'a'.repeat(600)}.png`],
  ])('drops %s', (_what, avatar) => {
    expect(avatarPathOf(ORIGIN, avatar)).toBeNull()
  })

  it('drops null and undefined', () => {
    expect(avatarPathOf(ORIGIN, null)).toBeNull()
    expect(avatarPathOf(ORIGIN, undefined)).toBeNull()
  })
})

describe('avatarUrlFor (what the renderer gets)', () => {
  it('is a same-origin /avatar/ URL of the app, never the server', () => {
    expect(avatarUrlFor(ORIGIN, 'avatars/bob.png')).toBe('/avatar/avatars%2Fbob.png')
    expect(avatarUrlFor(ORIGIN, 'https://tracker.example/p.png?who=alice')).toBeNull()
    expect(avatarUrlFor(ORIGIN, '')).toBeNull()
  })

  it('round-trips through the app:// request', () => {
    for (const avatar of ['avatars/bob.png', 'a/b c/ü%2F.png', 'x.png']) {
      const url = avatarUrlFor(ORIGIN, avatar)!
      expect(appAvatarSrc(url), 'the renderer accepts it').toBe(url)
      expect(avatarPathFromRequest(new URL(url, 'app://edusphere/index.html').href)).toBe(
        avatarPathOf(ORIGIN, avatar),
      )
    }
  })
})

describe('avatarPathFromRequest', () => {
  it.each([
    'app://edusphere/avatar/..%2F..%2Fetc%2Fpasswd',
    'app://edusphere/avatar/%2E%2E',
    'app://edusphere/avatar/a%5C..%5Cx',
    'app://edusphere/avatar/a/b',
    'app://edusphere/avatar/',
    'app://edusphere/avatar/%E0%A4%A',
    'app://edusphere/avatar/x%00.png',
    'app://edusphere/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(avatarPathFromRequest(url)).toBeNull()
  })
})
