import { afterEach, describe, expect, it } from 'vitest'
import { cursorOf, NEWEST_PAGE_SQL, OLDER_PAGE_SQL } from './history-repo'
import { openSqlite } from './sqlite'
import { isoAt, messageAt, messages, openOrThrow, tempDir } from './store-fixtures'
import type { StoredMessage } from './store-types'

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

const bodies = (list: StoredMessage[]) => list.map((m) => m.body)

describe('history windows', () => {
  it('reads the newest page by default, then older pages by cursor, down to the first', () => {
    const store = openStore()
    store.history.replaceAll(ROOM, messages(0, 1_050))
    store.history.upsertMany('alice/other', messages(0, 10))
    const newest = store.history.window(ROOM)
    expect(newest.messages).toHaveLength(200)
    expect(newest.messages.at(-1)?.body).toBe('message 1049')
    expect(newest.messages[0]?.body).toBe('message 850')
    expect(newest.hasOlder).toBe(true)

    const seen: string[] = []
    let before = null
    for (;;) {
      const page = store.history.window(ROOM, { before, limit: 300 })
      seen.unshift(...bodies(page.messages))
      if (!page.hasOlder) break
      before = page.oldest
    }
    expect(seen).toEqual(Array.from({ length: 1_050 }, (_, i) => `message ${i}`))
    expect(store.history.window('alice/empty')).toEqual({
      messages: [],
      hasOlder: false,
      oldest: null,
    })
  })

  it('messages with the same timestamp are ordered by id, and paging never skips one', () => {
    const store = openStore()
    const same = isoAt(Date.UTC(2026, 0, 2) * 1000)
    const list = ['0c', '0a', '0B', '0d', '0e'].map((id, i) => ({
      ...messageAt(i),
      id,
      created: same,
    }))
    store.history.upsertMany(ROOM, list)
    const newest = store.history.window(ROOM, { limit: 2 })
    expect(newest.messages.map((m) => m.id)).toEqual(['0d', '0e'])
    const older = store.history.window(ROOM, { limit: 2, before: newest.oldest })
    expect(older.messages.map((m) => m.id)).toEqual(['0B', '0c'])
    const oldest = store.history.window(ROOM, { limit: 2, before: older.oldest })
    expect(oldest.messages.map((m) => m.id)).toEqual(['0a'])
    expect(oldest.hasOlder).toBe(false)
  })

  it('a limit out of range is clamped, never an error', () => {
    const store = openStore()
    store.history.upsertMany(ROOM, messages(0, 10))
    expect(store.history.window(ROOM, { limit: 0 }).messages).toHaveLength(1)
    expect(store.history.window(ROOM, { limit: -5 }).messages).toHaveLength(1)
    expect(store.history.window(ROOM, { limit: Number.NaN }).messages).toHaveLength(10)
    expect(store.history.window(ROOM, { limit: 2.7 }).messages).toHaveLength(2)
  })

  it('reads the newest window in key order, without sorting the room (10k messages)', () => {
    const store = openStore()
    store.history.replaceAll(ROOM, messages(0, 10_000))
    expect(store.history.count(ROOM)).toBe(10_000)
    const db = openSqlite(store.file!)
    try {
      const plan = (sql: string) =>
        db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all({ room: ROOM, cu: 0, id: '', limit: 200 })
          .map((row) => String(row['detail']))
          .join(' | ')
      for (const p of [plan(NEWEST_PAGE_SQL), plan(OLDER_PAGE_SQL)]) {
        // The table is kept in (room, time, id) order: a window is a range of its primary key.
        expect(p).toMatch(/SEARCH messages USING PRIMARY KEY \(room=\?/)
        // Only the page itself (at most `limit` rows) is put in order, never the room.
        expect(p).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
      }
      // Edits, deletes and upserts find a message by id through the unique index, never a scan.
      expect(plan('SELECT body FROM messages WHERE room = :room AND id_key = :id')).toContain(
        'messages_by_id',
      )
    } finally {
      db.close()
    }
  })
})

describe('history rows that do not read back', () => {
  it('a row of the wrong type is reported and the window comes back empty, never thrown', () => {
    const store = openStore()
    store.history.upsertMany(ROOM, messages(0, 5))
    const notices: string[] = []
    store.onNotice((n) => notices.push(n.kind === 'io-error' ? n.reason : n.kind))
    const db = openSqlite(store.file!)
    db.prepare("UPDATE messages SET edited = 'yes' WHERE room = :room").run({ room: ROOM })
    db.close()
    expect(store.history.window(ROOM)).toEqual({ messages: [], hasOlder: false, oldest: null })
    expect(notices).toEqual(['column edited is not a number'])
  })
})

describe('history changes', () => {
  it('replaceAll stores the fetched history and drops what the server no longer has', () => {
    const store = openStore()
    store.history.replaceAll(ROOM, messages(0, 5))
    const next = [
      messageAt(0),
      { ...messageAt(2), body: 'edited away', edited: true },
      messageAt(9),
    ]
    store.history.replaceAll(ROOM, next)
    expect(bodies(store.history.window(ROOM).messages)).toEqual([
      'message 0',
      'edited away',
      'message 9',
    ])
    expect(store.history.window(ROOM).messages[1]?.edited).toBe(true)
    store.history.replaceAll(ROOM, [])
    expect(store.history.count(ROOM)).toBe(0)
  })

  it('ids match case-insensitively; a known client id is kept by later upserts', () => {
    const store = openStore()
    const mine = { ...messageAt(1), id: 'ABCDEF', clientId: 'client-1' }
    store.history.upsertMany(ROOM, [mine])
    store.history.upsertMany(ROOM, [{ ...mine, id: 'abcdef', clientId: null, body: 'again' }])
    expect(store.history.window(ROOM).messages).toMatchObject([
      { id: 'abcdef', body: 'again', clientId: 'client-1' },
    ])
    expect(
      store.history.applyEdit(ROOM, {
        id: 'AbCdEf',
        body: 'edited',
        edited: true,
        updated: isoAt(9),
      }),
    ).toBe(true)
    expect(store.history.newest(ROOM)).toMatchObject({ body: 'edited', edited: true })
    expect(store.history.byId(ROOM, 'ABCDEF')).toMatchObject({ id: 'abcdef', body: 'edited' })
    expect(store.history.byId('alice/other', 'abcdef')).toBeNull()
    expect(store.history.applyEdit(ROOM, { id: 'zz', body: 'x', edited: true, updated: '' })).toBe(
      false,
    )
    expect(store.history.applyDelete(ROOM, 'ABCDEF')).toBe(true)
    expect(store.history.applyDelete(ROOM, 'ABCDEF')).toBe(false)
    expect(store.history.newest(ROOM)).toBeNull()
  })

  it('counts unread messages from others after a read mark', () => {
    const store = openStore()
    const list = messages(0, 30) // every third is alice's
    store.history.upsertMany(ROOM, list)
    expect(store.history.countAfter(ROOM, null, 'alice')).toBe(20)
    expect(store.history.countAfter(ROOM, cursorOf(list[19]!), 'alice')).toBe(7)
    expect(store.history.countAfter(ROOM, cursorOf(list[29]!), null)).toBe(0)
  })
})
