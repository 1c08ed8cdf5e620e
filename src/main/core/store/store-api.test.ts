import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AccountStore } from './account-store'
import { messageAt, messages, openOrThrow, roomFixture, tempDir } from './store-fixtures'
import { storeFileOf } from './store-files'
import type { NewOutboxEntry, StoreNotice } from './store-types'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

function setup(username = 'alice', origin = 'http://127.0.0.1:8000') {
  const { dir, cleanup } = tempDir()
  const opened: AccountStore[] = []
  const open = (who = username, from = origin) => {
    const result = openOrThrow({ dir, origin: from, username: who })
    opened.push(result.store)
    return result
  }
  cleanups.push(() => {
    for (const s of opened) s.close()
    cleanup()
  })
  return { dir, open }
}

const text = (clientId: string, roomKey = 'alice/general'): NewOutboxEntry => ({
  clientId,
  roomKey,
  kind: 'text',
  body: `hello ${clientId}`,
  messageId: null,
  created: 1_000,
})

describe('account store files', () => {
  it('keeps each account in its own 0600 file inside a 0700 folder', () => {
    const { dir, open } = setup()
    const { store, notice } = open()
    expect(notice).toBeNull()
    store.outbox.put(text('c1')) // makes SQLite create its -wal and -shm files
    const file = store.file!
    expect(path.dirname(file)).toBe(path.join(dir, 'stores'))
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700)
    for (const suffix of ['', '-wal', '-shm']) {
      expect(fs.existsSync(file + suffix), suffix || 'main file').toBe(true)
      expect(fs.statSync(file + suffix).mode & 0o777, `mode of ${suffix || 'main file'}`).toBe(
        0o600,
      )
    }
    const other = open('bob').store
    expect(other.file).not.toBe(file)
    expect(other.outbox.list()).toEqual([])
    // The same server written differently is the same account.
    expect(storeFileOf(dir, { origin: 'HTTP://127.0.0.1:8000/', username: 'alice' })).toBe(file)
    expect(storeFileOf(dir, { origin: 'http://127.0.0.1:8001', username: 'alice' })).not.toBe(file)
  })

  it('tightens a folder that already exists with looser permissions', () => {
    const { dir, open } = setup()
    fs.mkdirSync(path.join(dir, 'stores'), { mode: 0o755 })
    fs.chmodSync(path.join(dir, 'stores'), 0o755)
    open()
    expect(fs.statSync(path.join(dir, 'stores')).mode & 0o777).toBe(0o700)
  })

  it('destroy (sign-out) deletes the account files and leaves other accounts alone', () => {
    const { dir, open } = setup()
    const { store } = open()
    const bob = open('bob').store
    store.outbox.put(text('c1'))
    bob.outbox.put(text('b1'))
    const file = store.file!
    store.destroy()
    const left = fs.readdirSync(path.join(dir, 'stores'))
    expect(left.some((name) => name.startsWith(path.basename(file)))).toBe(false)
    expect(bob.outbox.list().map((e) => e.clientId)).toEqual(['b1'])
    expect(open().store.outbox.list()).toEqual([])
  })

  it('everything survives close and reopen', () => {
    const { open } = setup()
    const first = open().store
    first.rooms.replaceAll([roomFixture('general'), roomFixture('maths')])
    first.history.upsertMany('alice/general', messages(0, 50))
    first.outbox.put(text('c1'))
    first.outbox.markInFlight('c1', 2_000)
    first.readMarks.set('alice/general', { messageId: 'm-1', createdUs: 42 })
    first.drafts.set('alice/maths', 'half a thought')
    first.close()

    const again = open().store
    expect(again.rooms.list().map((r) => r.slug)).toEqual(['general', 'maths'])
    expect(again.history.count('alice/general')).toBe(50)
    expect(again.outbox.list()).toMatchObject([
      { clientId: 'c1', state: 'in-flight', firstSentAt: 2_000 },
    ])
    expect(again.readMarks.get('alice/general')).toEqual({ messageId: 'm-1', createdUs: 42 })
    expect(again.drafts.get('alice/maths')).toBe('half a thought')
  })
})

describe('checkpoints', () => {
  it('commits leave the WAL alone until checkpoint() folds it into the file', () => {
    const { open } = setup()
    const { store } = open()
    const file = store.file!
    store.history.upsertMany('alice/general', messages(0, 2_000))
    const before = fs.statSync(file).size
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(before)
    store.checkpoint()
    expect(fs.statSync(file).size).toBeGreaterThan(before)
    expect(store.history.count('alice/general')).toBe(2_000)
    store.close()
    store.checkpoint() // after close: nothing to do, no throw
  })
})

