/**
 * The joined rooms of the signed-in user: one RoomController (one socket) per room, wired to the
 * session for tokens and GraphQL, plus the active room, the read rule (the user reads the active
 * room while the window is focused) and which summaries changed since the last batch of events.
 */
import { randomUUID } from 'node:crypto'
import type {
  ChatEvent,
  ConnectionSnapshot,
  RoomKey,
  RoomSummary,
} from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import type { Room } from '../../../shared/graphql-shapes'
import { roomKeyOf } from '../../../shared/graphql-shapes'
import type { EduSphereApi } from '../session/edusphere-api'
import type { Clock, Notifier, ReconnectPolicy, WebSocketFactory } from '../ports'
import type { MeView } from './room-controller'
import { RoomController } from './room-controller'
import { createRoomConnection } from './connection/room-connection'
import { toRoomSummary } from './room-summary'
import { FetchQueue, HISTORY_FETCH_CONCURRENCY } from './fetch-queue'
import type { Session } from '../session/session'
import type { RoomPersistence } from './service/account-data'
import { text } from '../../../shared/i18n'

export interface RoomRegistryDeps {
  session: Session
  clock: Clock
  notifier: Notifier
  policy: ReconnectPolicy
  random: () => number
  createWebSocket: WebSocketFactory
  emit(event: ChatEvent): void
  /** A summary changed: make sure a batch goes out soon. */
  wake(): void
  /** The user's setting, from the service's one copy of the settings. */
  messageNotifications(): boolean
  /** The user's "mentions notify" setting (independent of messageNotifications). */
  mentionNotifications?(): boolean
  /** The room's view of the account's local store (null without one). */
  persistence?(key: RoomKey): RoomPersistence | null
  /** The composer's unsent text in a joined room ('' when none), for its summary. */
  draftOf?(key: RoomKey): string
  /** Runs `connect` now, or once the stored rooms and history are on screen. */
  afterFirstScreen?(connect: () => void): void
}

/** The API of the signed-in server; throws when signed out. */
export function requireApi(session: Session): EduSphereApi {
  const api = session.api
  if (!api) throw new AppError('not-signed-in', text('error.notSignedIn'))
  return api
}

/** The signed-in user as messages show them, or null. */
export function meOf(session: Pick<Session, 'snapshot'>): MeView | null {
  const user = session.snapshot().user
  return user ? { id: user.id, username: user.username, avatarUrl: user.avatarUrl } : null
}

/** Joined rooms and their controllers, the active room, and who reads it. */
export class RoomRegistry {
  private readonly rooms = new Map<RoomKey, RoomController>()
  private readonly dirty = new Set<RoomKey>()
  private active: RoomKey | null = null
  private focused = true
  /** A few history fetches at a time, the room on screen first. */
  private readonly fetches = new FetchQueue(HISTORY_FETCH_CONCURRENCY, () => this.active)
  /** The signed-in user, kept current by the service: read for every frame, so not recomputed. */
  me: MeView | null = null

  constructor(private readonly deps: RoomRegistryDeps) {}

  get size(): number {
    return this.rooms.size
  }

  controllers(): RoomController[] {
    return [...this.rooms.values()]
  }

  has(key: RoomKey): boolean {
    return this.rooms.has(key)
  }

  get(key: RoomKey): RoomController | undefined {
    return this.rooms.get(key)
  }

  /** The controller of a joined room, or a not-found error the UI can show. */
  require(key: RoomKey): RoomController {
    const c = this.rooms.get(key)
    if (!c) throw new AppError('not-found', text('error.notJoined', { room: key }))
    return c
  }

  /** The room the window shows (set by openRoom), or null. */
  get activeRoom(): RoomKey | null {
    return this.active
  }

  /**
   * Makes `key` the active room (read at once while the window is focused) and delivers its
   * history to the renderer once.
   */
  open(key: RoomKey): Promise<void> {
    const c = this.require(key)
    // The room left behind keeps only its window again.
    if (this.active !== null && this.active !== key) this.rooms.get(this.active)?.close()
    this.active = key
    // Opening first: it notes where the user had read up to, for the "New messages" divider.
    const opening = c.open()
    if (this.focused) c.markRead()
    return opening
  }

  /**
   * The shell's word on the window (visible and focused). Focus on the active room reads it;
   * while unfocused, the active room collects unread like any other.
   */
  setWindowFocused(focused: boolean): void {
    this.focused = focused
    if (focused && this.active !== null) this.rooms.get(this.active)?.markRead()
  }

