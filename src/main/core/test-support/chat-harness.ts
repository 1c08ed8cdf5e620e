/**
 * A chat-service client for integration tests: the real service with real sockets and GraphQL,
 * a memory secret store, a recording notifier, and a small reducer that applies the batched
 * events exactly as a renderer would, so tests assert on what the user would see.
 */
import type { ChatEvent, ChatMessage, RoomKey, SessionSnapshot } from '../../../shared/ipc-contract'
import type { ChatService, ChatServiceDeps } from '../chat/chat-service'
import { createChatService } from '../chat/chat-service'
import { systemClock } from '../clock'
import type { Notifier, ReconnectPolicy } from '../ports'
import type { ChatAttention } from '../shell/notification-policy'
import { createMemorySecretStore } from '../session/secret-store'
import { createWsSocket } from '../chat/connection/ws-factory'
import { waitUntil } from './wait'

/** Fast, jitter-free reconnects so tests do not wait on the default 3 s steps. */
export const TEST_POLICY: Partial<ReconnectPolicy> = {
  baseDelayMs: 50,
  jitter: 0,
  minUptimeMs: 200,
  slowRetryMs: 300,
  connectTimeoutMs: 3000,
  heartbeatIntervalMs: 5000,
  heartbeatTimeoutMs: 3000,
}

export interface TestClient {
  service: ChatService
  /** Every event, in order. */
  events: ChatEvent[]
  /** Every notification the core asked for; messages carry the chat facts the policy gets. */
  notified: {
    kind: 'error' | 'message'
    title: string
    body: string
    roomKey: RoomKey | null
    chat?: ChatAttention
  }[]
  opened: string[]
  session(): SessionSnapshot | null
  /** The room's messages as a renderer would show them after applying every event. */
  messages(roomKey: RoomKey): ChatMessage[]
  connection(roomKey: RoomKey): string | null
  waitFor<T>(probe: () => T, what: string): Promise<NonNullable<T>>
  dispose(): Promise<void>
}

/** A client of `url`; `overrides` replace any dependency (e.g. a tampering socket factory). */
export function createTestClient(
  url: string,
  overrides: Partial<ChatServiceDeps> = {},
): TestClient {
  const events: ChatEvent[] = []
  const notified: TestClient['notified'] = []
  const opened: string[] = []
  const rooms = new Map<RoomKey, Map<string, ChatMessage>>()
  const connections = new Map<RoomKey, string>()
  let session: SessionSnapshot | null = null
  const notifier: Notifier = {
    error: (title, body, roomKey) => notified.push({ kind: 'error', title, body, roomKey }),
    message: (m, chat) =>
      notified.push({ kind: 'message', title: m.roomName, body: m.body, roomKey: m.roomKey, chat }),
  }
  const service = createChatService({
    secretStore: createMemorySecretStore(),
    keychainUnavailableReason: 'tests use the memory store',
    notifier,
    createWebSocket: createWsSocket,
    clock: systemClock,
    random: () => 0.5,
    policy: TEST_POLICY,
    defaultServer: url,
    openExternal: (u) => opened.push(u),
    ...overrides,
  })
  const room = (key: RoomKey) => {
    const existing = rooms.get(key)
    if (existing) return existing
    const created = new Map<string, ChatMessage>()
    rooms.set(key, created)
    return created
  }
  service.onEvents((batch) => {
    for (const e of batch) {
      events.push(e)
      if (e.kind === 'session-changed') session = e.session
      else if (e.kind === 'connection-changed') connections.set(e.roomKey, e.connection.state)
      else if (e.kind === 'messages-reset') {
        const r = room(e.roomKey)
        r.clear()
        for (const m of e.messages) r.set(m.id.toLowerCase(), m)
      } else if (e.kind === 'older-messages-loaded') {
        const r = room(e.roomKey)
        const newer = [...r.entries()]
        r.clear()
        for (const m of e.messages) r.set(m.id.toLowerCase(), m)
        for (const [k, m] of newer) if (!r.has(k)) r.set(k, m)
      } else if (e.kind === 'message-upserted') {
        const r = room(e.roomKey)
        if (e.replaces !== null) r.delete(e.replaces.toLowerCase())
        r.set(e.message.id.toLowerCase(), e.message)
      } else if (e.kind === 'message-removed') room(e.roomKey).delete(e.id.toLowerCase())
      else if (e.kind === 'rooms-reset' && e.rooms.length === 0) rooms.clear()
    }
  })
  return {
    service,
    events,
    notified,
    opened,
    session: () => session,
    messages: (key) => [...room(key).values()],
    connection: (key) => connections.get(key) ?? null,
    waitFor: (probe, what) => waitUntil(probe, what, 20_000),
    dispose: () => service.dispose(),
  }
}

/** A client signed in as `email` with `roomKey` open and connected. */
export async function signedInClient(
  url: string,
  email: string,
  password: string,
  roomKey: RoomKey,
  overrides: Partial<ChatServiceDeps> = {},
): Promise<TestClient> {
  const client = createTestClient(url, overrides)
  await client.service.signIn({ server: url, email, password })
  await client.service.openRoom(roomKey)
  await client.waitFor(
    () => client.connection(roomKey) === 'connected',
    `${email} connected to ${roomKey}`,
  )
  return client
}
