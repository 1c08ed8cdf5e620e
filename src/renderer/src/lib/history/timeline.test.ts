import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Timeline, rowKey } from './timeline'
import { makeMessage } from '../../test-support/messages'

describe('Timeline', () => {
  it('drops the oldest messages, a few or nearly all, and forgets exactly those', () => {
    for (const drop of [3, 97, 100, 150]) {
      const list = Array.from({ length: 100 }, (_, i) => makeMessage({ created: i }))
      const t = new Timeline()
      t.reset(list)
      t.dropOldest(drop)
      const kept = list.slice(Math.min(drop, 100))
      expect(t.messages).toEqual(kept)
      expect(t.size).toBe(kept.length)
      for (const m of list.slice(0, drop)) expect(t.get(m.id)).toBeUndefined()
      for (const m of kept) expect(t.get(m.id.toUpperCase())).toBe(m)
      expect(t.takeFrontShift()).toBe(-Math.min(drop, 100))
    }
  })

  it('sorts history by creation time and drops duplicate ids', () => {
    const a = makeMessage({ created: 3 })
    const b = makeMessage({ created: 1 })
    const t = new Timeline()
    t.reset([a, b, { ...a }])
    expect(t.messages.map((m) => m.id)).toEqual([b.id, a.id])
  })

  it('keeps server order for messages created in the same millisecond', () => {
    const t = new Timeline()
    const [a, b, c] = ['ffff', '0000', '8888'].map((p) =>
      makeMessage({ id: `${p}0000-0000-4000-8000-000000000000`, created: 5 }),
    )
    t.reset([a!, b!])
    t.upsert(c!)
    expect(t.messages.map((m) => m.id)).toEqual([a!.id, b!.id, c!.id])
    t.upsert({ ...b!, body: 'edited' })
    expect(t.messages.map((m) => m.id)).toEqual([a!.id, b!.id, c!.id])
    expect(t.remove(b!.id)).toBe(true)
    expect(t.messages.map((m) => m.id)).toEqual([a!.id, c!.id])
  })

  it('appends newer messages and inserts older ones in order', () => {
    const t = new Timeline()
    t.reset([makeMessage({ created: 10 }), makeMessage({ created: 20 })])
    expect(t.upsert(makeMessage({ created: 30 }))).toBe('appended')
    const late = makeMessage({ created: 15 })
    expect(t.upsert(late)).toBe('inserted')
    expect(t.messages.map((m) => m.created)).toEqual([10, 15, 20, 30])
  })

  it('replaces a pending copy with the confirmed message in one step', () => {
    const t = new Timeline()
    const pending = makeMessage({ id: 'c-1', clientId: 'c-1', status: 'pending', own: true })
    t.upsert(pending)
    const confirmed = makeMessage({ clientId: 'c-1', own: true, created: pending.created + 5 })
    expect(t.upsert(confirmed, 'c-1')).toBe('replaced')
    expect(t.size).toBe(1)
    expect(t.get('c-1')).toBeUndefined()
    expect(t.get(confirmed.id)).toBe(confirmed)
  })

  it('finds ids case-insensitively, as the server echoes them verbatim', () => {
    const t = new Timeline()
    const m = makeMessage()
    t.upsert(m)
    const edited = { ...m, id: m.id.toUpperCase(), body: 'edited', edited: true }
    expect(t.upsert(edited)).toBe('replaced')
    expect(t.size).toBe(1)
    expect(t.remove(m.id.toUpperCase())).toBe(true)
    expect(t.size).toBe(0)
    expect(t.remove(m.id)).toBe(false)
  })

  it('keeps an edited message in place and re-sorts when its time changes', () => {
    const t = new Timeline()
    const [a, b] = [makeMessage({ created: 1 }), makeMessage({ created: 2 })]
    t.reset([a, b])
    t.upsert({ ...a, body: 'x' })
    expect(t.messages[0]!.body).toBe('x')
    t.upsert({ ...a, created: 3 })
    expect(t.messages.map((m) => m.id)).toEqual([b.id, a.id])
  })

  it('lastEditable is the newest confirmed own message', () => {
    const t = new Timeline()
    const mine = makeMessage({ own: true, created: 1 })
    t.reset([
      mine,
      makeMessage({ created: 2 }),
      makeMessage({ own: true, status: 'pending', created: 3 }),
    ])
    expect(t.lastEditable()).toBe(mine)
  })

  it('stays sorted and unique under any sequence of upserts and removes', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('up' as const),
        id: fc.integer({ min: 0, max: 20 }),
        at: fc.integer({ min: 0, max: 50 }),
      }),
      fc.record({ kind: fc.constant('rm' as const), id: fc.integer({ min: 0, max: 20 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const t = new Timeline()
        const model = new Map<string, number>()
        for (const o of ops) {
          const id = `id-${o.id}`
          if (o.kind === 'up') {
            t.upsert(makeMessage({ id, created: o.at }))
            model.set(id, o.at)
          } else {
            t.remove(id)
            model.delete(id)
          }
        }
        expect(t.size).toBe(model.size)
        const list = t.messages
        for (let i = 1; i < list.length; i++)
          expect(list[i - 1]!.created).toBeLessThanOrEqual(list[i]!.created)
        for (const [id, at] of model) expect(t.get(id)?.created).toBe(at)
      }),
    )
  })

  it('reports the lowest changed row: every row before it keeps its key and place', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('up' as const),
        id: fc.integer({ min: 0, max: 8 }),
        at: fc.integer({ min: 0, max: 4 }),
        client: fc.option(fc.integer({ min: 0, max: 3 })),
      }),
      fc.record({ kind: fc.constant('rm' as const), id: fc.integer({ min: 0, max: 20 }) }),
      fc.constant({ kind: 'take' as const }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const t = new Timeline()
        let seen = t.messages.map(rowKey)
        const check = (): void => {
          const lowest = t.takeLowestChange()
          const now = t.messages.map(rowKey)
          const same = Math.min(lowest, seen.length, now.length)
          expect(now.slice(0, same)).toEqual(seen.slice(0, same))
          if (lowest === Infinity) expect(now).toEqual(seen)
          seen = now
        }
        for (const o of ops) {
          if (o.kind === 'take') check()
          else if (o.kind === 'up') {
            const clientId = o.client === null ? null : `c-${o.client}`
            t.upsert(makeMessage({ id: `id-${o.id}`, created: o.at, clientId }))
          } else t.remove(`id-${o.id}`)
        }
        check()
      }),
    )
  })

  it('counts an append from the old end and a reset from the start', () => {
    const t = new Timeline()
    t.reset([makeMessage({ created: 1 }), makeMessage({ created: 2 })])
    expect(t.takeLowestChange()).toBe(0)
    expect(t.takeLowestChange()).toBe(Infinity)
    t.upsert(makeMessage({ created: 3 }))
    t.upsert(makeMessage({ created: 4 }))
    expect(t.takeLowestChange()).toBe(2)
    const first = t.messages[0]!
    t.upsert({ ...first, body: 'edited in place' })
    expect(t.takeLowestChange()).toBe(Infinity)
  })
})
