/** Where an older page comes from: the store when it knows the message, else the server. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { recordingTimeline, row, T0 } from '../../test-support/chat-fixtures'
import { loadOlderPage, pageFromServer } from './older-pages'
import type { RoomPersistence } from '../service/account-data'

const rows = Array.from({ length: 50 }, (_, i) =>
  row(randomUUID(), `line ${i}`, 'bob', T0 + i * 1000),
)

describe('older pages', () => {
  it('takes the rows right before the message from a whole history', () => {
    const page = pageFromServer(rows, rows[30]!.id.toUpperCase(), null, 10)
    expect(page.messages.map((m) => m.body)).toEqual(rows.slice(20, 30).map((r) => r.body))
    expect(page.hasOlder).toBe(true)
    expect(pageFromServer(rows, rows[5]!.id, null, 10)).toMatchObject({ hasOlder: false })
  })

  it('a message deleted on the server meanwhile: the page ends where it stood in time', () => {
    const without = rows.filter((_, i) => i !== 30)
    const page = pageFromServer(without, rows[30]!.id, T0 + 30 * 1000, 5)
    expect(page.messages.map((m) => m.body)).toEqual([
      'line 25',
      'line 26',
      'line 27',
      'line 28',
      'line 29',
    ])
  })

  it('an unknown message is a clear not-found', () => {
    expect(() => pageFromServer(rows, randomUUID(), null, 5)).toThrow(/not in the history/)
  })

  it('without a store, fetches the history and pages it', async () => {
    const t = recordingTimeline({ windowSize: 10 })
    t.timeline.applyHistory(rows)
    let fetched = 0
    const page = await loadOlderPage({
      beforeId: rows[40]!.id,
      held: t.timeline.messages,
      persistence: null,
      fetchHistory: () => (fetched++, Promise.resolve(rows)),
      limit: 8,
    })
    expect(fetched).toBe(1)
    expect(page.messages.map((m) => m.body)).toEqual(rows.slice(32, 40).map((r) => r.body))
  })

  it('with a store that knows the message, the server is not asked', async () => {
    const t = recordingTimeline({ windowSize: 10 })
    t.timeline.applyHistory(rows)
    const stored = { messages: [{ ...rows[0]!, clientId: null }], hasOlder: false }
    const persistence = { older: () => stored } as unknown as RoomPersistence
    const page = await loadOlderPage({
      beforeId: rows[1]!.id,
      held: t.timeline.messages,
      persistence,
      fetchHistory: () => Promise.reject(new Error('must not fetch')),
    })
    expect(page).toBe(stored)
  })
})
