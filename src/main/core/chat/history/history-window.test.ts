/**
 * Main holds a window of each room: a first load keeps the newest messages, a later fetch merges
 * only what is inside the window (changes below it go to the store, not to the renderer), older
 * pages join in front, and trimming gives them back.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { HistoryMessage } from '../../../../shared/graphql-shapes'
import { recordingTimeline, row, T0 } from '../../test-support/chat-fixtures'
import { splitAtFloor } from './history-window'

/** `n` rows one second apart, alternating alice and bob, oldest first. */
function history(n: number, start = 0): HistoryMessage[] {
  return Array.from({ length: n }, (_, i) =>
    row(
      randomUUID(),
      `line ${start + i}`,
      (start + i) % 2 === 0 ? 'alice' : 'bob',
      T0 + (start + i) * 1000,
    ),
  )
}

describe('the history window in main', () => {
  it('a first load keeps only the newest window and says older ones exist', () => {
    const t = recordingTimeline({ windowSize: 100 })
    const rows = history(1000)
    t.timeline.applyHistory(rows)
    const held = t.timeline.messages
    expect(held.confirmedCount).toBe(100)
    expect(held.hasOlder).toBe(true)
    expect(held.oldestConfirmed()?.id).toBe(rows[900]!.id)
    expect(t.take()).toEqual([])
  })

  it('a small room is held whole, with nothing older', () => {
    const t = recordingTimeline({ windowSize: 100 })
    t.timeline.applyHistory(history(40))
    expect(t.timeline.messages.confirmedCount).toBe(40)
    expect(t.timeline.messages.hasOlder).toBe(false)
  })

  it('a later fetch emits only changes inside the window; edits and deletes below it are not sent', () => {
    const t = recordingTimeline({ windowSize: 100 })
    const rows = history(1000)
    t.timeline.applyHistory(rows)
    t.take()
    const edited = { ...rows[10]!, body: 'edited while away', edited: true }
    const fresh = history(3, 1000)
    const next = [...rows.slice(0, 10), edited, ...rows.slice(12), ...fresh] // rows[11] deleted
    t.timeline.applyHistory(next)
    const events = t.take()
    expect(events.map((e) => e.kind)).toEqual([
      'message-upserted',
      'message-upserted',
      'message-upserted',
    ])
    expect(events.map((e) => (e.kind === 'message-upserted' ? e.message.body : ''))).toEqual([
      'line 1000',
      'line 1001',
      'line 1002',
    ])
    // One of the three is bob's: unread counts it, as before.
    expect(t.timeline.unread).toBe(1)
    expect(t.timeline.messages.confirmedCount).toBe(103)
    expect(t.timeline.messages.oldestConfirmed()?.id).toBe(rows[900]!.id)
  })

  it('a change inside the window is merged as before', () => {
    const t = recordingTimeline({ windowSize: 100 })
    const rows = history(300)
    t.timeline.applyHistory(rows)
    t.take()
    const target = rows[250]!
    const next = rows.map((r) => (r.id === target.id ? { ...r, body: 'changed', edited: true } : r))
    next.splice(
      next.findIndex((r) => r.id === rows[260]!.id),
      1,
    )
    t.timeline.applyHistory(next)
    const events = t.take()
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'message-upserted',
        message: expect.objectContaining({ body: 'changed' }),
      }),
    )
    expect(events).toContainEqual({
      kind: 'message-removed',
      roomKey: 'alice/general',
      id: rows[260]!.id,
    })
    expect(events).toHaveLength(2)
  })

  it('an older page goes in front; trimming gives it back', () => {
    const t = recordingTimeline({ windowSize: 100 })
    const rows = history(1000)
    t.timeline.applyHistory(rows)
    const page = rows.slice(708, 900).map((r) => ({ ...r, clientId: null }))
    const shown = t.timeline.addOlder(page, true)
    expect(shown.map((m) => m.id)).toEqual(page.map((r) => r.id))
    const held = t.timeline.messages
    expect(held.confirmedCount).toBe(292)
    expect(held.list()[0]!.id).toBe(rows[708]!.id)
    // A page that overlaps what is held adds nothing twice.
    t.timeline.addOlder(
      rows.slice(800, 950).map((r) => ({ ...r, clientId: null })),
      true,
    )
    expect(held.confirmedCount).toBe(292)
    expect(held.trimOldest(100)).toBe(192)
    expect(held.list()[0]!.id).toBe(rows[900]!.id)
    expect(held.hasOlder).toBe(true)
    // The whole room paged in: nothing older.
    t.timeline.addOlder(
      rows.slice(0, 900).map((r) => ({ ...r, clientId: null })),
      false,
    )
    expect(held.confirmedCount).toBe(1000)
    expect(held.hasOlder).toBe(false)
  })

  it('splits a fetch at the oldest held message still there, or at its time when it is gone', () => {
    const t = recordingTimeline({ windowSize: 10 })
    const rows = history(50)
    t.timeline.applyHistory(rows)
    const held = t.timeline.messages
    expect(splitAtFloor(rows, held, 10).below).toHaveLength(40)
    const floorGone = rows.filter((r) => r.id !== rows[40]!.id)
    const split = splitAtFloor(floorGone, held, 10)
    expect(split.below).toHaveLength(40)
    expect(split.within[0]!.id).toBe(rows[41]!.id)
  })

  it("another device's change to my message below the window still counts as evidence (from the store)", () => {
    const mine = history(200).filter((r) => r.user.username === 'alice')
    const gone = mine[5]!
    const t = recordingTimeline({
      windowSize: 50,
      // The store still has my message as last seen; the new history no longer has it.
      storedOwnBefore: () => [{ ...gone, clientId: null }],
    })
    const rows = history(200)
    rows[10] = gone
    t.timeline.applyHistory(rows)
    t.timeline.send('lost on the way')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.take()
    t.timeline.applyHistory(rows.filter((r) => r.id !== gone.id))
    const unconfirmed = t.timeline.messages.list().find((m) => m.body === 'lost on the way')
    expect(unconfirmed?.status).toBe('unconfirmed')
  })

  it('without that evidence the same lost text is resent', () => {
    const t = recordingTimeline({ windowSize: 50, storedOwnBefore: () => [] })
    const rows = history(200)
    t.timeline.applyHistory(rows)
    t.timeline.send('lost on the way')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory(rows)
    expect(t.timeline.outbox.queued().map((e) => e.kind)).toEqual(['text'])
  })
})
