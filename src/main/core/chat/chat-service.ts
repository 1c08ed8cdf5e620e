/**
 * The chat service: session <-> joined rooms <-> renderer events. It implements ChatBackend (what
 * IPC calls), keeps one RoomController (and so one socket) per joined room so the tray hears every
 * room, and batches every change into `chat:events-emitted`. It is assembled from small parts:
 * the session lifecycle, the rooms part, the sends part and the settings part (service/).
 */
import type {
  ChatBackend,
  ChatEvent,
  RoomKey,
  SessionSnapshot,
  Settings,
  SignInArgs,
  Unsubscribe,
} from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import { text } from '../../../shared/i18n'
import { EduSphereApi } from '../session/edusphere-api'
import { Session } from '../session/session'
import { AvatarFetcher } from '../media/avatar-fetcher'
import type { TransportConsent } from '../session/transport-consent'
import type { ProfileCache } from '../store/profile-cache'
import { logChatEvents } from '../log/chat-event-log'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import { createRendererLog } from '../log/renderer-log'
import type {
  Clock,
  Notifier,
  OpenAccountStore,
  ReconnectPolicy,
  SecretStore,
  WebSocketFactory,
} from '../ports'
import { defaultReconnectPolicy } from '../ports'
import { createEventBatcher } from './event-batcher'
import { RoomRegistry } from './room-registry'
import { AccountData } from './service/account-data'
import { FirstScreen } from './service/first-screen'
import { createMessageIntents } from './service/message-intents'
import { createRoomIntents } from './service/room-intents'
import type { TrayState } from './service/room-intents'
import { SessionLifecycle } from './service/session-lifecycle'
import { createSettingsIntents } from './service/settings-intents'
import { createSearchIntents } from '../search/message-search'
import { createPeopleIntents } from './service/people-intents'
import { RoomSync } from './service/room-sync'

export type { TrayState } from './service/room-intents'

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
  /** How often the joined rooms are fetched again (renames, deletions); 2 minutes by default. */
  roomSyncIntervalMs?: number
  /** Session token refresh lead (ms before `exp`); the session's default when unset. */
  refreshLeadMs?: number
  /** Origins the user allowed over plain http (persisted by the shell); memory-only when unset. */
  transportConsent?: TransportConsent
  /**
   * Opens the signed-in account's local store (the shell: in userData). Without it nothing
   * survives a restart: the outbox and history live in memory only.
   */
  openStore?: OpenAccountStore
  /** Who each saved sign-in belongs to, so a start without network goes on offline. */
  profiles?: ProfileCache
  /** clipboard.writeText in Electron, a recorder in tests; without it copying is refused. */
  copyText?: (text: string) => void
  /** Main's log (chat events, redacted) and the renderer's (the log:write-entry channel). */
  log?: { main: Logger; renderer: Logger }
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
  /**
   * The shell reports whether the window is visible and focused: focus on the active room reads
   * it; while unfocused, the active room collects unread too.
   */
  setWindowFocused(focused: boolean): void
  /** The signed-in server's avatars, for the app:// avatar route (only that server's /media/). */
  readonly avatars: AvatarFetcher
  /** Closes sockets and timers. */
  dispose(): Promise<void>
}

