/**
 * The chat service's rooms part: what the renderer and the shell ask of the joined rooms (list,
 * browse, join, open, retry, window focus) and what the tray shows of them.
 */
import type { ChatBackend, ChatEvent, RoomKey } from '../../../../shared/ipc-contract'
import { AppError } from '../../../../shared/errors'
import { roomKeyOf, splitRoomKey } from '../../../../shared/graphql-shapes'
import type { Session } from '../../session/session'
import { requireApi } from '../room-registry'
import type { RoomRegistry } from '../room-registry'
import type { TrayConnection } from '../room-summary'
import { aggregateConnection, toRoomSummary } from '../room-summary'
import type { SessionLifecycle } from './session-lifecycle'
import { text } from '../../../../shared/i18n'

/** What the tray shows. */
export interface TrayState {
  signedIn: boolean
  rooms: { key: RoomKey; name: string; unread: number; mentions: number }[]
  unreadTotal: number
  /** Unread messages that mention the user, over all rooms. */
  mentionTotal: number
  connection: TrayConnection
  activeRoomKey: RoomKey | null
}

export interface RoomIntentsDeps {
  session: Session
  rooms: RoomRegistry
  lifecycle: SessionLifecycle
  emit(event: ChatEvent): void
}

type RoomCalls = Pick<
  ChatBackend,
  | 'listRooms'
  | 'browseRooms'
  | 'joinRoom'
  | 'openRoom'
  | 'loadOlder'
  | 'listConnections'
  | 'retryNow'
>

/** The rooms part of the chat service. */
export interface RoomIntents extends RoomCalls {
  trayState(): TrayState
  requestOpenRoom(roomKey: RoomKey): void
  setWindowFocused(focused: boolean): void
  nudge(): void
}

/** Creates the rooms part over the registry. */
export function createRoomIntents(deps: RoomIntentsDeps): RoomIntents {
  const { session, rooms, lifecycle, emit } = deps
  return {
    listRooms: () => rooms.summaries(),
    listConnections: () => rooms.connections(),
    async browseRooms({ search }) {
      const found = await requireApi(session).browseRooms(
        await session.getToken(),
        search || undefined,
      )
      const username = rooms.me?.username ?? null
      return found.map((r) => {
        const c = rooms.get(roomKeyOf(r))
        return toRoomSummary(r, username, {
          ...(c ? { joined: true } : {}),
          unread: c?.unread ?? 0,
          mentions: c?.mentions ?? 0,
        })
      })
    },
    async joinRoom(key) {
      const { host, slug } = splitRoomKey(key)
      const joined = await requireApi(session).joinRoom(await session.getToken(), host, slug)
      lifecycle.roomJoined(joined)
      const summary = rooms.summaryOf(rooms.add(joined).key)
      if (!summary) throw new AppError('internal', text('error.joinedRoomVanished'))
      emit({ kind: 'room-updated', room: summary })
      return summary
    },
    async openRoom(key) {
      await rooms.open(key)
      return null
    },
    async loadOlder(key, beforeId) {
      await rooms.require(key).loadOlder(beforeId)
      return null
    },
    retryNow(key) {
      if (key !== null) rooms.require(key).retryNow()
      else {
        lifecycle.reloadRoomsIfNeeded()
        for (const c of rooms.controllers()) c.retryNow()
      }
      return null
    },
    trayState() {
      const list = rooms
        .controllers()
        .map((c) => ({ key: c.key, name: c.room.name, unread: c.unread, mentions: c.mentions }))
      return {
        signedIn: session.snapshot().status === 'signed-in',
        rooms: list,
        unreadTotal: list.reduce((n, r) => n + r.unread, 0),
        mentionTotal: list.reduce((n, r) => n + r.mentions, 0),
        connection: aggregateConnection(rooms.controllers().map((c) => c.snapshot.state)),
        activeRoomKey: rooms.activeRoom,
      }
    },
    requestOpenRoom(roomKey) {
      if (rooms.has(roomKey)) emit({ kind: 'open-room-requested', roomKey })
    },
    setWindowFocused: (focused) => rooms.setWindowFocused(focused),
    nudge() {
      session.nudge()
      lifecycle.reloadRoomsIfNeeded()
      for (const c of rooms.controllers()) c.nudge()
    },
  }
}
