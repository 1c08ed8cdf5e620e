/**
 * The batcher indexes message upserts lazily (only once one is not the newest of its room). This
 * checks it against the plain model it replaced: every upsert keyed by room and id in a map.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../shared/ipc-contract'
import { idKey } from '../../../shared/frames'
import { createEventBatcher } from './event-batcher'
import { FakeClock } from '../test-support/fake-clock'
import { confirmedMessage } from '../test-support/chat-fixtures'

const ROOMS = ['a/b', 'c/d']
const IDS = ['m1', 'M1', 'm2', 'm3', 'm4', 'm5']

const message = confirmedMessage

/** The batcher's coalescing as a plain map per room (no laziness), for message events only. */
function model(events: readonly ChatEvent[]): ChatEvent[] {
  const queue: ChatEvent[] = []
  const rooms = new Map<string, Map<string, number>>()
  for (const event of events) {
    if (event.kind === 'message-upserted') {
      let room = rooms.get(event.roomKey)
      if (!room) rooms.set(event.roomKey, (room = new Map()))
      const key = idKey(event.message.id)
      const at = room.get(key)
      if (at === undefined) {
        room.set(key, queue.length)
        queue.push(event)
      } else {
        const earlier = queue[at]!
        queue[at] =
          earlier.kind === 'message-upserted' && event.replaces === null
            ? { ...event, replaces: earlier.replaces }
            : event
      }
      continue
    }
    if (event.kind === 'rooms-reset') rooms.clear()
    else if (event.kind === 'messages-reset' || event.kind === 'room-removed')
      rooms.delete(event.roomKey)
    else if (event.kind === 'message-removed') rooms.get(event.roomKey)?.delete(idKey(event.id))
    queue.push(event)
  }
  return queue
}

/** A message keeps its creation time in every restatement: `created` is fixed per id. */
const scenario = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: IDS.length, maxLength: IDS.length })
  .chain((createdOf) =>
    fc.array(
      fc.oneof(
        { weight: 8, arbitrary: upsertOf(createdOf) },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('message-removed' as const),
            roomKey: fc.constantFrom(...ROOMS),
            id: fc.constantFrom(...IDS),
          }),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...ROOMS)
            .map((roomKey): ChatEvent => ({ kind: 'messages-reset', roomKey, messages: [] })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...ROOMS)
            .map((roomKey): ChatEvent => ({ kind: 'room-removed', roomKey })),
        },
      ),
      { maxLength: 60 },
    ),
  )

function upsertOf(createdOf: readonly number[]): fc.Arbitrary<ChatEvent> {
  return fc
    .tuple(
      fc.constantFrom(...ROOMS),
      fc.integer({ min: 0, max: IDS.length - 1 }),
      fc.string({ maxLength: 3 }),
      fc.constantFrom(null, 'local-1', 'local-2'),
    )
    .map(([roomKey, i, body, replaces]) => ({
      kind: 'message-upserted' as const,
      roomKey,
      message: message(roomKey, IDS[i]!, createdOf[idKey(IDS[i]!) === 'm1' ? 0 : i]!, body),
      replaces,
    }))
}

describe('event batcher, message coalescing', () => {
  it('batches exactly as a map of every upsert by room and id would', () => {
    fc.assert(
      fc.property(scenario, (events) => {
        const clock = new FakeClock()
        const batches: ChatEvent[][] = []
        const batcher = createEventBatcher({ clock, sink: (b) => batches.push(b) })
        for (const e of events) batcher.push(e)
        batcher.flush()
        expect(batches.flat()).toEqual(model(events))
      }),
      { numRuns: 3000 },
    )
  })

  it('keeps a flood in creation order as it came, and coalesces a late restatement', () => {
    const clock = new FakeClock()
    const batches: ChatEvent[][] = []
    const batcher = createEventBatcher({ clock, sink: (b) => batches.push(b) })
    const upsert = (id: string, created: number, body: string): ChatEvent => ({
      kind: 'message-upserted',
      roomKey: 'a/b',
      message: message('a/b', id, created, body),
      replaces: null,
    })
    // Forty in one millisecond (beyond the unindexed look-back), then restatements of the first.
    for (let i = 0; i < 40; i++) batcher.push(upsert(`n${i}`, 5, 'v1'))
    batcher.push(upsert('n0', 5, 'v2'))
    batcher.push(upsert('n39', 5, 'v2'))
    batcher.push(upsert('later', 6, 'v1'))
    batcher.push(upsert('N1', 5, 'v2'))
    batcher.flush()
    const bodies = batches.flat().map((e) => e.kind === 'message-upserted' && e.message.body)
    expect(bodies).toHaveLength(41)
    expect(bodies[0]).toBe('v2')
    expect(bodies[1]).toBe('v2')
    expect(bodies[39]).toBe('v2')
    expect(bodies.filter((b) => b === 'v2')).toHaveLength(3)
  })
})
