import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../shared/ipc-contract'
import { RoomMessages } from './room-state'

const msg = (id: string, created: number, body = 'x'): ChatMessage => ({
  id,
  clientId: null,
  roomKey: 'a/b',
  author: { id: '1', username: 'alice', avatarUrl: null },
  body,
  created,
  updated: created,
  edited: false,
  status: 'confirmed',
  error: null,
  own: false,
  pendingAction: null,
})

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
