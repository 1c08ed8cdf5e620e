/**
 * An in-memory ChatApi for the renderer's unit and component tests. The real bridge needs
 * Electron's IPC (or the e2e harness); here every call is recorded and answered from plain state,
 * and `emit` plays the part of main pushing a batch of events.
 */
import type {
  AppErrorShape,
  ChatApi,
  ChatEvent,
  ChatMessage,
  ConnectionSnapshot,
  Profile,
  Result,
  RoomDetails,
  RoomSummary,
  SearchHit,
  SessionSnapshot,
  Settings,
} from '../../../shared/ipc-contract'

type Method = Exclude<keyof ChatApi, 'onEvents'>

export interface FakeChatApi extends ChatApi {
  calls: Array<{ method: Method; args: unknown[] }>
  session: SessionSnapshot
  rooms: RoomSummary[]
  browsable: RoomSummary[]
  history: Record<string, ChatMessage[]>
  /** Per room, the first unread message sent with its history (the "New messages" divider). */
  firstUnread: Record<string, string>
  connections: Record<string, ConnectionSnapshot>
  settingsValue: Settings
  /** What the next searches answer (the fake does not search). */
  searchHits: SearchHit[]
  /** What revealMessage answers per room (default: the room's whole `history`). */
  revealed: Record<string, ChatMessage[]>
  /** Messages an open delivers (the newest), as main's window; older ones come by loadOlder. */
  windowSize: number
  /** Messages per loadOlder page. */
  pageSize: number
  /** Room info by key (getRoomDetails); a key without one fails as not found. */
  details: Record<string, RoomDetails>
  topics: string[]
  profile: Profile
  /** Makes the next call of `method` fail with `error`. */
  failNext(method: Method, error: AppErrorShape): void
  /** Pushes a batch of events to every subscriber, as main does. */
  emit(events: ChatEvent[]): void
  listenerCount(): number
  callsOf(method: Method): unknown[][]
}

export const signedInSession: SessionSnapshot = {
  status: 'signed-in',
  server: 'http://localhost:8000',
  user: { id: '1', username: 'alice', name: 'Alice', avatarUrl: null },
  keychain: 'available',
  keychainMessage: null,
  reason: null,
}

