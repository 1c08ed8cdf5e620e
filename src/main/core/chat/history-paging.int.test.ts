/**
 * Older pages on the real chat service, its real store (libsql) and the real local server: the
 * open delivers the newest window only, each loadOlder the page right before the oldest message
 * the reader has (from the store), until the beginning of the room; an edit and a delete of
 * messages outside the window reach the store and so the pages; without a store main holds more.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../../../server/test-support'
import type { ChatEvent, ChatMessage } from '../../../shared/ipc-contract'
import { EduSphereApi } from '../session/edusphere-api'
import { openAccountStore } from '../store/account-store'
import { tempDir } from '../store/store-fixtures'
import type { TestClient } from '../test-support/chat-harness'
import { signedInClient } from '../test-support/chat-harness'
import { seedHistory } from '../test-support/seed-history'
import { OLDER_PAGE_SIZE, WINDOW_SIZE } from './history/history-window'

const GENERAL = 'alice/general'
const SEEDED = 1000
const skip = process.env.EDUSPHERE_URL ? EXTERNAL_SKIP_REASON : null
if (skip) console.log(`history paging test ${skip}`)

let server: TestServer | null = null
let dataDir = ''
const clients: TestClient[] = []
const cleanups: (() => void)[] = []

beforeAll(async () => {
  if (skip) return
  dataDir = mkdtempSync(join(tmpdir(), 'edusphere-paging-'))
  server = await startTestServer({ dataDir })
  await server.stop()
  seedHistory(dataDir, SEEDED)
  await server.start()
}, 60_000)
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()))
  for (const fn of cleanups.splice(0)) fn()
})
afterAll(async () => {
  await server?.dispose()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

function withStore() {
  const { dir, cleanup } = tempDir('edusphere-profile-')
  cleanups.push(cleanup)
  return {
    openStore: (account: { origin: string; username: string }) =>
      openAccountStore({ dir, ...account }),
  }
}

type Older = Extract<ChatEvent, { kind: 'older-messages-loaded' }>
const olderEvents = (c: TestClient): Older[] =>
  c.events.filter((e): e is Older => e.kind === 'older-messages-loaded')

/** Pages back to the beginning; returns every page, oldest page last. */
async function pageToStart(c: TestClient): Promise<Older[]> {
  const pages: Older[] = []
  for (;;) {
    const oldest = c.messages(GENERAL)[0]
    if (!oldest) throw new Error('nothing shown')
    const before = olderEvents(c).length
    await c.service.loadOlder(GENERAL, oldest.id)
    const page = await c.waitFor(() => olderEvents(c)[before], 'the older page')
    pages.push(page)
    if (!page.hasOlder) return pages
  }
}

async function allBodies(): Promise<string[]> {
  return (await new EduSphereApi(server!.url).history(null, 'alice', 'general')).map((r) => r.body)
}

describe.skipIf(skip !== null)('older pages of a long room', () => {
  it('opens with the newest window, then pages back to the beginning in order (store)', async () => {
    const { alice } = demoUsers
    const c = await signedInClient(server!.url, alice.email, alice.password, GENERAL, withStore())
    clients.push(c)
    const reset = c.events.find((e) => e.kind === 'messages-reset')
    expect(reset).toMatchObject({ hasOlder: true })
    expect(reset?.kind === 'messages-reset' && reset.messages.length).toBe(WINDOW_SIZE)
    const pages = await pageToStart(c)
    expect(pages[0]!.messages).toHaveLength(OLDER_PAGE_SIZE)
    // Each page ends right before the oldest message shown: the whole room, in order, once.
    const shown = c.messages(GENERAL).map((m: ChatMessage) => m.body)
    expect(shown).toEqual(await allBodies())
    expect(pages.at(-1)!.hasOlder).toBe(false)
  })

  it('an edit and a delete of messages outside the window reach the pages', async () => {
    const { alice, bob } = demoUsers
    const editor = await signedInClient(server!.url, alice.email, alice.password, GENERAL)
    clients.push(editor)
    const reader = await signedInClient(server!.url, bob.email, bob.password, GENERAL, withStore())
    clients.push(reader)
    // The editor has no store, so it holds the whole (short) room; the reader only its window.
    const old = editor.messages(GENERAL).filter((m) => m.own && m.body.startsWith('history line'))
    const [toEdit, toDelete] = [old[3]!, old[4]!]
    await editor.service.editMessage(GENERAL, toEdit.id, 'edited long after')
    await editor.service.deleteMessage(GENERAL, toDelete.id)
    await editor.waitFor(
      () => !editor.messages(GENERAL).some((m) => m.id === toDelete.id),
      'the delete applied',
    )
    // The reader holds only its window: nothing about either message reached it live.
    expect(reader.messages(GENERAL).some((m) => m.id === toEdit.id)).toBe(false)
    const upserts = reader.events.filter(
      (e) => e.kind === 'message-upserted' && e.message.id === toEdit.id,
    )
    expect(upserts).toEqual([])
    // One socket delivers in order: once this is shown, the edit and the delete were applied.
    const marker = `after the changes ${Date.now()}`
    await editor.service.sendMessage(GENERAL, marker)
    await reader.waitFor(() => reader.messages(GENERAL).some((m) => m.body === marker), 'marker')
    await pageToStart(reader)
    const shown = reader.messages(GENERAL)
    expect(shown.find((m) => m.id === toEdit.id)?.body).toBe('edited long after')
    expect(shown.some((m) => m.id === toDelete.id)).toBe(false)
    expect(shown.map((m) => m.body)).toEqual(await allBodies())
  })

  it('without a store main holds a larger window (this room whole)', async () => {
    const { bob } = demoUsers
    const c = await signedInClient(server!.url, bob.email, bob.password, GENERAL)
    clients.push(c)
    const reset = c.events.find((e) => e.kind === 'messages-reset')
    // Memory only: a larger window, and this room fits in it.
    expect(reset).toMatchObject({ hasOlder: false })
    expect(c.messages(GENERAL).map((m) => m.body)).toEqual(await allBodies())
  })
})
