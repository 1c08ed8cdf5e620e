/**
 * The store's writer thread, for real: a worker thread with its own libsql connection to a store
 * file in a temp folder. What it is handed is committed in order and seen by the main
 * connection after settle(); close() commits everything first; a writer that cannot start hands
 * its writes to the main connection and says so.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openAccountStore } from '../account-store'
import { messages, tempDir } from '../store-fixtures'
import type { StoreNotice } from '../store-types'
import { SOURCE_WRITER_ENTRY } from '../../test-support/writer-entry'
import { waitUntil } from '../../test-support/wait'

const ROOM = 'alice/general'
const account = { origin: 'http://127.0.0.1:8000', username: 'alice' }
const cleanups: (() => void)[] = []
afterEach(() => {
  // Last in, first out: a store closes before its folder goes.
  for (const fn of cleanups.splice(0).reverse()) fn()
})

function open(writerEntry: string, dir = tempDir('edusphere-writer-')) {
  cleanups.push(dir.cleanup)
  const { store } = openAccountStore({ dir: dir.dir, ...account, writerEntry })
  if (!store) throw new Error('no store')
  const notices: StoreNotice[] = []
  store.onNotice((n) => notices.push(n))
  cleanups.push(() => store.close())
  return { store, notices, dir }
}

describe('the store writer thread', () => {
  it('commits what it is handed, in order, and the main connection sees it after settle', () => {
    const { store, notices } = open(SOURCE_WRITER_ENTRY)
    const rows = messages(0, 500)
    store.background.write([{ op: 'replace', roomKey: ROOM, messages: rows.slice(0, 300) }])
    store.background.write([
      { op: 'upsert', roomKey: ROOM, messages: rows.slice(300) },
      { op: 'edit', roomKey: ROOM, edit: { ...rows[10]!, body: 'edited', edited: true } },
      { op: 'delete', roomKey: ROOM, id: rows[11]!.id },
      { op: 'read-mark', roomKey: ROOM, mark: { messageId: rows[499]!.id, createdUs: 1 } },
      { op: 'draft', roomKey: ROOM, body: 'half a thought' },
      { op: 'checkpoint' },
    ])
    store.background.settle()
    expect(store.history.count(ROOM)).toBe(499)
    expect(store.history.byId(ROOM, rows[10]!.id)).toMatchObject({ body: 'edited' })
    expect(store.history.byId(ROOM, rows[11]!.id)).toBeNull()
    expect(store.readMarks.get(ROOM)).toEqual({ messageId: rows[499]!.id, createdUs: 1 })
    expect(store.drafts.get(ROOM)).toBe('half a thought')
    expect(notices).toEqual([])
  })

  it('close commits everything handed over before the file is closed', () => {
    const dir = tempDir('edusphere-writer-')
    const first = open(SOURCE_WRITER_ENTRY, dir)
    first.store.background.write([{ op: 'upsert', roomKey: ROOM, messages: messages(0, 1000) }])
    first.store.close()
    const again = open(SOURCE_WRITER_ENTRY, dir)
    expect(again.store.history.count(ROOM)).toBe(1000)
  })

  it('a writer that cannot start is reported, and the main connection writes instead', async () => {
    const { dir, cleanup } = tempDir('edusphere-writer-entry-')
    cleanups.push(cleanup)
    const broken = path.join(dir, 'broken-writer.cjs')
    fs.writeFileSync(broken, "throw new Error('this writer cannot start')\n")
    const { store, notices } = open(broken)
    await waitUntil(() => notices.length > 0, 'the writer failure reported')
    expect(notices[0]).toMatchObject({
      kind: 'io-error',
      operation: 'writer',
      reason: expect.stringContaining('this writer cannot start'),
    })
    store.background.write([{ op: 'upsert', roomKey: ROOM, messages: messages(0, 10) }])
    store.background.settle()
    expect(store.history.count(ROOM)).toBe(10)
  })
})
