/**
 * The chat service: session <-> joined rooms <-> renderer events. It implements ChatBackend (what
 * IPC calls), keeps one RoomController (and so one socket) per joined room so the tray hears every
 * room, and batches every change into `chat:events-emitted`.
 */
import { randomUUID } from 'node:crypto'
import type {
  ChatBackend,
  ChatEvent,
  ChatMessage,
  RoomKey,
  RoomSummary,
  SessionSnapshot,
  Settings,
  SignInArgs,
  Unsubscribe,
} from '../../shared/ipc-contract'
import { AppError } from '../../shared/errors'
import type { Room } from '../../shared/protocol'
import { roomKeyOf } from '../../shared/protocol'
import type { EduSphereApi } from './edusphere-api'
import type { EventBatcher } from './event-batcher'
import { createEventBatcher } from './event-batcher'
import { safeExternalUrl } from './external-url'
import type { Clock, Notifier, ReconnectPolicy, SecretStore, WebSocketFactory } from './ports'
import { defaultReconnectPolicy } from './ports'
import type { MeView } from './room-controller'
import { RoomController } from './room-controller'
import { createRoomConnection } from './room-connection'
import type { TrayConnection } from './room-summary'
import { aggregateConnection, idleConnection, toRoomSummary } from './room-summary'
import { Session } from './session'

export interface ChatServiceDeps {
  secretStore: SecretStore
  keychainUnavailableReason: string | null
  notifier: Notifier
  createWebSocket: WebSocketFactory
  clock: Clock
  random?: () => number
  policy?: Partial<ReconnectPolicy>
  createApi?: (baseUrl: string) => EduSphereApi
  /** Renderer events are emitted at most once per this many ms (16 by default). */
  batchIntervalMs?: number
  /** Offered as the server while nobody is signed in (the local server in development). */
  defaultServer?: string
  /** shell.openExternal in Electron, a recorder in tests. */
  openExternal?: (url: string) => void
  /** Settings loaded by the shell; defaults to message notifications on. */
  settings?: Settings
  /** Called after updateSettings so the shell can persist them. */
  onSettingsChanged?: (settings: Settings) => void
  /** Session token refresh lead (ms before `exp`); the session's default when unset. */
  refreshLeadMs?: number
}

/** What the tray shows. */
export interface TrayState {
  signedIn: boolean
  rooms: { key: RoomKey; name: string; unread: number }[]
  unreadTotal: number
  connection: TrayConnection
  activeRoomKey: RoomKey | null
}

export interface ChatService extends ChatBackend {
  /** Restores the session from the keychain, then loads rooms and connects them. */
  start(): Promise<void>
  /** Batched renderer events (at most one call per batch interval). */
  onEvents(listener: (events: ChatEvent[]) => void): Unsubscribe
  /** OS resume / network back: refresh the session if due and retry every room now. */
  nudge(): void
  trayState(): TrayState
  /** A notification was clicked: ask the renderer to open that room. */
  requestOpenRoom(roomKey: RoomKey): void
  /** Closes sockets and timers. */
  dispose(): Promise<void>
}

