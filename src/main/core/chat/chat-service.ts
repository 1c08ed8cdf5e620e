/**
 * The chat service: session <-> joined rooms <-> renderer events. It implements ChatBackend (what
 * IPC calls), keeps one RoomController (and so one socket) per joined room so the tray hears every
 * room, and batches every change into `chat:events-emitted`.
 */
import type {
  ChatBackend,
  ChatEvent,
  ChatMessage,
  RoomKey,
  SessionSnapshot,
  Settings,
  SignInArgs,
  Unsubscribe,
} from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import { roomKeyOf, splitRoomKey } from '../../../shared/graphql-shapes'
import type { EduSphereApi } from '../session/edusphere-api'
import { createEventBatcher } from './event-batcher'
import { safeExternalUrl } from '../shell/external-url'
import type { Clock, Notifier, ReconnectPolicy, SecretStore, WebSocketFactory } from '../ports'
import { defaultReconnectPolicy } from '../ports'
import { meOf, requireApi, RoomRegistry } from './room-registry'
import type { TrayConnection } from './room-summary'
import { aggregateConnection, idleConnection, toRoomSummary } from './room-summary'
import { Session } from '../session/session'

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
  /** The shell reports window focus: while unfocused, the active room collects unread too. */
  setWindowFocused(focused: boolean): void
  /** Closes sockets and timers. */
  dispose(): Promise<void>
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** Creates the chat service; nothing connects until start() or signIn(). */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const { clock } = deps
  const policy: ReconnectPolicy = { ...defaultReconnectPolicy, ...deps.policy }
  const session = new Session({
    secretStore: deps.secretStore,
    keychainUnavailableReason: deps.keychainUnavailableReason,
    clock,
    ...(deps.createApi ? { createApi: deps.createApi } : {}),
    ...(deps.refreshLeadMs !== undefined ? { refreshLeadMs: deps.refreshLeadMs } : {}),
  })
  const listeners = new Set<(events: ChatEvent[]) => void>()
  let settings: Settings = { messageNotifications: true, ...deps.settings }
  /** `server|username` whose rooms are loaded; null when signed out. */
  let identity: string | null = null
  let roomsLoaded = false
  let lastStatus: SessionSnapshot['status'] = 'signed-out'
  let roomsLoading: Promise<void> = Promise.resolve()
  let disposed = false

  const batcher = createEventBatcher({
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
    beforeFlush: () => rooms.emitDirty(),
  })
  const emit = (event: ChatEvent): void => batcher.push(event)
  const rooms = new RoomRegistry({
    session,
    clock,
    notifier: deps.notifier,
    policy,
    random: deps.random ?? Math.random,
    createWebSocket: deps.createWebSocket,
    emit,
    wake: () => batcher.wake(),
    messageNotifications: () => settings.messageNotifications,
  })

  function snapshot(): SessionSnapshot {
    const s = session.snapshot()
    return s.server === null && deps.defaultServer ? { ...s, server: deps.defaultServer } : s
  }

  async function loadRooms(expected: string, username: string): Promise<void> {
    try {
      const api = requireApi(session)
      const joined = await api.joinedRooms(await session.getToken(), username)
      if (identity !== expected || disposed) return
      for (const room of joined) rooms.add(room)
      roomsLoaded = true
      emit({ kind: 'rooms-reset', rooms: rooms.summaries() })
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'internal'
      const message = `Could not load your rooms: ${messageOf(error)}`
      emit({ kind: 'error', roomKey: null, code, message })
    }
  }

  function reloadRoomsIfNeeded(): void {
    const user = session.snapshot().user
    if (roomsLoaded || identity === null || !user || session.snapshot().status !== 'signed-in')
      return
    roomsLoading = loadRooms(identity, user.username)
  }

  function forgetRooms(): void {
    rooms.clear()
    roomsLoaded = false
    emit({ kind: 'rooms-reset', rooms: [] })
  }

  function sessionChanged(s: SessionSnapshot): void {
    rooms.me = meOf({ snapshot: () => s })
    const previous = lastStatus
    lastStatus = s.status
    emit({ kind: 'session-changed', session: snapshot() })
    if (s.status === 'signed-out') {
      if (identity !== null || rooms.size > 0) forgetRooms()
      identity = null
      return
    }
    if (s.status !== 'signed-in' || !s.user || !s.server) return // expired keeps everything
    const next = `${s.server}|${s.user.username}`
    if (next === identity) {
      // Signed in again after expiry: reconnect rooms that gave up, deliver what was queued.
      if (previous !== 'signed-in') for (const c of rooms.controllers()) c.retryNow()
      reloadRoomsIfNeeded()
      return
    }
    if (identity !== null) forgetRooms()
    identity = next
    roomsLoading = loadRooms(next, s.user.username)
  }
  const unsubscribeSession = session.onChange(sessionChanged)

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
      reloadRoomsIfNeeded()
      for (const c of rooms.controllers()) c.nudge()
    },
    trayState() {
      const list = rooms
        .controllers()
        .map((c) => ({ key: c.key, name: c.room.name, unread: c.unread }))
      return {
        signedIn: session.snapshot().status === 'signed-in',
        rooms: list,
        unreadTotal: list.reduce((n, r) => n + r.unread, 0),
        connection: aggregateConnection(rooms.controllers().map((c) => c.snapshot.state)),
        activeRoomKey: rooms.activeRoom,
      }
    },
    requestOpenRoom(roomKey) {
      if (rooms.has(roomKey)) emit({ kind: 'open-room-requested', roomKey })
    },
    setWindowFocused(focused) {
      rooms.windowFocused = focused
    },
    async dispose() {
      disposed = true
      unsubscribeSession()
      rooms.clear()
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
    listRooms: () => rooms.summaries(),
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
          connection: c?.snapshot ?? idleConnection(policy),
        })
      })
    },
    async joinRoom(key) {
      const { host, slug } = splitRoomKey(key)
      const joined = await requireApi(session).joinRoom(await session.getToken(), host, slug)
      const summary = rooms.summaryOf(rooms.add(joined).key)
      if (!summary) throw new AppError('internal', 'The joined room vanished.')
      emit({ kind: 'room-updated', room: summary })
      return summary
    },
    async openRoom(key): Promise<ChatMessage[]> {
      const c = rooms.require(key)
      rooms.activeRoom = key
      return c.open()
    },
    sendMessage: (key, body) => ({ clientId: rooms.require(key).send(body) }),
    editMessage(key, messageId, body) {
      rooms.require(key).edit(messageId, body)
      return null
    },
    deleteMessage(key, messageId) {
      rooms.require(key).delete(messageId)
      return null
    },
    retryMessage(key, clientId) {
      rooms.require(key).retry(clientId)
      return null
    },
    discardMessage(key, clientId) {
      rooms.require(key).discard(clientId)
      return null
    },
    markRead(key) {
      rooms.require(key).markRead()
      return null
    },
    retryNow(key) {
      if (key !== null) rooms.require(key).retryNow()
      else {
        reloadRoomsIfNeeded()
        for (const c of rooms.controllers()) c.retryNow()
      }
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
