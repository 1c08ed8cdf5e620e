/** Builds the renderer's RoomSummary and the tray's aggregate connection state. Pure. */
import type { ConnectionSnapshot, RoomSummary } from '../../../shared/ipc-contract'
import type { Room } from '../../../shared/graphql-shapes'
import { roomKeyOf } from '../../../shared/graphql-shapes'
import type { ReconnectPolicy } from '../ports'

/** A room nobody is connecting to (browse results, before the first attempt). */
export function idleConnection(policy: Pick<ReconnectPolicy, 'maxAttempts'>): ConnectionSnapshot {
  return {
    state: 'disconnected',
    attempt: 0,
    maxAttempts: policy.maxAttempts,
    nextRetryAt: null,
    reason: null,
    terminal: null,
  }
}

/** The summary of a room for the renderer. */
export function toRoomSummary(
  room: Room,
  me: string | null,
  extra: { joined?: boolean; unread: number; mentions?: number },
): RoomSummary {
  const participants = room.participants.map((p) => p.username)
  return {
    key: roomKeyOf(room),
    id: room.id,
    name: room.name,
    slug: room.slug,
    host: room.host.username,
    topic: room.topic?.name ?? null,
    description: room.description,
    participants,
    joined: extra.joined ?? (me !== null && participants.includes(me)),
    unread: extra.unread,
    mentions: extra.mentions ?? 0,
  }
}

export type TrayConnection = 'connected' | 'connecting' | 'disconnected' | 'failed'

/** One word for the tray: failed if any room failed, connected only when all are. */
export function aggregateConnection(
  states: readonly ConnectionSnapshot['state'][],
): TrayConnection {
  if (states.length === 0) return 'disconnected'
  if (states.some((s) => s === 'failed' || s === 'error')) return 'failed'
  if (states.every((s) => s === 'connected')) return 'connected'
  if (states.some((s) => s === 'connecting' || s === 'reconnecting')) return 'connecting'
  return 'disconnected'
}
