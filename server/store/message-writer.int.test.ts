/** The writer thread against a real SQLite file: group commit, ordering, flush on close. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_FILE, openDatabase, Store } from './db'
import { InlineMessageWriter, ThreadMessageWriter } from './message-writer'

let dir: string
let store: Store
let roomId: string
let userId: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'edusphere-writer-'))
  store = new Store(openDatabase(dir))
  userId = randomUUID()
  roomId = randomUUID()
  store.insertUser({
    id: userId,
    email: 'w@example.com',
    username: 'w',
    name: null,
    password: 'x',
    avatar: '',
  })
  store.insertRoom({
    id: roomId,
    host_id: userId,
    topic_id: null,
    name: 'W',
    slug: 'w',
    description: null,
    created: 1,
    updated: 1,
  })
})
afterEach(() => {
  store.db.close()
  rmSync(dir, { recursive: true, force: true })
})

function row(n: number) {
  return {
    id: randomUUID(),
    room_id: roomId,
    user_id: userId,
    body: `m${n}`,
    created: n,
    updated: n,
  }
}

describe('ThreadMessageWriter', () => {
  it('commits a burst of writes (batched) and reports rows changed', async () => {
    const writer = new ThreadMessageWriter(join(dir, DB_FILE), new InlineMessageWriter(store))
    const rows = Array.from({ length: 500 }, (_, i) => row(i + 1))
    const results = await Promise.all(rows.map((r) => writer.write({ op: 'insert', row: r })))
    expect(results.every((n) => n === 1)).toBe(true)
    // Committed: visible to the main connection as soon as the writes resolved.
    expect(store.messages(roomId).map((m) => m.body)).toEqual(rows.map((r) => r.body))
    const target = rows[0]!.id
    const [upd, del, again] = await Promise.all([
      writer.write({ op: 'update', id: target, body: 'edited', updated: 999 }),
      writer.write({ op: 'delete', id: target }),
      writer.write({ op: 'update', id: target, body: 'too late', updated: 1000 }),
    ])
    expect([upd, del, again]).toEqual([1, 1, 0])
    await writer.close()
  })

  it('close() flushes queued writes before the thread exits', async () => {
    const writer = new ThreadMessageWriter(join(dir, DB_FILE), new InlineMessageWriter(store))
    const pending = Array.from({ length: 50 }, (_, i) =>
      writer.write({ op: 'insert', row: row(i) }),
    )
    await writer.close()
    await Promise.all(pending)
    expect(store.messages(roomId)).toHaveLength(50)
  })

  it('a failing write is reported alone; the rest of its batch commits', async () => {
    const writer = new ThreadMessageWriter(join(dir, DB_FILE), new InlineMessageWriter(store))
    const good = row(1)
    const bad = { ...row(2), room_id: 'no-such-room' } // violates the foreign key
    const [a, b] = await Promise.allSettled([
      writer.write({ op: 'insert', row: good }),
      writer.write({ op: 'insert', row: bad }),
    ])
    expect(a.status).toBe('fulfilled')
    expect(b.status).toBe('rejected')
    expect(store.messages(roomId).map((m) => m.id)).toEqual([good.id])
    await writer.close()
  })

  it('after the thread is gone, writes fall back to the main connection', async () => {
    const writer = new ThreadMessageWriter(join(dir, DB_FILE), new InlineMessageWriter(store))
    await writer.close()
    expect(await writer.write({ op: 'insert', row: row(7) })).toBe(1)
    expect(store.messages(roomId)).toHaveLength(1)
  })
})
