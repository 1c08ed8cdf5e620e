import { describe, expect, it } from 'vitest'
import { AuthorCache, messageFromHistory, messageFromNew } from './message-view'
import { BASE, ROOM, newFrame, row } from '../test-support/chat-fixtures'

// A room member (or the server) chooses what `userAvatar`/`avatar` says; the renderer must only
// ever get an app-origin avatar URL, or none.

const ctx = { baseUrl: BASE, roomKey: ROOM, me: 'alice' }

describe('authors in the view model', () => {
  it('a tracking avatar URL in a live frame gives no avatar at all', () => {
    for (const userAvatar of [
      'https://tracker.example/p.png?who=alice',
      '//tracker.example/p.png',
      'avatars/../../api/csrf/',
    ]) {
      const m = messageFromNew(newFrame('hi', 'bob', { userAvatar }), ctx)
      expect(m.author.avatarUrl, userAvatar).toBeNull()
      const cached = messageFromNew(newFrame('hi', 'bob', { userAvatar }), {
        ...ctx,
        authors: new AuthorCache(BASE),
      })
      expect(cached.author.avatarUrl, userAvatar).toBeNull()
    }
  })

  it('a storage path becomes the app route that main serves', () => {
    const m = messageFromHistory(row('1', 'hi', 'bob'), ctx)
    expect(m.author.avatarUrl).toBe('/avatar/avatars%2Fbob.png')
  })
})
