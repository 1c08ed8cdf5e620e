import { describe, expect, it } from 'vitest'
import { appAvatarSrc } from './avatar-url'

describe('appAvatarSrc (the only image URLs the renderer uses)', () => {
  it.each(['/avatar/avatars%2Fbob.png', '/avatar/x.png', '/avatar/.hidden%2Fa.png'])(
    'keeps %s',
    (url) => expect(appAvatarSrc(url)).toBe(url),
  )

  it.each([
    null,
    '',
    'https://tracker.example/p.png?who=alice',
    'http://127.0.0.1:8000/media/avatars/bob.png',
    '//tracker.example/avatar/x.png',
    'data:image/png;base64,iVBORw0KGgo=',
    'app://evil/avatar/x.png',
    '/avatar/',
    '/avatar/..',
    '/avatar/a/b',
    '/avatar/a?who=alice',
    '/avatar/a#x',
    '/avatar/a\\b',
    '/index.html',
  ])('refuses %j', (url) => expect(appAvatarSrc(url)).toBeNull())
})
