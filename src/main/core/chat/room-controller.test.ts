/**
 * RoomController with a fake RoomConnection: the connection's own behaviour is tested with fake
 * and real sockets elsewhere; here we need to open, drop and feed frames on cue.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import type { HistoryMessage, Room } from '../../../shared/graphql-shapes'
import { ServerErrorText } from '../../../shared/frames'
import { INVALID_BURST_MS, RoomController, SYNC_RETRY_MS } from './room-controller'
import { ALICE, BASE, newFrame, row } from '../test-support/chat-fixtures'
import { FakeClock } from '../test-support/fake-clock'
import { FakeConnection } from '../test-support/fake-connection'

const room: Room = {
  id: randomUUID(),
  name: 'General',
  slug: 'general',
  description: null,
  created: '2026-01-01T00:00:00+00:00',
  topic: { name: 'Math' },
  host: { username: 'alice' },
  participants: [
    { id: '1', username: 'alice' },
    { id: '2', username: 'bob' },
  ],
}

function setup() {
  const clock = new FakeClock()
  const events: ChatEvent[] = []
  const notified: string[] = []
  const notifier = {
    error: (title: string, body: string) => notified.push(`error:${title}:${body}`),
  }
  let history: HistoryMessage[] = []
  let pendingFetch: { resolve: () => void; reject: (e: unknown) => void } | null = null
  let holdFetch = false
  let fetches = 0
  let conn: FakeConnection | null = null
  let n = 0
  const controller = new RoomController({
    room,
    baseUrl: BASE,
    clock,
    notifier,
    me: () => ALICE,
    newClientId: () => `local-${++n}`,
    fetchHistory: () => {
      fetches++
      if (!holdFetch) return Promise.resolve(history)
      return new Promise((resolve, reject) => {
        pendingFetch = { resolve: () => resolve(history), reject }
      })
    },
    connect: (handlers) => (conn = new FakeConnection(handlers)),
    isActive: () => false,
    messageFromOther: (author, body) => notified.push(`message:${author}:${body}`),
    emit: (e) => events.push(e),
    summaryChanged: () => undefined,
  })
  const connection = conn as unknown as FakeConnection
  return {
    clock,
    events,
    notified,
    controller,
    connection,
    setHistory: (rows: HistoryMessage[]) => (history = rows),
    hold: (on: boolean) => (holdFetch = on),
    release: () => pendingFetch?.resolve(),
    fail: (e: unknown) => pendingFetch?.reject(e),
    fetches: () => fetches,
  }
}

/** Lets awaited promises settle. */
const settle = () => new Promise((r) => setImmediate(r))