  summaryOf(key: RoomKey): RoomSummary | null {
    const c = this.rooms.get(key)
    if (!c) return null
    const summary = toRoomSummary(c.room, this.me?.username ?? null, {
      joined: true,
      unread: c.unread,
      mentions: c.mentions,
    })
    const draft = this.deps.draftOf?.(key) ?? ''
    return draft === '' ? summary : { ...summary, draft }
  }

  /** Every joined room's connection, for a window that starts after they connected. */
  connections(): Record<RoomKey, ConnectionSnapshot> {
    const out: Record<RoomKey, ConnectionSnapshot> = {}
    for (const [key, c] of this.rooms) out[key] = c.snapshot
    return out
  }

  summaries(): RoomSummary[] {
    return [...this.rooms.keys()].map((k) => this.summaryOf(k)).filter((r) => r !== null)
  }

  /** Emits room-updated for every room whose summary changed (right before a batch goes out). */
  emitDirty(): void {
    for (const key of this.dirty) {
      const room = this.summaryOf(key)
      if (room) this.deps.emit({ kind: 'room-updated', room })
    }
    this.dirty.clear()
  }

  /** Adds a joined room and starts connecting it (idempotent). */
  add(room: Room): RoomController {
    const key = roomKeyOf(room)
    const existing = this.rooms.get(key)
    if (existing) return existing
    const { session, clock } = this.deps
    const baseUrl = requireApi(session).baseUrl
    const host = room.host.username
    /** Reads do not need a token, and an expired one would fail the whole request. */
    const optionalToken = (): Promise<string | null> => session.getToken().catch(() => null)
    const controller = new RoomController({
      room,
      baseUrl,
      clock,
      notifier: this.deps.notifier,
      me: () => this.me,
      newClientId: () => `local-${randomUUID()}`,
      fetchHistory: () =>
        this.fetches.run(key, async () =>
          requireApi(session).history(await optionalToken(), host, room.slug),
        ),
      isActive: () => this.active === key && this.focused,
      messageFromOther: (author, body) =>
        this.deps.notifier.message(
          { roomKey: key, roomName: this.rooms.get(key)?.room.name ?? room.name, author, body },
          {
            activeRoom: this.active,
            messageNotifications: this.deps.messageNotifications(),
            mentionNotifications: this.deps.mentionNotifications?.() ?? true,
            selfUsername: this.me?.username ?? null,
          },
        ),
      emit: this.deps.emit,
      persistence: this.deps.persistence?.(key) ?? null,
      summaryChanged: () => {
        this.dirty.add(key)
        this.deps.wake()
      },
      connect: (handlers) =>
        createRoomConnection({
          baseUrl,
          host,
          slug: room.slug,
          getToken: () => session.getToken(),
          refreshToken: () => session.refreshNow(),
          classifyRejection: async () => {
            const token = await optionalToken()
            if (token === null) return 'session-expired'
            return requireApi(session).classifyRejection(token, host, room.slug)
          },
          createWebSocket: this.deps.createWebSocket,
          clock,
          random: this.deps.random,
          policy: this.deps.policy,
          ...handlers,
        }),
    })
    this.rooms.set(key, controller)
    const start = (): void => {
      if (this.rooms.get(key) === controller) controller.start()
    }
    if (this.deps.afterFirstScreen) this.deps.afterFirstScreen(start)
    else start()
    return controller
  }

  /** A joined room changed on the server (same key): the renderer gets its new summary. */
  replace(room: Room): void {
    const key = roomKeyOf(room)
    const c = this.rooms.get(key)
    if (!c) return
    c.room = room
    this.dirty.delete(key)
    const summary = this.summaryOf(key)
    if (summary) this.deps.emit({ kind: 'room-updated', room: summary })
  }

  /** A joined room is gone (its host deleted it): its socket closes and the renderer forgets it. */
  remove(key: RoomKey): boolean {
    const c = this.rooms.get(key)
    if (!c) return false
    c.dispose()
    this.rooms.delete(key)
    this.dirty.delete(key)
    if (this.active === key) this.active = null
    this.deps.emit({ kind: 'room-removed', roomKey: key })
    return true
  }

  /** Closes every socket and forgets every room (sign-out, another account). */
  clear(): void {
    for (const c of this.rooms.values()) c.dispose()
    this.rooms.clear()
    this.dirty.clear()
    this.active = null
  }
}
