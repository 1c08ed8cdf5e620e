/**
 * Keeps the joined rooms in step with the server. The server tells no open socket when a host
 * renames, re-describes or deletes a room (updateRoom/deleteRoom change the database only), so
 * the client asks again: every few minutes, when the window gets focus back, and whenever a room's
 * info is opened. A room missing from the answer was deleted: it goes, with a notice saying so.
 */
import type { ChatEvent, RoomKey } from '../../../../shared/ipc-contract'
import type { Room } from '../../../../shared/graphql-shapes'
import { roomKeyOf } from '../../../../shared/graphql-shapes'
import type { Session } from '../../session/session'
import type { Clock, TimerHandle } from '../../ports'
import { requireApi } from '../room-registry'
import type { RoomRegistry } from '../room-registry'
import type { AccountData } from './account-data'

/** How often the joined rooms are asked for again while signed in. */
export const ROOM_SYNC_INTERVAL_MS = 2 * 60_000

export interface RoomSyncDeps {
  session: Session
  rooms: RoomRegistry
  data: AccountData
  clock: Clock
  emit(event: ChatEvent): void
  intervalMs?: number
}

/** The words for a joined room that is gone from the server. */
export function roomGoneText(name: string): string {
  return `The room "${name}" was deleted by its host, so it has been removed from your rooms.`
}

/** True when what the sidebar, header or info panel shows of the room differs. */
function changed(a: Room, b: Room): boolean {
  return JSON.stringify(a) !== JSON.stringify(b)
}

/** Asks the server for the joined rooms again and applies what changed. */
export class RoomSync {
  private running: Promise<void> | null = null
  private timer: TimerHandle | null = null
  /** Bumped by every local join, create or delete: a list fetched across one may be stale. */
  private localChanges = 0

  constructor(private readonly deps: RoomSyncDeps) {}

  /** Starts the periodic sync (idempotent); stop() ends it. */
  start(): void {
    if (this.timer !== null) return
    const tick = (): void => {
      this.timer = this.deps.clock.setTimeout(tick, this.deps.intervalMs ?? ROOM_SYNC_INTERVAL_MS)
      void this.sync()
    }
    this.timer = this.deps.clock.setTimeout(tick, this.deps.intervalMs ?? ROOM_SYNC_INTERVAL_MS)
  }

  stop(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer)
    this.timer = null
  }

  /** The user joined, created or deleted a room here: a list fetched meanwhile may lack it. */
  localChange(): void {
    this.localChanges++
  }

  /** One sync at a time; a call during one shares it. Never throws: the next one tries again. */
  sync(): Promise<void> {
    this.running ??= this.run()
      .catch(() => undefined)
      .finally(() => (this.running = null))
    return this.running
  }

  /** A room the server says is gone: closed, forgotten here and in the store, with a notice. */
  gone(key: RoomKey): void {
    const { rooms, data, emit } = this.deps
    const name = rooms.get(key)?.room.name ?? key
    if (!rooms.remove(key)) return
    data.roomRemoved(key)
    emit({ kind: 'error', roomKey: null, code: 'not-found', message: roomGoneText(name) })
  }

  /** A fresh copy of one joined room: the summary follows when it changed. */
  refreshed(room: Room): void {
    const current = this.deps.rooms.get(roomKeyOf(room))
    if (!current || !changed(current.room, room)) return
    this.deps.rooms.replace(room)
    this.deps.data.roomJoined(room)
  }

  private async run(): Promise<void> {
    const { session, rooms } = this.deps
    const before = session.snapshot()
    if (before.status !== 'signed-in' || !before.user) return
    const changes = this.localChanges
    const list = await requireApi(session).joinedRooms(
      await session.getToken(),
      before.user.username,
    )
    const after = session.snapshot()
    if (after.status !== 'signed-in' || after.user?.id !== before.user.id) return
    const keys = new Set(list.map(roomKeyOf))
    // Only a list fetched with no local change in between can prove a room is gone.
    if (changes === this.localChanges)
      for (const c of rooms.controllers()) if (!keys.has(c.key)) this.gone(c.key)
    for (const room of list) {
      if (rooms.has(roomKeyOf(room))) this.refreshed(room)
      else {
        // Joined elsewhere (another device): it connects here too.
        const summary = rooms.summaryOf(rooms.add(room).key)
        this.deps.data.roomJoined(room)
        if (summary) this.deps.emit({ kind: 'room-updated', room: summary })
      }
    }
  }
}
