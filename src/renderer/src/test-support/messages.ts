/** Builders for view-model fixtures shared by the renderer's tests. */
import type { ChatMessage, ConnectionSnapshot, RoomSummary } from '../../../shared/ipc-contract'

let seq = 0

/** A confirmed message with sensible defaults; override any field. */
export function makeMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  seq++
  const created = overrides.created ?? Date.UTC(2026, 10, 25, 12, 0, 0) + seq * 1000
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    clientId: null,
    roomKey: 'alice/general',
    author: { id: '2', username: 'bob', avatarUrl: null },
    body: `message ${seq}`,
    created,
    updated: created,
    edited: false,
    status: 'confirmed',
    error: null,
    own: false,
    pendingAction: null,
    ...overrides,
  }
}

/** A connected snapshot, or any state. */
export function makeConnection(overrides: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return {
    state: 'connected',
    attempt: 0,
    maxAttempts: 5,
    nextRetryAt: null,
    reason: null,
    terminal: null,
    ...overrides,
  }
}

/** A joined room summary. */
export function makeRoom(overrides: Partial<RoomSummary> = {}): RoomSummary {
  const host = overrides.host ?? 'alice'
  const slug = overrides.slug ?? 'general'
  return {
    key: `${host}/${slug}`,
    id: `room-${host}-${slug}`,
    name: 'General',
    slug,
    host,
    topic: 'Math',
    description: 'General chat',
    participants: ['alice', 'bob'],
    joined: true,
    unread: 0,
    mentions: 0,
    ...overrides,
  }
}
