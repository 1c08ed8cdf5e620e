import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../../shared/ipc-contract'
import { isLaterMark, markOf, newestConfirmed, unreadAfter } from './read-position'
import { RoomUnread } from './room-unread'

const T0 = Date.UTC(2026, 10, 30, 12)
let seq = 0

function msg(over: Partial<ChatMessage> & { created: number }): ChatMessage {
  seq++
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    clientId: null,
    roomKey: 'alice/general',
    author: { id: '2', username: 'bob', avatarUrl: null },
    body: `message ${seq}`,
    updated: over.created,
    edited: false,
    status: 'confirmed',
    error: null,
    own: false,
    pendingAction: null,
    ...over,
  }
}

describe('the read mark and what is unread after it', () => {
  const list = [
    msg({ created: T0 }),
    msg({ created: T0 + 1000, own: true }),
    msg({ created: T0 + 2000 }),
    msg({ created: T0 + 3000, body: 'ping @alice' }),
    msg({ created: T0 + 4000, own: true }),
    msg({ created: T0 + 5000, body: 'and @ALICE again' }),
  ]

  it('counts messages from others after the mark, their mentions, and the first of them', () => {
    expect(unreadAfter(list, markOf(list[1]!), 'alice')).toEqual({
      unread: 3,
      mentions: 2,
      firstUnreadId: list[2]!.id,
    })
    expect(unreadAfter(list, markOf(list[3]!), 'alice')).toEqual({
      unread: 1,
      mentions: 1,
      firstUnreadId: list[5]!.id,
    })
    expect(unreadAfter(list, markOf(list[5]!), 'alice')).toEqual({
      unread: 0,
      mentions: 0,
      firstUnreadId: null,
    })
  })

  it('no mark means nothing unread (the room was never shown)', () => {
    expect(unreadAfter(list, null, 'alice').unread).toBe(0)
  })

  it('a deleted marked message still marks by its time', () => {
    const mark = markOf(list[2]!)
    const without = list.filter((m) => m !== list[2])
    expect(unreadAfter(without, mark, 'alice').unread).toBe(2)
  })

  it('messages of the same millisecond are ordered by the list when the marked one is there', () => {
    const a = msg({ created: T0 + 9000 })
    const b = msg({ created: T0 + 9000 })
    const c = msg({ created: T0 + 9000 })
    expect(unreadAfter([a, b, c], markOf(a), null)).toMatchObject({
      unread: 2,
      firstUnreadId: b.id,
    })
    expect(unreadAfter([a, b, c], markOf(c), null).unread).toBe(0)
    // The marked message gone: its whole millisecond counts as read.
    expect(unreadAfter([b, c], markOf(a), null).unread).toBe(0)
  })

  it('ids compare case-insensitively and local messages at the end are skipped', () => {
    const a = msg({ created: T0 + 10_000 })
    const b = msg({ created: T0 + 10_000 })
    const pending = msg({ created: T0, status: 'pending', own: true })
    const mark = markOf({ ...a, id: a.id.toUpperCase() })
    expect(unreadAfter([a, b, pending], mark, null)).toMatchObject({ unread: 1 })
    expect(newestConfirmed([a, b, pending])).toBe(b)
  })

  it('a mark covers its whole millisecond and never moves back', () => {
    const mark = markOf(msg({ created: T0 }))
    expect(mark.createdUs).toBe(T0 * 1000 + 999)
    expect(isLaterMark(markOf(msg({ created: T0 - 1 })), mark)).toBe(false)
    expect(isLaterMark(markOf(msg({ created: T0 })), mark)).toBe(true)
    expect(isLaterMark(mark, null)).toBe(true)
  })
})

describe('RoomUnread', () => {
  function setup(mark: ReturnType<typeof markOf> | null, messages: ChatMessage[]) {
    const saved: ReturnType<typeof markOf>[] = []
    let changes = 0
    const reads = new RoomUnread({
      mark,
      me: () => 'alice',
      messages: () => messages,
      countsChanged: () => void changes++,
      markChanged: (m) => void saved.push(m),
    })
    return { reads, saved, messages, changes: () => changes }
  }

  it('a room never shown starts read up to its newest message', () => {
    const t = setup(null, [msg({ created: T0 }), msg({ created: T0 + 1 })])
    t.reads.loaded(false)
    expect(t.reads.unread).toBe(0)
    expect(t.saved).toEqual([markOf(t.messages[1]!)])
  })

  it('an empty room never shown counts everything that comes', () => {
    const t = setup(null, [])
    t.reads.loaded(false)
    expect(t.reads.mark).toEqual({ messageId: '', createdUs: 0 })
    t.messages.push(msg({ created: T0 }))
    t.reads.loaded(false)
    expect(t.reads.unread).toBe(1)
  })

  it('a stored mark counts what came after it; reading clears and saves', () => {
    const old = msg({ created: T0 })
    const t = setup(markOf(old), [old, msg({ created: T0 + 1, body: '@alice hi' })])
    t.reads.loaded(false)
    expect([t.reads.unread, t.reads.mentions]).toEqual([1, 1])
    t.reads.markRead()
    expect([t.reads.unread, t.reads.mentions]).toEqual([0, 0])
    expect(t.saved).toEqual([markOf(t.messages[1]!)])
  })

  it('live messages count while away and move the mark while in view', () => {
    const first = msg({ created: T0 })
    const t = setup(markOf(first), [first])
    const away = msg({ created: T0 + 1, body: 'yo @alice' })
    t.messages.push(away)
    t.reads.arrived(away, false)
    expect([t.reads.unread, t.reads.mentions]).toEqual([1, 1])
    const seen = msg({ created: T0 + 2 })
    t.messages.push(seen)
    t.reads.arrived(seen, true)
    expect(t.reads.mark).toEqual(markOf(seen))
    // Our own message from another device: we have read what came before it.
    const mine = msg({ created: T0 + 3, own: true })
    t.reads.ownArrived(mine)
    expect(t.reads.unread).toBe(0)
  })

  it('an edit that removes a mention, or a delete of an unread message, recounts', () => {
    const first = msg({ created: T0 })
    const mention = msg({ created: T0 + 1, body: '@alice?' })
    const other = msg({ created: T0 + 2 })
    const t = setup(markOf(first), [first, mention, other])
    t.reads.loaded(false)
    expect([t.reads.unread, t.reads.mentions]).toEqual([2, 1])
    const edited = { ...mention, body: 'never mind' }
    t.messages[1] = edited
    t.reads.touched(edited)
    expect([t.reads.unread, t.reads.mentions]).toEqual([2, 0])
    t.messages.splice(2, 1)
    t.reads.touched(other)
    expect(t.reads.unread).toBe(1)
  })

  it('the store count seeds the room before its messages load; the load replaces it', () => {
    const first = msg({ created: T0 })
    const t = setup(markOf(first), [first, msg({ created: T0 + 1 })])
    t.reads.seed(40)
    expect(t.reads.unread).toBe(40)
    t.reads.loaded(false)
    expect(t.reads.unread).toBe(1)
    expect(t.changes()).toBe(2)
  })
})