describe('RoomController', () => {
  it('buffers live frames during the history fetch and applies them after it, in order', async () => {
    const t = setup()
    const old = randomUUID()
    t.setHistory([row(old, 'old', 'bob')])
    t.hold(true)
    t.controller.start()
    expect(t.connection.opened).toBe(1)
    t.connection.up()
    const opening = t.controller.open()
    const live = newFrame('live', 'bob')
    t.connection.handlers.onFrame(live)
    t.connection.handlers.onFrame({
      type: 'chat_message',
      action: 'update',
      id: old,
      body: 'old, edited',
      edited: true,
      updated: live.updated,
    })
    const clientId = t.controller.send('typed during the fetch')
    expect(t.connection.sent).toHaveLength(0) // not before history is in sync
    t.release()
    await opening
    // The open room's history crosses once, with everything that happened during the fetch.
    const messageEvents = t.events.filter((e) => e.kind.startsWith('message'))
    expect(messageEvents.map((e) => e.kind)).toEqual(['messages-reset'])
    const [reset] = messageEvents
    if (reset?.kind !== 'messages-reset') throw new Error('expected a reset')
    expect(reset.messages.map((m) => m.body)).toEqual([
      'old, edited',
      'live',
      'typed during the fetch',
    ])
    expect(t.controller.timeline.messages.list().map((m) => m.body)).toEqual([
      'old, edited',
      'live',
      'typed during the fetch',
    ])
    expect(t.connection.sent).toEqual([
      expect.objectContaining({ type: 'text', message: 'typed during the fetch' }),
    ])
    expect(t.controller.timeline.outbox.byClientId(clientId)?.state).toBe('in-flight')
  })

  it('sends nothing about the messages of a room that was never opened', async () => {
    const t = setup()
    const [old, live, next, away] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()]
    t.setHistory([row(old, 'old', 'bob')])
    t.controller.start()
    t.connection.up()
    await settle()
    t.connection.handlers.onFrame(
      newFrame('live', 'bob', { id: live, userAvatar: 'avatars/bob.png' }),
    )
    expect(t.events.filter((e) => e.kind.startsWith('message'))).toEqual([])
    expect(t.controller.unread).toBe(1)
    await t.controller.open()
    const kinds = () => t.events.filter((e) => e.kind.startsWith('message')).map((e) => e.kind)
    expect(kinds()).toEqual(['messages-reset'])
    // Once open, each change crosses on its own; a reconnect's merge sends only the difference.
    t.connection.handlers.onFrame(
      newFrame('next', 'bob', { id: next, userAvatar: 'avatars/bob.png' }),
    )
    t.connection.set('reconnecting')
    t.setHistory([
      row(old, 'old', 'bob'),
      row(live, 'live', 'bob'),
      row(next, 'next', 'bob'),
      row(away, 'while away', 'bob'),
    ])
    t.connection.up()
    await settle()
    expect(kinds()).toEqual(['messages-reset', 'message-upserted', 'message-upserted'])
    // Opening it again sends it again, once.
    await t.controller.open()
    expect(kinds()).toEqual([
      'messages-reset',
      'message-upserted',
      'message-upserted',
      'messages-reset',
    ])
  })

  it('delivers exactly once across a drop: confirmed from history, the rest sent after it', async () => {
    const t = setup()
    t.controller.start()
    t.connection.up()
    await settle()
    const a = t.controller.send('sent before the drop')
    expect(t.connection.sent).toHaveLength(1)
    t.connection.set('reconnecting')
    expect(t.controller.timeline.outbox.byClientId(a)?.state).toBe('unknown')
    const b = t.controller.send('typed while down')
    expect(t.connection.sent).toHaveLength(1)

    const delivered = randomUUID()
    t.setHistory([row(delivered, 'sent before the drop', 'alice', t.clock.now())])
    t.connection.up()
    await settle()
    expect(t.connection.sent.map((f) => (f.type === 'text' ? f.message : f.type))).toEqual([
      'sent before the drop',
      'typed while down',
    ])
    expect(t.controller.timeline.messages.confirmedById(delivered)?.clientId).toBe(a)
    expect(t.controller.timeline.outbox.byClientId(b)?.state).toBe('in-flight')
  })

  it('resends a text whose fate was unknown when the history does not have it', async () => {
    const t = setup()
    t.controller.start()
    t.connection.up()
    await settle()
    t.controller.send('lost')
    t.connection.set('reconnecting')
    t.connection.up()
    await settle()
    expect(t.connection.sent.map((f) => f.type)).toEqual(['text', 'text'])
  })

  it('reports a burst of invalid frames once, and again after a quiet period', () => {
    const t = setup()
    for (let i = 0; i < 5; i++) t.connection.handlers.onInvalidFrame('missing field body')
    const errors = () => t.events.filter((e) => e.kind === 'error' && e.code === 'protocol')
    expect(errors()).toHaveLength(1)
    expect(errors()[0]).toMatchObject({ message: expect.stringContaining('missing field body') })
    t.clock.advance(INVALID_BURST_MS + 1)
    t.connection.handlers.onInvalidFrame('again')
    expect(errors()).toHaveLength(2)
    expect(t.notified).toEqual([])
  })

  it('reports a failed history fetch and retries it while connected', async () => {
    const t = setup()
    t.hold(true)
    t.controller.start()
    t.connection.up()
    t.fail(new AppError('unreachable', 'Cannot reach the server.'))
    await settle()
    expect(t.events).toContainEqual(
      expect.objectContaining({
        kind: 'error',
        code: 'unreachable',
        message: expect.stringContaining('Cannot reach'),
      }),
    )
    t.hold(false)
    t.clock.advance(SYNC_RETRY_MS)
    await settle()
    expect(t.fetches()).toBe(2)
    expect(t.controller.timeline.messages.loaded).toBe(true)
  })

  it('open() loads history once and fails with the fetch error; a later fetch still delivers it', async () => {
    const t = setup()
    t.hold(true)
    const opening = t.controller.open()
    t.fail(new AppError('unreachable', 'down'))
    await expect(opening).rejects.toThrow('down')
    const resets = () => t.events.filter((e) => e.kind === 'messages-reset')
    // What there is (nothing yet) goes out, so a message typed now still shows.
    expect(resets()).toEqual([
      {
        kind: 'messages-reset',
        roomKey: 'alice/general',
        messages: [],
        firstUnreadId: null,
        hasOlder: false,
      },
    ])
    t.hold(false)
    t.setHistory([row(randomUUID(), 'hello', 'bob')])
    t.connection.up()
    await settle()
    expect(resets()).toHaveLength(2)
    expect(resets()[1]).toMatchObject({ messages: [expect.objectContaining({ body: 'hello' })] })
    await t.controller.open()
    expect(resets()).toHaveLength(3)
    expect(t.fetches()).toBe(2)
  })

  it('turns error frames and the 5th failure into events and native notifications', async () => {
    const t = setup()
    t.controller.start()
    t.connection.up()
    await settle()
    t.connection.handlers.onFrame({ error: ServerErrorText.notFound })
    t.connection.handlers.onFailed('Connection failed after 5 attempts')
    expect(
      t.events.filter((e) => e.kind === 'error').map((e) => e.kind === 'error' && e.code),
    ).toEqual(['server', 'connection'])
    expect(t.notified).toEqual([
      `error:General:${ServerErrorText.notFound}`,
      'error:General: connection lost:Connection failed after 5 attempts',
    ])
  })

  it('passes live messages from others, not its own, on for notification', async () => {
    const t = setup()
    t.connection.handlers.onFrame(newFrame('hi', 'bob'))
    t.connection.handlers.onFrame(newFrame('mine'))
    expect(t.notified).toEqual(['message:bob:hi'])
  })

  it('dispose closes the socket and stops a scheduled history retry', async () => {
    const t = setup()
    t.hold(true)
    t.controller.start()
    t.connection.up()
    t.fail(new Error('flaky'))
    await settle()
    t.controller.dispose()
    expect(t.connection.closed).toBe(1)
    expect(t.clock.pending()).toEqual([])
  })
})
