/**
 * The store's shapes fit the chat core as it is: a window read from the store goes through the
 * timeline's first-load path, a later fetch merges over it, and an in-flight outbox entry read
 * back after a restart is resolved against the history by the existing fate resolution.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { resolveUnknownFates } from '../chat/fate-resolution'
import type { OutboxEntry } from '../chat/outbox'
import { ALICE, ROOM, T0, recordingTimeline, row } from '../test-support/chat-fixtures'
import { openOrThrow, tempDir } from './store-fixtures'
import type { StoredMessage } from './store-types'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

const stored = (id: string, body: string, user = 'bob', created = T0): StoredMessage => ({
  ...row(id, body, user, created),
  clientId: null,
})

function account() {
  const { dir, cleanup } = tempDir()
  cleanups.push(cleanup)
  const open = () => {
    const { store } = openOrThrow({ dir, origin: 'http://127.0.0.1:8000', username: 'alice' })
    cleanups.unshift(() => store.close())
    return store
  }
  return { open }
}

describe('history first, then the network', () => {
  it('a window from the store is the first load; the fetch merges over it; the store follows', () => {
    const { open } = account()
    const first = open()
    first.history.replaceAll(ROOM, [
      stored('a1', 'one', 'bob', T0 + 1_000),
      stored('a2', 'two', 'bob', T0 + 2_000),
      stored('a3', 'three', 'alice', T0 + 3_000),
    ])
    first.close()

    const store = open()
    const { timeline, take } = recordingTimeline()
    timeline.applyHistory(store.history.window(ROOM).messages)
    // A first load emits nothing itself: the room controller sends this list once, on open.
    expect(take()).toEqual([])
    const shown = timeline.messages.list()
    expect(shown.map((m) => [m.id, m.body, m.own])).toEqual([
      ['a1', 'one', false],
      ['a2', 'two', false],
      ['a3', 'three', true],
    ])

    // While away: a2 was edited, a3 deleted, a4 written.
    const fetched = [
      row('a1', 'one', 'bob', T0 + 1_000),
      row('a2', 'two (edited)', 'bob', T0 + 2_000, true),
      row('a4', 'four', 'bob', T0 + 4_000),
    ]
    timeline.applyHistory(fetched)
    const merged = take().map((e) =>
      e.kind === 'message-upserted'
        ? `upsert ${e.message.id}`
        : `${e.kind} ${'id' in e ? e.id : ''}`,
    )
    expect(merged.sort()).toEqual(['message-removed a3', 'upsert a2', 'upsert a4'])

    store.history.replaceAll(
      ROOM,
      fetched.map((r) => ({ ...r, clientId: null })),
    )
    expect(store.history.window(ROOM).messages.map((m) => m.body)).toEqual([
      'one',
      'two (edited)',
      'four',
    ])
  })
})

describe('an in-flight entry after a restart', () => {
  it('is resolved against the history exactly once (confirmed, not resent)', () => {
    const { open } = account()
    const before = open()
    before.outbox.put({
      clientId: 'local-1',
      roomKey: ROOM,
      kind: 'text',
      body: 'sent just before the crash',
      messageId: null,
      created: T0,
    })
    before.outbox.markInFlight('local-1', T0 + 10)
    before.outbox.put({
      clientId: 'local-2',
      roomKey: ROOM,
      kind: 'text',
      body: 'never sent',
      messageId: null,
      created: T0 + 20,
    })
    before.close()

    const after = open()
    const restored: OutboxEntry[] = after.outbox.list(ROOM).map((e, i) => ({
      kind: 'text',
      clientId: e.clientId,
      body: e.body ?? '',
      // In flight when the app stopped: its fate is unknown until the history says.
      state: e.state === 'in-flight' ? 'unknown' : e.state === 'unconfirmed' ? 'failed' : e.state,
      firstSentAt: e.firstSentAt,
      sentSeq: i,
      error: e.error,
    }))
    expect(restored.map((e) => [e.clientId, e.state])).toEqual([
      ['local-1', 'unknown'],
      ['local-2', 'queued'],
    ])
    const history = [row('srv-9', 'sent just before the crash', ALICE.username, T0 + 500)]
    const fates = resolveUnknownFates(
      restored.filter((e) => e.state === 'unknown'),
      history,
      { me: ALICE.username, knownIds: new Set(), otherDeviceSeenAt: null },
    )
    expect([...fates.values()]).toEqual([{ kind: 'confirmed', row: history[0] }])
  })
})
