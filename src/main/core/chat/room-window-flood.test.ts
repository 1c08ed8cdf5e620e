/**
 * The open room's window during a live flood, on a real store (libsql in a temp folder): main
 * keeps its memory bounded by letting the oldest messages go to the store, the renderer still
 * gets every message once, changes to messages it was sent but main no longer holds still reach
 * it (from the stored copy), and it pages back from the store below main's window.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../shared/ipc-contract'
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import { openAccountStore } from '../store/account-store'
import { roomFixture, tempDir } from '../store/store-fixtures'
import {
  ALICE,
  BASE,
  deleteFrame,
  iso,
  newFrame,
  row,
  T0,
  updateFrame,
} from '../test-support/chat-fixtures'
import { FakeClock } from '../test-support/fake-clock'
import { FakeConnection } from '../test-support/fake-connection'
import { OLDER_PAGE_SIZE, TRIM_SLACK, WINDOW_SIZE } from './history/history-window'
import { RoomController } from './room-controller'
import { AccountData } from './service/account-data'

const room = roomFixture('general')
const KEY = 'alice/general'
const SEEDED = 1000
const FLOOD = 2000

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

const settle = () => new Promise((resolve) => setImmediate(resolve))

async function openRoomWithStore() {
  const { dir, cleanup } = tempDir('edusphere-flood-')
  const clock = new FakeClock()
  const data = new AccountData({
    clock,
    emit: () => undefined,
    open: (account) => openAccountStore({ dir, ...account }),
  })
  data.open(BASE, 'alice')
  cleanups.push(() => {
    data.close()
    cleanup()
  })
  const history: HistoryMessage[] = Array.from({ length: SEEDED }, (_, i) =>
    row(randomUUID(), `seeded ${i}`, 'bob', T0 + i),
  )
  const events: ChatEvent[] = []
  let conn: FakeConnection | null = null
  const controller = new RoomController({
    room,
    baseUrl: BASE,
    clock,
    notifier: { error: () => undefined },
    me: () => ALICE,
    newClientId: () => `local-${randomUUID()}`,
    fetchHistory: () => Promise.resolve(history),
    connect: (handlers) => (conn = new FakeConnection(handlers)),
    isActive: () => true,
    messageFromOther: () => undefined,
    emit: (e) => events.push(e),
    summaryChanged: () => undefined,
    persistence: data.forRoom(KEY),
  })
  const connection = conn as unknown as FakeConnection
  controller.start()
  connection.up()
  await settle()
  await controller.open()
  return { controller, connection, events, history }
}

/** `count` live messages from bob, each newer than everything before it. */
function flood(connection: FakeConnection, count: number): string[] {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const at = iso(T0 + 100_000 + i)
    const frame = newFrame(`live ${i}`, 'bob', { created: at, updated: at })
    ids.push(frame.id)
    connection.handlers.onFrame(frame)
  }
  return ids
}

const ofKind = <K extends ChatEvent['kind']>(events: ChatEvent[], kind: K) =>
  events.filter((e): e is Extract<ChatEvent, { kind: K }> => e.kind === kind)

describe('the open room during a live flood', () => {
  it('main holds a bounded window while the renderer gets every message once', async () => {
    const { controller, connection, events } = await openRoomWithStore()
    const [reset] = ofKind(events, 'messages-reset')
    expect(reset?.messages).toHaveLength(WINDOW_SIZE)
    const ids = flood(connection, FLOOD)
    const held = controller.timeline.messages
    expect(held.confirmedCount).toBeLessThanOrEqual(WINDOW_SIZE * TRIM_SLACK)
    expect(held.confirmedById(ids.at(-1)!)).toBeDefined()
    expect(held.confirmedById(ids[0]!)).toBeUndefined()
    const upserted = ofKind(events, 'message-upserted').map((e) => e.message.id)
    expect(upserted).toEqual(ids)
  })

  it('an edit and a delete of shown messages main let go still reach the renderer', async () => {
    const { controller, connection, events } = await openRoomWithStore()
    const [reset] = ofKind(events, 'messages-reset')
    const shownFirst = reset!.messages[0]!.id
    const ids = flood(connection, FLOOD)
    const held = controller.timeline.messages
    expect(held.confirmedById(shownFirst)).toBeUndefined()
    expect(held.confirmedById(ids[1]!)).toBeUndefined()
    const before = events.length

    connection.handlers.onFrame(updateFrame(shownFirst, 'edited after the flood'))
    connection.handlers.onFrame(deleteFrame(ids[1]!))
    expect(events.slice(before)).toEqual([
      expect.objectContaining({
        kind: 'message-upserted',
        message: expect.objectContaining({ id: shownFirst, body: 'edited after the flood' }),
      }),
      { kind: 'message-removed', roomKey: KEY, id: ids[1] },
    ])
    // Main still does not hold them: the store does, changed.
    expect(held.confirmedById(shownFirst)).toBeUndefined()
  })

  it('a change to a message the renderer was never sent sends nothing', async () => {
    const { connection, events, history } = await openRoomWithStore()
    const before = events.length
    connection.handlers.onFrame(updateFrame(history[5]!.id, 'edited far back'))
    connection.handlers.onFrame(deleteFrame(history[6]!.id))
    expect(events.slice(before)).toEqual([])
  })

  it('pages below main’s window come from the store and do not grow it', async () => {
    const { controller, connection, events } = await openRoomWithStore()
    const [reset] = ofKind(events, 'messages-reset')
    const readerOldest = reset!.messages[0]!
    flood(connection, FLOOD)
    const held = controller.timeline.messages.confirmedCount
    await controller.loadOlder(readerOldest.id)
    const [page] = ofKind(events, 'older-messages-loaded')
    expect(page?.messages).toHaveLength(OLDER_PAGE_SIZE)
    expect(page?.messages.at(-1)?.body).toBe(`seeded ${SEEDED - WINDOW_SIZE - 1}`)
    expect(page?.hasOlder).toBe(true)
    expect(controller.timeline.messages.confirmedCount).toBe(held)
  })

  it('while open, the pages the reader loaded stay in the window', async () => {
    const { controller, connection, events } = await openRoomWithStore()
    const [reset] = ofKind(events, 'messages-reset')
    await controller.loadOlder(reset!.messages[0]!.id)
    const paged = WINDOW_SIZE + OLDER_PAGE_SIZE
    expect(controller.timeline.messages.confirmedCount).toBe(paged)
    flood(connection, WINDOW_SIZE)
    expect(controller.timeline.messages.confirmedCount).toBe(paged + WINDOW_SIZE)
    // Leaving the room gives them back to the store.
    controller.close()
    expect(controller.timeline.messages.confirmedCount).toBe(WINDOW_SIZE)
  })
})
