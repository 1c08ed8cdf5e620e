import { describe, expect, it } from 'vitest'
import type { ChatEvent, ChatMessage } from '../../../shared/ipc-contract'
import { createEventBatcher } from './event-batcher'
import { FakeClock } from '../test-support/fake-clock'
import { snap } from '../test-support/fake-connection'

const msg = (id: string, body: string): ChatMessage => ({
  id,
  clientId: null,
  roomKey: 'a/b',
  author: { id: '1', username: 'alice', avatarUrl: null },
  body,
  created: 0,
  updated: 0,
  edited: false,
  status: 'confirmed',
  error: null,
  own: true,
  pendingAction: null,
})
const upsert = (id: string, body: string, replaces: string | null = null): ChatEvent => ({
  kind: 'message-upserted',
  roomKey: 'a/b',
  message: msg(id, body),
  replaces,
})

function setup(beforeFlush?: () => void) {
  const clock = new FakeClock()
  const batches: ChatEvent[][] = []
  const batcher = createEventBatcher({
    clock,
    intervalMs: 16,
    sink: (b) => batches.push(b),
    ...(beforeFlush ? { beforeFlush } : {}),
  })
  return { clock, batches, batcher }
}

describe('createEventBatcher', () => {
  it('emits events pushed in one turn as one batch, and at most one batch per interval', () => {
    const { clock, batches, batcher } = setup()
    batcher.push(upsert('1', 'a'))
    batcher.push(upsert('2', 'b'))
    expect(batches).toHaveLength(0)
    clock.advance(0)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(2)

    batcher.push(upsert('3', 'c'))
    clock.advance(15)
    expect(batches).toHaveLength(1)
    batcher.push(upsert('4', 'd'))
    clock.advance(1)
    expect(batches).toHaveLength(2)
    expect(batches[1]?.map((e) => (e.kind === 'message-upserted' ? e.message.id : ''))).toEqual([
      '3',
      '4',
    ])
  })

  it('keeps at most one emit per interval under a continuous stream', () => {
    const clock = new FakeClock()
    const times: number[] = []
    let count = 0
    const batcher = createEventBatcher({
      clock,
      intervalMs: 16,
      sink: (b) => {
        times.push(clock.now())
        count += b.length
      },
    })
    for (let i = 0; i < 200; i++) {
      batcher.push(upsert(String(i), 'x'))
      clock.advance(1)
    }
    clock.advance(16)
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(16)
    expect(times.length).toBeGreaterThan(10)
    expect(count).toBe(200)
  })

  it("coalesces restatements of the same message, keeping a confirmation's replaces", () => {
    const { clock, batches, batcher } = setup()
    batcher.push(upsert('s', 'v1', 'local-1'))
    batcher.push({ kind: 'room-removed', roomKey: 'x/y' })
    batcher.push(upsert('S', 'v2'))
    clock.advance(0)
    expect(batches[0]).toEqual([
      upsert('S', 'v2', 'local-1'),
      { kind: 'room-removed', roomKey: 'x/y' },
    ])
  })

  it('does not move an upsert back before a removal of the same message', () => {
    const { clock, batches, batcher } = setup()
    batcher.push(upsert('m', 'v1'))
    batcher.push({ kind: 'message-removed', roomKey: 'a/b', id: 'm' })
    batcher.push(upsert('m', 'v2'))
    clock.advance(0)
    expect(batches[0]?.map((e) => e.kind)).toEqual([
      'message-upserted',
      'message-removed',
      'message-upserted',
    ])
  })

  it('does not move an upsert back before a messages-reset of its room', () => {
    const { clock, batches, batcher } = setup()
    batcher.push(upsert('m', 'v1'))
    batcher.push({ kind: 'messages-reset', roomKey: 'a/b', messages: [] })
    batcher.push(upsert('m', 'v2'))
    clock.advance(0)
    expect(batches[0]).toHaveLength(3)
  })

  it('keeps only the latest session and connection state', () => {
    const { clock, batches, batcher } = setup()
    const conn = (state: 'connecting' | 'connected'): ChatEvent => ({
      kind: 'connection-changed',
      roomKey: 'a/b',
      connection: snap(state),
    })
    batcher.push(conn('connecting'))
    batcher.push(conn('connected'))
    clock.advance(0)
    expect(batches[0]).toEqual([conn('connected')])
  })

  it('runs beforeFlush on wake, so derived events are added lazily', () => {
    let dirty = true
    const { clock, batches, batcher } = setup(() => {
      if (dirty) batcher.push({ kind: 'room-removed', roomKey: 'lazy/one' })
      dirty = false
    })
    batcher.wake()
    clock.advance(0)
    expect(batches).toEqual([[{ kind: 'room-removed', roomKey: 'lazy/one' }]])
    batcher.wake()
    clock.advance(100)
    expect(batches).toHaveLength(1) // nothing derived, nothing emitted
  })

  it('flush emits at once and dispose drops what is left', () => {
    const { clock, batches, batcher } = setup()
    batcher.push(upsert('1', 'a'))
    batcher.flush()
    expect(batches).toHaveLength(1)
    batcher.push(upsert('2', 'b'))
    batcher.dispose()
    clock.advance(100)
    batcher.push(upsert('3', 'c'))
    clock.advance(100)
    expect(batches).toHaveLength(1)
    expect(clock.pending()).toEqual([])
  })

  it('is not stalled when the wall clock is set back', () => {
    const { clock, batches, batcher } = setup()
    clock.jump(86_400_000)
    batcher.push(upsert('1', 'a'))
    clock.advance(0)
    clock.jump(-86_400_000)
    batcher.push(upsert('2', 'b'))
    clock.advance(16)
    expect(batches).toHaveLength(2)
  })
})
