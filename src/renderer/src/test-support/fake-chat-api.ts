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
  Result,
  RoomSummary,
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
  connections: Record<string, ConnectionSnapshot>
  settingsValue: Settings
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

/** Builds a fake with the given starting state. */
export function createFakeChatApi(
  init: Partial<
    Pick<FakeChatApi, 'session' | 'rooms' | 'browsable' | 'history' | 'connections'>
  > = {},
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
    connections: init.connections ?? {},
    settingsValue: { messageNotifications: true, logLevel: 'info' },
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
      if (result.ok)
        fake.emit([
          { kind: 'messages-reset', roomKey: args[0], messages: fake.history[args[0]] ?? [] },
        ])
      return result
    },
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
    openExternal: (...args) => answer('openExternal', args, () => null),
    // Logs: not recorded in `calls`, so tests that list the app's calls see only the chat's.
    writeLog: () => Promise.resolve({ ok: true, value: null }),
  }
  return fake
}
