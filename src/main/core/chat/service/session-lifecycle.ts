/**
 * The chat service's session lifecycle: follows the session and keeps the joined rooms in step
 * with it. Signing in loads that account's rooms (and so connects them), signing in again after
 * expiry reconnects what gave up, signing out or another account forgets everything.
 */
import type { ChatEvent, SessionSnapshot } from '../../../../shared/ipc-contract'
import { AppError } from '../../../../shared/errors'
import type { Room } from '../../../../shared/graphql-shapes'
import type { Session } from '../../session/session'
import { meOf, requireApi } from '../room-registry'
import type { RoomRegistry } from '../room-registry'
import type { AccountData } from './account-data'
import type { FirstScreen } from './first-screen'

export interface SessionLifecycleDeps {
  session: Session
  rooms: RoomRegistry
  emit(event: ChatEvent): void
  /** The session as the renderer sees it (with the default server filled in). */
  snapshot(): SessionSnapshot
  /** The signed-in account's local store. */
  data: AccountData
  /** Holds GraphQL requests while stored rooms and history go to the screen first. */
  firstScreen?: Pick<FirstScreen, 'hold'>
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** Loads and forgets rooms as the session changes; one instance per chat service. */
export class SessionLifecycle {
  /** `server|username` whose rooms are loaded or loading; null when signed out. */
  private identity: string | null = null
  private roomsLoaded = false
  private lastStatus: SessionSnapshot['status'] = 'signed-out'
  private loading: Promise<void> = Promise.resolve()
  private disposed = false
  private readonly unsubscribe: () => void

  constructor(private readonly deps: SessionLifecycleDeps) {
    this.unsubscribe = deps.session.onChange((s) => this.sessionChanged(s))
  }

  /** Settles when the rooms of the latest sign-in have loaded (or failed to, with an event). */
  get roomsLoading(): Promise<void> {
    return this.loading
  }

  /** Loads the rooms again if a sign-in could not load them (network back, retry). */
  reloadRoomsIfNeeded(): void {
    const s = this.deps.session.snapshot()
    if (this.roomsLoaded || this.identity === null || !s.user || s.status !== 'signed-in') return
    this.loading = this.loadRooms(this.identity, s.user.username)
  }

  /** A room joined now is kept in the store's list, so the next start shows it at once. */
  roomJoined(room: Room): void {
    this.deps.data.roomJoined(room)
  }

  dispose(): void {
    this.disposed = true
    this.unsubscribe()
  }

  /** The rooms as last seen, on screen before the network answers (nothing without a store). */
  private showStoredRooms(): void {
    const { rooms, emit, data } = this.deps
    const stored = data.rooms()
    if (stored.length === 0) return
    this.deps.firstScreen?.hold()
    for (const room of stored) rooms.add(room)
    emit({ kind: 'rooms-reset', rooms: rooms.summaries() })
  }

  private async loadRooms(expected: string, username: string): Promise<void> {
    const { session, rooms, emit, data } = this.deps
    try {
      const api = requireApi(session)
      const joined = await api.joinedRooms(await session.getToken(), username)
      if (this.identity !== expected || this.disposed) return
      for (const room of joined) rooms.add(room)
      this.roomsLoaded = true
      data.roomsFetched(joined)
      emit({ kind: 'rooms-reset', rooms: rooms.summaries() })
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'internal'
      const message = `Could not load your rooms: ${messageOf(error)}`
      emit({ kind: 'error', roomKey: null, code, message })
    }
  }

  private forgetRooms(): void {
    this.deps.rooms.clear()
    this.roomsLoaded = false
    this.deps.emit({ kind: 'rooms-reset', rooms: [] })
  }

  private sessionChanged(s: SessionSnapshot): void {
    const { rooms, emit } = this.deps
    rooms.me = meOf({ snapshot: () => s })
    const previous = this.lastStatus
    this.lastStatus = s.status
    emit({ kind: 'session-changed', session: this.deps.snapshot() })
    if (s.status === 'signed-out') {
      if (this.identity !== null || rooms.size > 0) this.forgetRooms()
      // Signing out deletes the account's local data (rooms, history, unsent messages).
      if (this.identity !== null) this.deps.data.destroy()
      this.identity = null
      return
    }
    if (s.status !== 'signed-in' || !s.user || !s.server) return // expired keeps everything
    const next = `${s.server}|${s.user.username}`
    if (next === this.identity) {
      // Signed in again after expiry: reconnect rooms that gave up, deliver what was queued.
      if (previous !== 'signed-in') for (const c of rooms.controllers()) c.retryNow()
      this.reloadRoomsIfNeeded()
      return
    }
    if (this.identity !== null) this.forgetRooms()
    this.identity = next
    this.deps.data.open(s.server, s.user.username)
    this.showStoredRooms()
    this.loading = this.loadRooms(next, s.user.username)
  }
}