describe('outbox', () => {
  it('keeps entries in the order they were accepted, through every state', () => {
    const { open } = setup()
    const { store } = open()
    expect(store.outbox.put(text('c1'))).toBe(true)
    expect(store.outbox.put(text('c2', 'alice/maths'))).toBe(true)
    const edit: NewOutboxEntry = {
      clientId: 'c3',
      roomKey: 'alice/general',
      kind: 'edit',
      body: 'fixed',
      messageId: 'ABC',
      created: 3,
    }
    store.outbox.put(edit)
    store.outbox.put({ ...edit, clientId: 'c4', kind: 'delete', body: null })
    expect(store.outbox.list().map((e) => e.clientId)).toEqual(['c1', 'c2', 'c3', 'c4'])
    expect(store.outbox.list('alice/general').map((e) => e.clientId)).toEqual(['c1', 'c3', 'c4'])

    expect(store.outbox.markInFlight('c1', 100)).toBe(true)
    expect(store.outbox.markQueued('c1')).toBe(true)
    expect(store.outbox.markInFlight('c1', 200)).toBe(true)
    // The first send time is kept: history matching looks from the first attempt on.
    expect(store.outbox.list()[0]).toMatchObject({ state: 'in-flight', firstSentAt: 100 })
    expect(store.outbox.markFailed('c2', 'Message is too long')).toBe(true)
    expect(store.outbox.list()[1]).toMatchObject({ state: 'failed', error: 'Message is too long' })
    expect(store.outbox.list()[2]).toMatchObject({ kind: 'edit', messageId: 'ABC', body: 'fixed' })
    expect(store.outbox.list()[3]).toMatchObject({ kind: 'delete', body: null })

    expect(store.outbox.remove('c1')).toBe(true)
    expect(store.outbox.remove('c1')).toBe(false)
    expect(store.outbox.markInFlight('nope', 1)).toBe(false)
    expect(store.outbox.list().map((e) => e.clientId)).toEqual(['c2', 'c3', 'c4'])
  })

  it('a second put of the same client id changes nothing', () => {
    const { open } = setup()
    const { store } = open()
    store.outbox.put(text('c1'))
    store.outbox.markInFlight('c1', 5)
    expect(store.outbox.put({ ...text('c1'), body: 'other' })).toBe(true)
    expect(store.outbox.list()).toMatchObject([
      { clientId: 'c1', body: 'hello c1', state: 'in-flight' },
    ])
  })
})

describe('rooms, read marks and drafts', () => {
  it('replaceAll keeps the fetched order and forgets rooms no longer joined', () => {
    const { open } = setup()
    const { store } = open()
    store.rooms.replaceAll([roomFixture('a'), roomFixture('b'), roomFixture('c')])
    store.history.upsertMany('alice/b', messages(0, 3))
    store.drafts.set('alice/b', 'draft')
    store.readMarks.set('alice/b', { messageId: 'x', createdUs: 1 })
    store.outbox.put(text('c1', 'alice/b'))
    store.rooms.replaceAll([roomFixture('c'), roomFixture('a')])
    expect(store.rooms.list().map((r) => r.slug)).toEqual(['c', 'a'])
    expect(store.history.count('alice/b')).toBe(0)
    expect(store.drafts.get('alice/b')).toBe('')
    expect(store.readMarks.get('alice/b')).toBeNull()
    // Unsent messages are never dropped behind the user's back.
    expect(store.outbox.list('alice/b')).toHaveLength(1)
    store.rooms.upsert({ ...roomFixture('a'), name: 'Renamed' })
    store.rooms.upsert(roomFixture('d'))
    expect(store.rooms.list().map((r) => r.name)).toEqual(['Room c', 'Renamed', 'Room d'])
    store.rooms.remove('alice/c')
    expect(store.rooms.list().map((r) => r.slug)).toEqual(['a', 'd'])
  })

  it('an empty draft is forgotten; read marks move', () => {
    const { open } = setup()
    const { store } = open()
    store.drafts.set('alice/a', 'x')
    store.drafts.set('alice/a', '')
    expect(store.drafts.get('alice/a')).toBe('')
    const m = messageAt(5)
    store.readMarks.set('alice/a', { messageId: m.id, createdUs: 1 })
    store.readMarks.set('alice/a', { messageId: m.id, createdUs: 2 })
    expect(store.readMarks.get('alice/a')).toEqual({ messageId: m.id, createdUs: 2 })
  })
})

describe('errors while running', () => {
  it('a closed store answers with neutral values and reports, never throws', () => {
    const { open } = setup()
    const { store } = open()
    const notices: StoreNotice[] = []
    store.onNotice((n) => notices.push(n))
    store.close()
    expect(store.outbox.put(text('c1'))).toBe(false)
    expect(store.outbox.list()).toEqual([])
    expect(store.history.window('alice/a')).toEqual({ messages: [], hasOlder: false, oldest: null })
    expect(store.rooms.list()).toEqual([])
    expect(notices[0]).toEqual({
      kind: 'io-error',
      operation: 'outbox.put',
      reason: 'the store is closed',
    })
    expect(notices).toHaveLength(4)
  })
})