export const signedOutSession: SessionSnapshot = {
  status: 'signed-out',
  server: null,
  user: null,
  keychain: 'available',
  keychainMessage: null,
  reason: null,
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** The rooms-and-people calls, answering as main does (room and session changes as events too). */
function peopleCalls(get: () => FakeChatApi) {
  const run = <T>(method: Method, args: unknown[], value: () => T): Promise<Result<T>> => {
    const fake = get()
    fake.calls.push({ method, args })
    const failure = pendingFailures.get(fake)?.get(method)
    if (failure) {
      pendingFailures.get(fake)!.delete(method)
      return Promise.resolve({ ok: false, error: failure })
    }
    try {
      return Promise.resolve({ ok: true, value: value() })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return Promise.resolve({ ok: false, error: { code: 'not-found', message } })
    }
  }
  const api: Pick<
    ChatApi,
    | 'getRoomDetails'
    | 'listTopics'
    | 'createRoom'
    | 'updateRoom'
    | 'deleteRoom'
    | 'getProfile'
    | 'updateProfile'
    | 'register'
  > = {
    getRoomDetails: (...args) =>
      run('getRoomDetails', args, () => {
        const details = get().details[args[0]]
        if (!details) throw new Error('This room was deleted by its host.')
        return details
      }),
    listTopics: (...args) =>
      run('listTopics', args, () =>
        get().topics.filter((t) => t.toLowerCase().includes(args[0].search.toLowerCase())),
      ),
    createRoom: (...args) =>
      run('createRoom', args, () => {
        const fake = get()
        const host = fake.session.user?.username ?? 'alice'
        const slug = slugOf(args[0].name)
        const room: RoomSummary = {
          key: `${host}/${slug}`,
          id: `room-${slug}`,
          name: args[0].name,
          slug,
          host,
          topic: args[0].topic,
          description: args[0].description,
          participants: [host],
          joined: true,
          unread: 0,
          mentions: 0,
        }
        fake.rooms = [...fake.rooms, room]
        fake.emit([{ kind: 'room-updated', room }])
        return room
      }),
    updateRoom: (...args) =>
      run('updateRoom', args, () => {
        const fake = get()
        const current = fake.rooms.find((r) => r.key === args[0])
        if (!current) throw new Error(`fake: no room ${args[0]}`)
        const room = { ...current, ...args[1] }
        fake.rooms = fake.rooms.map((r) => (r.key === room.key ? room : r))
        fake.emit([{ kind: 'room-updated', room }])
        return room
      }),
    deleteRoom: (...args) =>
      run('deleteRoom', args, () => {
        const fake = get()
        fake.rooms = fake.rooms.filter((r) => r.key !== args[0])
        fake.emit([{ kind: 'room-removed', roomKey: args[0] }])
        return null
      }),
    getProfile: (...args) => run('getProfile', args, () => get().profile),
    updateProfile: (...args) =>
      run('updateProfile', args, () => {
        const fake = get()
        const { name, bio, avatar } = args[0]
        fake.profile = {
          ...fake.profile,
          ...(name !== undefined ? { name } : {}),
          ...(bio !== undefined ? { bio } : {}),
          ...(avatar
            ? { avatarUrl: `/avatar/avatars%2F${encodeURIComponent(avatar.fileName)}` }
            : {}),
        }
        if (fake.session.user) {
          const { name: n, avatarUrl } = fake.profile
          fake.session = { ...fake.session, user: { ...fake.session.user, name: n, avatarUrl } }
          fake.emit([{ kind: 'session-changed', session: fake.session }])
        }
        return fake.profile
      }),
    register: (...args) =>
      run('register', args, () => {
        const fake = get()
        const { username, name, server } = args[0]
        fake.session = {
          ...signedInSession,
          server,
          user: { id: 'new', username, name, avatarUrl: null },
        }
        fake.emit([
          { kind: 'session-changed', session: fake.session },
          { kind: 'rooms-reset', rooms: fake.rooms },
        ])
        return fake.session
      }),
  }
  return api
}

/** failNext's failures, shared with the rooms-and-people calls. */
const pendingFailures = new WeakMap<FakeChatApi, Map<Method, AppErrorShape>>()

/** Builds a fake with the given starting state. */
export function createFakeChatApi(
  init: Partial<
    Pick<
      FakeChatApi,
      | 'session'
      | 'rooms'
      | 'browsable'
      | 'history'
      | 'connections'
      | 'firstUnread'
      | 'details'
      | 'topics'
    >
  > & {
    settingsValue?: Partial<Settings>
  } = {},
): FakeChatApi {
  const listeners = new Set<(events: ChatEvent[]) => void>()
  const failures = new Map<Method, AppErrorShape>()
  let nextClient = 1

  const ok = <T>(value: T): Result<T> => ({ ok: true, value })
  function answer<T>(method: Method, args: unknown[], value: () => T): Promise<Result<T>> {
    fake.calls.push({ method, args })
    const failure = failures.get(method)
    if (failure) {
      failures.delete(method)
      return Promise.resolve({ ok: false, error: failure })
    }
    return Promise.resolve(ok(value()))
  }

  const fake: FakeChatApi = {
    calls: [],
    session: init.session ?? signedOutSession,
    rooms: init.rooms ?? [],
    browsable: init.browsable ?? [],
    history: init.history ?? {},
    firstUnread: init.firstUnread ?? {},
    connections: init.connections ?? {},
    settingsValue: {
      messageNotifications: true,
      mentionNotifications: true,
      logLevel: 'info',
      locale: 'system',
      systemLocale: 'en-US',
      ...init.settingsValue,
    },
    searchHits: [],
    revealed: {},
    windowSize: Number.POSITIVE_INFINITY,
    pageSize: 200,
    details: init.details ?? {},
    topics: init.topics ?? ['Math', 'Science'],
    profile: { id: '1', username: 'alice', name: 'Alice', avatarUrl: null, bio: '' },
    failNext(method, error) {
      failures.set(method, error)
    },
    emit(events) {
      for (const l of [...listeners]) l(events)
    },
    listenerCount: () => listeners.size,
    callsOf: (method) => fake.calls.filter((c) => c.method === method).map((c) => c.args),
    onEvents(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSession: (...args) => answer('getSession', args, () => fake.session),
    // As main does: the session and the account's rooms arrive as events before the result.
    signIn: async (...args) => {
      const result = await answer('signIn', args, () => {
        fake.session = { ...signedInSession, server: args[0].server }
        return fake.session
      })
      if (result.ok)
        fake.emit([
          { kind: 'session-changed', session: fake.session },
          { kind: 'rooms-reset', rooms: fake.rooms },
        ])
      return result
    },
    signOut: (...args) =>
      answer('signOut', args, () => {
        fake.session = signedOutSession
        return fake.session
      }),
    listRooms: (...args) => answer('listRooms', args, () => fake.rooms),
    browseRooms: (...args) =>
      answer('browseRooms', args, () =>
        fake.browsable.filter((r) => r.name.toLowerCase().includes(args[0].search.toLowerCase())),
      ),
    joinRoom: (...args) =>
      answer('joinRoom', args, () => {
        const room = fake.browsable.find((r) => r.key === args[0])
        if (!room) throw new Error(`fake: no room ${args[0]}`)
        return { ...room, joined: true }
      }),
    // As main does: the history arrives once, as an event, not as the call's result.
    openRoom: async (...args) => {
      const result = await answer('openRoom', args, () => null)
      if (result.ok) {
        const all = fake.history[args[0]] ?? []
        const start = Math.max(0, all.length - fake.windowSize)
        const messages = all.slice(start)
        fake.emit([
          {
            kind: 'messages-reset',
            roomKey: args[0],
            messages,
            hasOlder: start > 0,
            firstUnreadId: fake.firstUnread[args[0]] ?? null,
          },
        ])
      }
      return result
    },
    // As main does: the page follows as an event.
    loadOlder: async (...args) => {
      const result = await answer('loadOlder', args, () => null)
      const all = fake.history[args[0]] ?? []
      const end = all.findIndex((m) => m.id === args[1])
      if (result.ok && end >= 0) {
        const start = Math.max(0, end - fake.pageSize)
        const messages = all.slice(start, end)
        fake.emit([
          { kind: 'older-messages-loaded', roomKey: args[0], messages, hasOlder: start > 0 },
        ])
      }
      return result
    },
    saveDraft: (...args) => answer('saveDraft', args, () => null),
    sendMessage: (...args) =>
      answer('sendMessage', args, () => ({ clientId: `client-${nextClient++}` })),
    editMessage: (...args) => answer('editMessage', args, () => null),
    deleteMessage: (...args) => answer('deleteMessage', args, () => null),
    retryMessage: (...args) => answer('retryMessage', args, () => null),
    discardMessage: (...args) => answer('discardMessage', args, () => null),
    listConnections: (...args) => answer('listConnections', args, () => fake.connections),
    retryNow: (...args) => answer('retryNow', args, () => null),
    getSettings: (...args) => answer('getSettings', args, () => fake.settingsValue),
    updateSettings: (...args) =>
      answer('updateSettings', args, () => {
        fake.settingsValue = { ...fake.settingsValue, ...args[0] }
        return fake.settingsValue
      }),
    searchMessages: (...args) =>
      answer('searchMessages', args, () => ({ hits: fake.searchHits, truncated: false })),
    revealMessage: (...args) =>
      answer('revealMessage', args, () => ({
        roomKey: args[0],
        messages: fake.revealed[args[0]] ?? fake.history[args[0]] ?? [],
      })),
    copyText: (...args) => answer('copyText', args, () => null),
    openExternal: (...args) => answer('openExternal', args, () => null),
    ...peopleCalls(() => fake),
    // Logs: not recorded in `calls`, so tests that list the app's calls see only the chat's.
    writeLog: () => Promise.resolve({ ok: true, value: null }),
  }
  pendingFailures.set(fake, failures)
  return fake
}
