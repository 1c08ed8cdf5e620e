/**
 * RoomSync's decisions on stand-in parts: a joined room missing from the server's list is removed
 * (with a notice), a changed one is replaced, one joined elsewhere is added, a list fetched across
 * a local join/create/delete proves nothing gone, and the periodic sync follows the clock.
 */
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../../shared/ipc-contract'
import type { Room } from '../../../../shared/graphql-shapes'
import { roomKeyOf } from '../../../../shared/graphql-shapes'
import { FakeClock } from '../../test-support/fake-clock'
import type { RoomSyncDeps } from './room-sync'
import { roomGoneText, RoomSync } from './room-sync'

const room = (slug: string, name = slug): Room => ({
  id: `id-${slug}`,
  name,
  slug,
  description: '',
  created: '2026-11-01T10:00:00+00:00',
  topic: { name: 'Math' },
  host: { username: 'alice' },
  participants: [{ id: '1', username: 'alice' }],
})

/** Joined rooms held in a map, and a server whose answer the test controls. */
function setup(joined: Room[]) {
  const held = new Map(joined.map((r) => [roomKeyOf(r), r]))
  const events: ChatEvent[] = []
  const removedFromStore: string[] = []
  let answer: Room[] = []
  let release: (() => void) | null = null
  let fetches = 0
  const api = {
    joinedRooms: async () => {
      fetches++
      if (release === null) return answer
      await new Promise<void>((resolve) => (release = resolve))
      return answer
    },
  }
  const session = {
    api,
    snapshot: () => ({ status: 'signed-in', user: { id: '1', username: 'alice' } }),
    getToken: async () => 'tok',
  }
  const rooms = {
    controllers: () => [...held.entries()].map(([key, r]) => ({ key, room: r })),
    has: (key: string) => held.has(key),
    get: (key: string) => (held.has(key) ? { room: held.get(key)! } : undefined),
    remove: (key: string) => {
      const had = held.delete(key)
      if (had) events.push({ kind: 'room-removed', roomKey: key })
      return had
    },
    replace: (r: Room) => void held.set(roomKeyOf(r), r),
    add: (r: Room) => {
      held.set(roomKeyOf(r), r)
      return { key: roomKeyOf(r) }
    },
    summaryOf: () => null,
  }
  const data = {
    roomRemoved: (key: string) => void removedFromStore.push(key),
    roomJoined: () => undefined,
  }
  const clock = new FakeClock()
  const sync = new RoomSync({
    session,
    rooms,
    data,
    clock,
    emit: (e: ChatEvent) => events.push(e),
    intervalMs: 1000,
  } as unknown as RoomSyncDeps)
  return {
    sync,
    held,
    events,
    removedFromStore,
    clock,
    fetches: () => fetches,
    answer: (list: Room[]) => (answer = list),
    /** The next fetch waits until `go()` is called. */
    hold: () => {
      release = () => undefined
      return { go: () => release?.() }
    },
  }
}

describe('RoomSync', () => {
  it('removes a joined room the server no longer lists, says so, and forgets it in the store', async () => {
    const t = setup([room('general', 'General'), room('club', 'Club')])
    t.answer([room('general', 'General')])
    await t.sync.sync()
    expect([...t.held.keys()]).toEqual(['alice/general'])
    expect(t.removedFromStore).toEqual(['alice/club'])
    expect(t.events).toEqual([
      { kind: 'room-removed', roomKey: 'alice/club' },
      { kind: 'error', roomKey: null, code: 'not-found', message: roomGoneText('Club') },
    ])
  })

  it('replaces a renamed room and adds one joined on another device', async () => {
    const t = setup([room('general', 'General')])
    t.answer([room('general', 'Lounge'), room('new', 'New')])
    await t.sync.sync()
    expect(t.held.get('alice/general')?.name).toBe('Lounge')
    expect(t.held.has('alice/new')).toBe(true)
    expect(t.events.filter((e) => e.kind === 'room-removed')).toEqual([])
  })

  it('a list fetched across a local change proves no room gone', async () => {
    const t = setup([room('general')])
    t.answer([])
    const held = t.hold()
    const running = t.sync.sync()
    await Promise.resolve()
    // The user creates a room while the fetch is out: it may be missing from the answer.
    t.sync.localChange()
    t.held.set('alice/created', room('created'))
    held.go()
    await running
    expect([...t.held.keys()].sort()).toEqual(['alice/created', 'alice/general'])
  })

  it('syncs on its interval once started, and not after stop()', async () => {
    const t = setup([room('general')])
    t.answer([room('general')])
    t.sync.start()
    t.clock.advance(1000)
    await t.sync.sync()
    expect(t.fetches()).toBe(1)
    t.sync.stop()
    t.clock.advance(5000)
    expect(t.fetches()).toBe(1)
  })

  it('calls during a sync share it', async () => {
    const t = setup([room('general')])
    t.answer([room('general')])
    await Promise.all([t.sync.sync(), t.sync.sync(), t.sync.sync()])
    expect(t.fetches()).toBe(1)
  })
})
