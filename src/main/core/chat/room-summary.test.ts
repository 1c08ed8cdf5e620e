import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../shared/ipc-contract'
import type { Room } from '../../../shared/graphql-shapes'
import { aggregateConnection, toRoomSummary } from './room-summary'

const room: Room = {
  id: 'r1',
  name: 'General',
  slug: 'general',
  description: 'Talk',
  created: '2026-01-01T00:00:00+00:00',
  topic: { name: 'Math' },
  host: { username: 'alice' },
  participants: [
    { id: '1', username: 'alice' },
    { id: '2', username: 'bob' },
  ],
}

describe('toRoomSummary', () => {
  it('derives key, host, topic, participants and the joined flag from the participants', () => {
    expect(toRoomSummary(room, 'bob', { unread: 2, mentions: 1 })).toEqual({
      key: 'alice/general',
      id: 'r1',
      name: 'General',
      slug: 'general',
      host: 'alice',
      topic: 'Math',
      description: 'Talk',
      participants: ['alice', 'bob'],
      joined: true,
      unread: 2,
      mentions: 1,
    })
    expect(toRoomSummary({ ...room, topic: null }, 'carol', { unread: 0 })).toMatchObject({
      joined: false,
      topic: null,
    })
    expect(toRoomSummary(room, null, { unread: 0, joined: true }).joined).toBe(true)
  })
})

describe('aggregateConnection', () => {
  const cases: [ConnectionState[], string][] = [
    [[], 'disconnected'],
    [['connected', 'connected'], 'connected'],
    [['connected', 'reconnecting'], 'connecting'],
    [['connecting'], 'connecting'],
    [['connected', 'failed'], 'failed'],
    [['error', 'connected'], 'failed'],
    [['disconnected', 'connected'], 'disconnected'],
  ]
  it.each(cases)('%j -> %s', (states, expected) => {
    expect(aggregateConnection(states)).toBe(expected)
  })
})
