/** Search and reveal on a real store (libsql): the scan finds, orders, limits and escapes. */
import { afterEach, describe, expect, it } from 'vitest'
import { messageAt, messages, openOrThrow, tempDir } from '../store/store-fixtures'
import { likePattern } from './search-repo'

const ROOM = 'alice/general'
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

function openStore() {
  const { dir, cleanup } = tempDir()
  const { store } = openOrThrow({ dir, origin: 'http://127.0.0.1:8000', username: 'alice' })
  cleanups.push(() => {
    store.close()
    cleanup()
  })
  return store
}

describe('store search', () => {
  it('finds messages holding every term, newest first, in one room or all', () => {
    const store = openStore()
    store.history.replaceAll(ROOM, [
      messageAt(1, { body: 'The Proof of lemma 2' }),
      messageAt(2, { body: 'no match here' }),
      messageAt(3, { body: 'proof without the other word' }),
      messageAt(4, { body: 'LEMMA and proof again' }),
    ])
    store.history.upsertMany('bob/other', [messageAt(5, { body: 'a proof of a lemma' })])
    const inRoom = store.search.find(['proof', 'lemma'], ROOM, 10)
    expect(inRoom.map((h) => h.message.body)).toEqual([
      'LEMMA and proof again',
      'The Proof of lemma 2',
    ])
    const all = store.search.find(['proof', 'lemma'], null, 10)
    expect(all.map((h) => h.roomKey)).toEqual(['bob/other', ROOM, ROOM])
    expect(store.search.find(['proof'], null, 2)).toHaveLength(2)
  })

  it("takes LIKE's wildcards and the escape character literally", () => {
    const store = openStore()
    store.history.replaceAll(ROOM, [
      messageAt(1, { body: '100% sure' }),
      messageAt(2, { body: '100 sure' }),
      messageAt(3, { body: 'snake_case' }),
      messageAt(4, { body: 'snakeXcase' }),
      messageAt(5, { body: 'a\\b' }),
    ])
    const bodies = (term: string) => store.search.find([term], ROOM, 10).map((h) => h.message.body)
    expect(bodies('0%')).toEqual(['100% sure'])
    expect(bodies('e_c')).toEqual(['snake_case'])
    expect(bodies('\\')).toEqual(['a\\b'])
    expect(likePattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%')
  })

  it('reads the window around a message, oldest first, and null for an unknown id', () => {
    const store = openStore()
    const all = messages(0, 500)
    store.history.replaceAll(ROOM, all)
    const target = all[250]!
    const around = store.search.around(ROOM, target.id.toUpperCase(), 10) ?? []
    expect(around.map((m) => m.body)).toEqual(all.slice(240, 261).map((m) => m.body))
    const edge = store.search.around(ROOM, all[2]!.id, 10) ?? []
    expect(edge[0]?.body).toBe('message 0')
    expect(edge).toHaveLength(13)
    expect(store.search.around(ROOM, 'no-such-id', 10)).toBeNull()
    expect(store.search.around('bob/other', target.id, 10)).toBeNull()
  })
})