/** Creates the chat service; nothing connects until start() or signIn(). */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const { clock } = deps
  const policy: ReconnectPolicy = { ...defaultReconnectPolicy, ...deps.policy }
  const firstScreen = new FirstScreen(clock)
  const session = new Session({
    secretStore: deps.secretStore,
    keychainUnavailableReason: deps.keychainUnavailableReason,
    clock,
    createApi:
      deps.createApi ?? ((baseUrl) => new EduSphereApi(baseUrl, { fetch: firstScreen.fetch })),
    ...(deps.refreshLeadMs !== undefined ? { refreshLeadMs: deps.refreshLeadMs } : {}),
    ...(deps.transportConsent ? { transportConsent: deps.transportConsent } : {}),
    ...(deps.profiles ? { profiles: deps.profiles } : {}),
  })
  const listeners = new Set<(events: ChatEvent[]) => void>()
  const log = deps.log?.main.scoped('chat') ?? silentLogger
  const rendererLog = createRendererLog({
    log: deps.log?.renderer ?? silentLogger,
    now: () => clock.now(),
  })
  const settings = createSettingsIntents({
    ...(deps.settings ? { initial: deps.settings } : {}),
    onChanged: (next) => {
      // One threshold for main and renderer: the user's setting.
      deps.log?.main.setLevel(next.logLevel)
      deps.log?.renderer.setLevel(next.logLevel)
      deps.onSettingsChanged?.(next)
    },
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
  })
  deps.log?.main.setLevel(settings.current().logLevel)
  deps.log?.renderer.setLevel(settings.current().logLevel)

  const batcher = createEventBatcher({
    clock,
    intervalMs: deps.batchIntervalMs,
    sink: (events) => {
      logChatEvents(log, events)
      for (const listener of [...listeners]) {
        try {
          listener(events)
        } catch (error) {
          log.error('chat event listener failed', error)
        }
      }
      firstScreen.delivered(events)
    },
    beforeFlush: () => rooms.emitDirty(),
  })
  const emit = (event: ChatEvent): void => batcher.push(event)
  const data = new AccountData({ clock, emit, ...(deps.openStore ? { open: deps.openStore } : {}) })
  const rooms = new RoomRegistry({
    persistence: (key) => data.forRoom(key),
    afterFirstScreen: (connect) => firstScreen.afterHold(connect),
    draftOf: (key) => data.draftOf(key),
    session,
    clock,
    notifier: deps.notifier,
    policy,
    random: deps.random ?? Math.random,
    createWebSocket: deps.createWebSocket,
    emit,
    wake: () => batcher.wake(),
    messageNotifications: () => settings.current().messageNotifications,
    mentionNotifications: () => settings.current().mentionNotifications,
  })

  function snapshot(): SessionSnapshot {
    const s = session.snapshot()
    return s.server === null && deps.defaultServer ? { ...s, server: deps.defaultServer } : s
  }

  const avatars = new AvatarFetcher({
    origin: () => {
      const { status, server } = session.snapshot()
      return status === 'signed-in' || status === 'expired' ? server : null
    },
  })
  const lifecycle = new SessionLifecycle({ session, rooms, emit, snapshot, data, firstScreen })
  const roomIntents = createRoomIntents({ session, rooms, lifecycle, emit })
  const sync = new RoomSync({
    session,
    rooms,
    data,
    clock,
    emit,
    ...(deps.roomSyncIntervalMs !== undefined ? { intervalMs: deps.roomSyncIntervalMs } : {}),
  })
  const stopSyncWatch = session.onChange((s) =>
    s.status === 'signed-in' ? sync.start() : sync.stop(),
  )

  async function signIn(args: SignInArgs): Promise<SessionSnapshot> {
    await session.signIn(args.server, args.email, args.password, {
      allowUnencrypted: args.allowUnencrypted === true,
    })
    await lifecycle.roomsLoading
    return snapshot()
  }

  return {
    ...roomIntents,
    ...createPeopleIntents({ session, rooms, data, sync, emit, signIn }),
    async joinRoom(key) {
      // Before and after: a room-list sync overlapping the join must not drop the new room.
      sync.localChange()
      const summary = await roomIntents.joinRoom(key)
      sync.localChange()
      return summary
    },
    setWindowFocused(focused) {
      roomIntents.setWindowFocused(focused)
      // Back to the window: renames and deletions made meanwhile show up now.
      if (focused) void sync.sync()
    },
    ...createMessageIntents(rooms),
    saveDraft(key, body) {
      rooms.require(key)
      data.saveDraft(key, body)
      return null
    },
    ...createSearchIntents({ session, rooms, store: () => data.current }),
    copyText(words) {
      if (!deps.copyText) throw new AppError('internal', text('error.copyUnavailable'))
      deps.copyText(words)
      return null
    },
    getSettings: settings.getSettings,
    updateSettings: settings.updateSettings,
    openExternal: settings.openExternal,
    writeLog: (entry) => rendererLog.write(entry),
    avatars,
    async start() {
      await session.restore()
      await lifecycle.roomsLoading
    },
    onEvents(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async dispose() {
      firstScreen.open()
      stopSyncWatch()
      sync.stop()
      lifecycle.dispose()
      rooms.clear()
      data.close()
      batcher.flush()
      batcher.dispose()
      session.dispose()
    },
    getSession: () => snapshot(),
    signIn,
    async signOut() {
      await session.signOut()
      return snapshot()
    },
  }
}
