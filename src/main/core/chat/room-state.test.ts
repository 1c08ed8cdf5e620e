import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../shared/ipc-contract'
import { RoomMessages } from './room-state'
import { confirmedMessage } from '../test-support/chat-fixtures'

const msg = (id: string, created: number, body = 'x'): ChatMessage =>
  confirmedMessage('a/b', id, created, body)

describe('RoomMessages.upsertConfirmed', () => {
  it('adds messages newer than all held, and finds a repeated one however it was held', () => {
    const held = new RoomMessages('a/b')
    held.resetConfirmed([msg('h1', 10), msg('h2', 20)])
    held.prependConfirmed([msg('p1', 5)])
    held.putConfirmed(msg('c1', 30))
    expect(held.upsertConfirmed(msg('n1', 40))).toBeUndefined()
    expect(held.upsertConfirmed(msg('n2', 40))).toBeUndefined()
    // Repeats (history and live overlap), in any case, of messages held every way.
    for (const [id, created] of [
      ['H2', 20],
      ['p1', 5],
      ['c1', 30],
      ['N1', 40],
      ['n2', 40],
    ] as const)
      expect(held.upsertConfirmed(msg(id, created, 'again'))?.body).toBe('x')
    expect(held.confirmedCount).toBe(6)
    expect(held.list().map((m) => m.id)).toEqual(['p1', 'h1', 'H2', 'c1', 'N1', 'n2'])
  })

  it('finds a repeated message after the newest ones were trimmed or removed', () => {
    const held = new RoomMessages('a/b')
    for (let i = 1; i <= 5; i++) held.upsertConfirmed(msg(`m${i}`, i))
    held.removeConfirmed('m5')
    held.trimOldest(2)
    expect(held.upsertConfirmed(msg('m4', 4, 'again'))?.body).toBe('x')
    expect(held.upsertConfirmed(msg('m5', 5))).toBeUndefined()
    expect(held.list().map((m) => m.id)).toEqual(['m3', 'm4', 'm5'])
  })

  it('starts over after clear', () => {
    const held = new RoomMessages('a/b')
    held.upsertConfirmed(msg('m1', 100))
    held.clear()
    expect(held.upsertConfirmed(msg('m0', 1))).toBeUndefined()
    expect(held.upsertConfirmed(msg('m0', 1, 'again'))?.body).toBe('x')
  })
})

/** The plain model: one Map from idKey to message, in insertion order (what RoomMessages was). */
class MapModel {
  confirmed = new Map<string, ChatMessage>()
  upsert(m: ChatMessage): ChatMessage | undefined {
    const key = m.id.toLowerCase()
    const existing = this.confirmed.get(key)
    this.confirmed.set(key, m)
    return existing
  }
  remove(id: string): ChatMessage | undefined {
    const key = id.toLowerCase()
    const existing = this.confirmed.get(key)
    this.confirmed.delete(key)
    return existing
  }
  reset(ms: readonly ChatMessage[]): void {
    this.confirmed = new Map(ms.map((m) => [m.id.toLowerCase(), m]))
  }
  prepend(older: readonly ChatMessage[]): ChatMessage[] {
    const next = new Map<string, ChatMessage>()
    for (const m of older) {
      const key = m.id.toLowerCase()
      if (!this.confirmed.has(key) && !next.has(key)) next.set(key, m)
    }
    const added = [...next.values()]
    for (const [k, m] of this.confirmed) next.set(k, m)
    this.confirmed = next
    return added
  }
  trim(keep: number): number {
    const drop = Math.max(0, this.confirmed.size - keep)
    this.confirmed = new Map([...this.confirmed].slice(drop))
    return drop
  }
}

const IDS = ['a', 'A', 'b', 'c', 'd', 'e', 'f', 'g']
/** A message keeps its creation time: created is fixed per id (any case). */
const createdOf = (id: string) => 'abcdefg'.indexOf(id.toLowerCase()) % 4
const anyMessage = fc
  .tuple(fc.constantFrom(...IDS), fc.string({ maxLength: 2 }))
  .map(([id, body]) => msg(id, createdOf(id), body))
const op = fc.oneof(
  { weight: 6, arbitrary: anyMessage.map((m) => ({ op: 'upsert' as const, m })) },
  { weight: 2, arbitrary: fc.constantFrom(...IDS).map((id) => ({ op: 'get' as const, id })) },
  { weight: 1, arbitrary: fc.constantFrom(...IDS).map((id) => ({ op: 'remove' as const, id })) },
  { weight: 1, arbitrary: fc.nat(5).map((keep) => ({ op: 'trim' as const, keep })) },
  {
    weight: 1,
    arbitrary: fc.array(anyMessage, { maxLength: 4 }).map((ms) => ({ op: 'prepend' as const, ms })),
  },
  {
    weight: 1,
    arbitrary: fc.array(anyMessage, { maxLength: 5 }).map((ms) => ({ op: 'reset' as const, ms })),
  },
)

describe('RoomMessages against a plain map', () => {
  it('answers every lookup and keeps the same order, whatever the operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const held = new RoomMessages('a/b')
        const model = new MapModel()
        for (const o of ops) {
          if (o.op === 'upsert') expect(held.upsertConfirmed(o.m)).toBe(model.upsert(o.m))
          else if (o.op === 'get')
            expect(held.confirmedById(o.id)).toBe(model.confirmed.get(o.id.toLowerCase()))
          else if (o.op === 'remove') expect(held.removeConfirmed(o.id)).toBe(model.remove(o.id))
          else if (o.op === 'trim') expect(held.trimOldest(o.keep)).toBe(model.trim(o.keep))
          else if (o.op === 'prepend')
            expect(held.prependConfirmed(o.ms)).toEqual(model.prepend(o.ms))
          else {
            held.resetConfirmed(o.ms)
            model.reset(o.ms)
          }
          expect(held.list()).toEqual([...model.confirmed.values()])
          expect(held.confirmedCount).toBe(model.confirmed.size)
          expect(held.oldestConfirmed()).toBe([...model.confirmed.values()][0])
        }
      }),
      { numRuns: 2000 },
    )
  })
})
