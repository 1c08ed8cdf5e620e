/**
 * One chat core of the soak: the real ChatService (memory secret store, real `ws`, system clock)
 * with a short reconnect policy, the room state a renderer would show (rebuilt from the batched
 * events), and what the figures need: connection timelines, confirmations, frames sent.
 */
import type { ChatMessage, ConnectionState, RoomKey } from '../src/shared/ipc-contract'
import { AppError } from '../src/shared/errors'
import type { ChatService } from '../src/main/core/chat/chat-service'
import { createChatService } from '../src/main/core/chat/chat-service'
import { systemClock } from '../src/main/core/clock'
import { EduSphereApi } from '../src/main/core/session/edusphere-api'
import type { ReconnectPolicy, WebSocketFactory } from '../src/main/core/ports'
import { createMemorySecretStore } from '../src/main/core/session/secret-store'
import { createWsSocket } from '../src/main/core/chat/connection/ws-factory'

/** Recovery within the run: 200 ms steps, 1 s heartbeat with a 1 s timeout, ±20 % jitter. */
export const SOAK_POLICY: Partial<ReconnectPolicy> = {
  baseDelayMs: 200,
  jitter: 0.2,
  minUptimeMs: 1000,
  slowRetryMs: 1000,
  connectTimeoutMs: 2000,
  heartbeatIntervalMs: 1000,
  heartbeatTimeoutMs: 1000,
}

/** A state change of one room's connection, with when it happened. */
export interface StateChange {
  at: number
  state: ConnectionState
}

/** A soak participant. */
export interface SoakCore {
  readonly name: string
  readonly username: string
  readonly service: ChatService
  /** Messages as the renderer shows them, per room. */
  messages(room: RoomKey): ChatMessage[]
  state(room: RoomKey): ConnectionState | null
  /** Every connection state change per room, in order. */
  readonly timeline: Map<RoomKey, StateChange[]>
  /** Per own send (client id): every server id (lower case) it was ever shown confirmed as. */
  readonly confirmedAs: Map<string, Set<string>>
  /** Ids (lower case) and bodies of every message ever shown confirmed, anyone's. */
  readonly confirmedIds: Map<string, string>
  /** Client ids of own sends ever shown unconfirmed (the simulated user then discarded them). */
  readonly unconfirmed: Set<string>
  /** How often each outgoing frame (by its JSON) went on the wire. */
  readonly framesSent: Map<string, number>
  /** Errors shown to the user, in order. */
  readonly errors: string[]
}

/** Creates a core; it talks to whichever server it signs in to. */
export function createSoakCore(name: string, username: string): SoakCore {
  const rooms = new Map<RoomKey, Map<string, ChatMessage>>()
  const states = new Map<RoomKey, ConnectionState>()
  const timeline = new Map<RoomKey, StateChange[]>()
  const confirmedAs = new Map<string, Set<string>>()
  const confirmedIds = new Map<string, string>()
  const unconfirmed = new Set<string>()
  const framesSent = new Map<string, number>()
  const errors: string[] = []

  // Counts every frame sent (a re-send after a drop shows up as a second copy of the same text).
  const createWebSocket: WebSocketFactory = (socketUrl, options) => {
    const socket = createWsSocket(socketUrl, options)
    const send = socket.send.bind(socket)
    socket.send = (data: string) => {
      send(data)
      const frame = JSON.parse(data) as Record<string, unknown>
      const key = JSON.stringify([frame.type, frame.messageId ?? null, frame.message ?? null])
      framesSent.set(key, (framesSent.get(key) ?? 0) + 1)
    }
    return socket
  }
  const service = createChatService({
    secretStore: createMemorySecretStore(),
    keychainUnavailableReason: 'soak cores keep their sign-in in memory',
    notifier: { error: () => undefined, message: () => undefined },
    createWebSocket,
    clock: systemClock,
    policy: SOAK_POLICY,
    // A stalled proxy must not hold a history fetch for the default 15 s.
    createApi: (baseUrl) => new EduSphereApi(baseUrl, { timeoutMs: 3000 }),
  })
  const room = (key: RoomKey) => {
    let r = rooms.get(key)
    if (!r) rooms.set(key, (r = new Map()))
    return r
  }
  const seen = (m: ChatMessage) => {
    if (m.status === 'unconfirmed') return discardUnconfirmed(m)
    if (m.status !== 'confirmed') return
    const id = m.id.toLowerCase()
    confirmedIds.set(id, m.body)
    if (m.clientId === null) return
    let ids = confirmedAs.get(m.clientId)
    if (!ids) confirmedAs.set(m.clientId, (ids = new Set()))
    ids.add(id)
  }
  // The simulated user reads "this may already have arrived" and discards the message; it never
  // sends it again, since that could store it twice. The verifier allows such a send to be stored
  // at most once, or not at all. Discarded after the event handler returns: it emits events too.
  const discardUnconfirmed = (m: ChatMessage) => {
    if (m.clientId === null || unconfirmed.has(m.clientId)) return
    const clientId = m.clientId
    unconfirmed.add(clientId)
    void Promise.resolve()
      .then(() => service.discardMessage(m.roomKey, clientId))
      .catch((error: unknown) => {
        // Refused (e.g. already gone): nothing was resent. Anything else is a soak failure
        // (the rethrow becomes an unhandled rejection, which the run reports).
        if (!(error instanceof AppError)) throw error
        errors.push(error.message)
      })
  }
  service.onEvents((batch) => {
    const now = Date.now()
    for (const e of batch) {
      if (e.kind === 'connection-changed') {
        if (states.get(e.roomKey) === e.connection.state) continue
        states.set(e.roomKey, e.connection.state)
        let list = timeline.get(e.roomKey)
        if (!list) timeline.set(e.roomKey, (list = []))
        list.push({ at: now, state: e.connection.state })
      } else if (e.kind === 'messages-reset') {
        const r = room(e.roomKey)
        r.clear()
        for (const m of e.messages) {
          r.set(m.id.toLowerCase(), m)
          seen(m)
        }
      } else if (e.kind === 'message-upserted') {
        const r = room(e.roomKey)
        if (e.replaces !== null) r.delete(e.replaces.toLowerCase())
        r.set(e.message.id.toLowerCase(), e.message)
        seen(e.message)
      } else if (e.kind === 'message-removed') room(e.roomKey).delete(e.id.toLowerCase())
      else if (e.kind === 'error') errors.push(e.message)
    }
  })
  return {
    name,
    username,
    service,
    messages: (key) => [...room(key).values()],
    state: (key) => states.get(key) ?? null,
    timeline,
    confirmedAs,
    confirmedIds,
    unconfirmed,
    framesSent,
    errors,
  }
}