/** Creates the chat service; nothing connects until start() or signIn(). */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const { clock, notifier } = deps
  const policy: ReconnectPolicy = { ...defaultReconnectPolicy, ...deps.policy }
  const random = deps.random ?? Math.random
  const session = new Session({
    secretStore: deps.secretStore,
    keychainUnavailableReason: deps.keychainUnavailableReason,
    clock,
    ...(deps.createApi ? { createApi: deps.createApi } : {}),
    ...(deps.refreshLeadMs !== undefined ? { refreshLeadMs: deps.refreshLeadMs } : {}),
  })
  const listeners = new Set<(events: ChatEvent[]) => void>()
  const rooms = new Map<RoomKey, RoomController>()
  const dirtyRooms = new Set<RoomKey>()
  let settings: Settings = { messageNotifications: true, ...deps.settings }
  let activeRoom: RoomKey | null = null
  /** `server|username` whose rooms are loaded; null when signed out. */
  let identity: string | null = null
  let lastStatus: SessionSnapshot['status'] = 'signed-out'
  let roomsLoading: Promise<void> = Promise.resolve()
  let disposed = false

  const batcher: EventBatcher = createEventBatcher({
    clock,
    intervalMs: deps.batchIntervalMs,
    sink: (events) => {
      for (const listener of [...listeners]) {
        try {
          listener(events)
        } catch (error) {
          console.error('chat event listener failed', error)
        }
      }
    },
    beforeFlush: () => {
      for (const key of dirtyRooms) {
        const room = summaryOf(key)
        if (room) batcher.push({ kind: 'room-updated', room })
      }
      dirtyRooms.clear()
    },
  })
  const emit = (event: ChatEvent): void => batcher.push(event)

  const me = (): MeView | null => {
    const user = session.snapshot().user
    return user ? { id: user.id, username: user.username, avatarUrl: user.avatarUrl } : null
  }
  const api = (): EduSphereApi => {
    const current = session.api
    if (!current) throw new AppError('not-signed-in', 'You are not signed in. Sign in to continue.')
    return current
  }
  /** A token for reads that do not need one: an expired token would fail the whole request. */
  const optionalToken = (): Promise<string | null> => session.getToken().catch(() => null)

  function snapshot(): SessionSnapshot {
    const s = session.snapshot()
    return s.server === null && deps.defaultServer ? { ...s, server: deps.defaultServer } : s
  }

  function summaryOf(key: RoomKey): RoomSummary | null {
    const c = rooms.get(key)
    if (!c) return null
    return toRoomSummary(c.room, me()?.username ?? null, {
      joined: true,
      unread: c.unread,
      connection: c.snapshot,
    })
  }
  const summaries = (): RoomSummary[] =>
    [...rooms.keys()].map(summaryOf).filter((r): r is RoomSummary => r !== null)

  function addRoom(room: Room): RoomController {
    const key = roomKeyOf(room)
    const existing = rooms.get(key)
    if (existing) return existing
    const baseUrl = api().baseUrl
    const host = room.host.username
    const controller: RoomController = new RoomController({
      room,
      baseUrl,
      clock,
      notifier,
      me,
      newClientId: () => `local-${randomUUID()}`,
      fetchHistory: async () => api().history(await optionalToken(), host, room.slug),
      isActive: () => activeRoom === key,
      messageNotifications: () => settings.messageNotifications,
      emit,
      summaryChanged: () => {
        dirtyRooms.add(key)
        batcher.wake()
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
            return token === null
              ? 'session-expired'
              : api().classifyRejection(token, host, room.slug)
          },
          createWebSocket: deps.createWebSocket,
          clock,
          random,
          policy,
          ...handlers,
        }),
    })
    rooms.set(key, controller)
    controller.start()
    return controller
  }

  function dropRooms(): void {
    for (const c of rooms.values()) c.dispose()
    rooms.clear()
    dirtyRooms.clear()
    activeRoom = null
  }

  async function loadRooms(expected: string, username: string): Promise<void> {
    try {
      const joined = await api().joinedRooms(await session.getToken(), username)
      if (identity !== expected || disposed) return
      for (const room of joined) addRoom(room)
      emit({ kind: 'rooms-reset', rooms: summaries() })
    } catch (error) {
      const shape = error instanceof AppError ? error : null
      emit({
        kind: 'error',
        roomKey: null,
        code: shape?.code ?? 'internal',
        message: `Could not load your rooms: ${error instanceof Error ? error.message : String(error)}`,
      })
    }
  }

  function sessionChanged(s: SessionSnapshot): void {
    const previous = lastStatus
    lastStatus = s.status
    emit({ kind: 'session-changed', session: snapshot() })
    if (s.status === 'signed-out') {
      if (identity !== null || rooms.size > 0) {
        identity = null
        dropRooms()
        emit({ kind: 'rooms-reset', rooms: [] })
      }
      return
    }
    if (s.status !== 'signed-in' || !s.user || !s.server) return // expired keeps everything
    const next = `${s.server}|${s.user.username}`
    if (next === identity) {
      // Signed in again after expiry: reconnect rooms that gave up, deliver what was queued.
      if (previous !== 'signed-in') for (const c of rooms.values()) c.retryNow()
      return
    }
    if (identity !== null) {
      dropRooms()
      emit({ kind: 'rooms-reset', rooms: [] })
    }
    identity = next
    roomsLoading = loadRooms(next, s.user.username)
  }
  const unsubscribeSession = session.onChange(sessionChanged)

  function room(key: RoomKey): RoomController {
    const c = rooms.get(key)
    if (!c) throw new AppError('not-found', `You have not joined the room ${key}.`)
    return c
  }

  return {
    async start() {
      await session.restore()
      await roomsLoading
    },
    onEvents(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    nudge() {
      session.nudge()
      for (const c of rooms.values()) c.nudge()
    },
    trayState() {
      const list = [...rooms.values()].map((c) => ({
        key: c.key,
        name: c.room.name,
        unread: c.unread,
      }))
      return {
        signedIn: session.snapshot().status === 'signed-in',
        rooms: list,
        unreadTotal: list.reduce((n, r) => n + r.unread, 0),
        connection: aggregateConnection([...rooms.values()].map((c) => c.snapshot.state)),
        activeRoomKey: activeRoom,
      }
    },
    requestOpenRoom(roomKey) {
      if (rooms.has(roomKey)) emit({ kind: 'open-room-requested', roomKey })
    },
    async dispose() {
      disposed = true
      unsubscribeSession()
      dropRooms()
      batcher.flush()
      batcher.dispose()
      session.dispose()
    },

    getSession: () => snapshot(),
    async signIn(args: SignInArgs) {
      await session.signIn(args.server, args.email, args.password)
      await roomsLoading
      return snapshot()
    },
    async signOut() {
      await session.signOut()
      return snapshot()
    },
    listRooms: () => summaries(),
    async browseRooms({ search }) {
      const found = await api().browseRooms(await session.getToken(), search || undefined)
      const username = me()?.username ?? null
      return found.map((r) => {
        const c = rooms.get(roomKeyOf(r))
        return toRoomSummary(r, username, {
          ...(c ? { joined: true } : {}),
          unread: c?.unread ?? 0,
          connection: c?.snapshot ?? idleConnection(policy),
        })
      })
    },
    async joinRoom(roomId) {
      const joined = await api().joinRoom(await session.getToken(), roomId)
      const c = addRoom(joined)
      const summary = summaryOf(c.key)
      if (!summary) throw new AppError('internal', 'The joined room vanished.')
      emit({ kind: 'room-updated', room: summary })
      return summary
    },
    async openRoom(key): Promise<ChatMessage[]> {
      const c = room(key)
      activeRoom = key
      return c.open()
    },
    sendMessage(key, body) {
      return { clientId: room(key).send(body) }
    },
    editMessage(key, messageId, body) {
      room(key).edit(messageId, body)
      return null
    },
    deleteMessage(key, messageId) {
      room(key).delete(messageId)
      return null
    },
    retryMessage(key, clientId) {
      room(key).retry(clientId)
      return null
    },
    discardMessage(key, clientId) {
      room(key).discard(clientId)
      return null
    },
    markRead(key) {
      room(key).markRead()
      return null
    },
    retryNow(key) {
      if (key === null) for (const c of rooms.values()) c.retryNow()
      else room(key).retryNow()
      return null
    },
    getSettings: () => ({ ...settings }),
    updateSettings(patch) {
      settings = { ...settings, ...patch }
      deps.onSettingsChanged?.({ ...settings })
      return { ...settings }
    },
    openExternal(url) {
      const safe = safeExternalUrl(url)
      if (!safe) throw new AppError('invalid-argument', 'Only http and https links can be opened.')
      deps.openExternal?.(safe)
      return null
    },
  }
}
