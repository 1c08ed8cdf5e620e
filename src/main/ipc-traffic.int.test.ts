/**
 * What crosses IPC when a user signs in, opens a room with 10k messages, switches rooms and
 * focuses the window: counted through the real IPC router (recording handle/emit), the real chat
 * service and the real local server. Main owns the state; the renderer gets each fact once: a
 * room's history once per open, every message at most once per change, connection state only in
 * `connection-changed`, and no history in any call's result.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../server/test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../server/test-support'
import type {
  ChatEvent,
  ChatMessage,
  EventPayloads,
  InvokeChannel,
  Result,
  RoomKey,
} from '../shared/ipc-contract'
import { eventChannels } from '../shared/ipc-contract'
import type { ChatService } from './core/chat/chat-service'
import type { TestClient } from './core/test-support/chat-harness'
import { createTestClient, signedInClient } from './core/test-support/chat-harness'
import { waitUntil } from './core/test-support/wait'
import { seedHistory } from './core/test-support/seed-history'
import { MEMORY_ONLY_WINDOW } from './core/chat/history/history-window'
import type { HandleFn } from './ipc'
import { registerIpc } from './ipc'

const GENERAL = 'alice/general'
const PRIVATE = 'bob/private'
const HISTORY_SIZE = 10_000

let server: TestServer | null = null
let dataDir = ''
const skip = process.env.EDUSPHERE_URL ? EXTERNAL_SKIP_REASON : null
if (skip) console.log(`ipc traffic test ${skip}`)

/** The renderer's side of the pipe: every invoke and its result, every event batch. */
class IpcRecorder {
  readonly handlers = new Map<InvokeChannel, Parameters<HandleFn>[1]>()
  readonly results: { channel: InvokeChannel; result: Result<unknown> }[] = []
  readonly events: ChatEvent[] = []
  readonly stop: () => void

  constructor(service: ChatService) {
    this.stop = registerIpc(
      (channel, listener) => this.handlers.set(channel, listener),
      <C extends keyof EventPayloads>(channel: C, payload: EventPayloads[C]) => {
        expect(channel).toBe(eventChannels.events)
        // Structured clone, as the real pipe does: nothing shared with main survives.
        this.events.push(...structuredClone(payload))
      },
      service,
      () => true,
    )
  }

  async invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    const result = await handler('the window', ...args)
    this.results.push({ channel, result })
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value
  }

  of<K extends ChatEvent['kind']>(kind: K): Extract<ChatEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<ChatEvent, { kind: K }> => e.kind === kind)
  }
}

/** True when `value` holds a ChatMessage anywhere (a history leaking into a call's result). */
function holdsMessages(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsMessages)
  if (value === null || typeof value !== 'object') return false
  if ('author' in value && 'body' in value && 'status' in value) return true
  return Object.values(value).some(holdsMessages)
}

beforeAll(async () => {
  if (skip) return
  dataDir = mkdtempSync(join(tmpdir(), 'edusphere-ipc-traffic-'))
  server = await startTestServer({ dataDir })
  await server.stop()
  seedHistory(dataDir, HISTORY_SIZE)
  await server.start()
}, 60_000)

afterAll(async () => {
  await server?.dispose()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe.skipIf(skip !== null)('IPC traffic: sign in, open 10k, switch rooms, focus', () => {
  it('sends each room history once per open and each message at most once per change', async () => {
    const url = server!.url
    const bob: TestClient = createTestClient(url)
    const ipc = new IpcRecorder(bob.service)
    let alice: TestClient | null = null
    const opens = new Map<RoomKey, number>()
    const open = async (key: RoomKey): Promise<void> => {
      opens.set(key, (opens.get(key) ?? 0) + 1)
      expect(await ipc.invoke('rooms:open-room', key)).toBeNull()
      await waitUntil(
        () => ipc.of('messages-reset').filter((e) => e.roomKey === key).length === opens.get(key),
        `the history of ${key} after open ${opens.get(key)}`,
        20_000,
      )
    }
    const unread = (key: RoomKey): number =>
      bob.service.trayState().rooms.find((r) => r.key === key)?.unread ?? -1
    try {
      const { email, password } = demoUsers.bob
      await ipc.invoke('session:sign-in', { server: url, email, password })
      await waitUntil(
        () => bob.service.trayState().connection === 'connected',
        'both rooms connected',
        20_000,
      )
      alice = await signedInClient(url, demoUsers.alice.email, demoUsers.alice.password, GENERAL)

      // Nothing about messages crossed before a room was opened.
      expect(ipc.events.filter((e) => e.kind.startsWith('message'))).toEqual([])

      await open(GENERAL)
      const [first] = ipc.of('messages-reset')
      // The window, not the whole history (memory only here: no store behind the service).
      expect(first?.messages.length).toBe(Math.min(HISTORY_SIZE, MEMORY_ONLY_WINDOW))
      expect(first?.hasOlder).toBe(HISTORY_SIZE > MEMORY_ONLY_WINDOW)

      // Live traffic in the open room: each message crosses once, as it arrives.
      const live = [`live one ${randomUUID()}`, `live two ${randomUUID()}`]
      for (const body of live) await alice.service.sendMessage(GENERAL, body)
      await waitUntil(
        () => live.every((b) => ipc.of('message-upserted').some((e) => e.message.body === b)),
        'the live messages',
        20_000,
      )

      // Switch rooms: Private's history once; General keeps collecting unread.
      await open(PRIVATE)
      const away = `while in private ${randomUUID()}`
      await alice.service.sendMessage(GENERAL, away)
      await waitUntil(() => unread(GENERAL) === 1, 'unread in General', 20_000)

      // Back to General (its history once more: a second open), then the window loses focus.
      await open(GENERAL)
      expect(unread(GENERAL)).toBe(0)
      bob.service.setWindowFocused(false)
      const unseen = `while unfocused ${randomUUID()}`
      await alice.service.sendMessage(GENERAL, unseen)
      await waitUntil(() => unread(GENERAL) === 1, 'unread while unfocused', 20_000)
      // The count is main's own state at once; the message crosses with the next batch.
      await waitUntil(
        () => ipc.of('message-upserted').some((e) => e.message.body === unseen),
        'the unfocused message',
        20_000,
      )
      // Focus on the active room: main reads it; the renderer did nothing but open.
      bob.service.setWindowFocused(true)
      expect(unread(GENERAL)).toBe(0)
      await waitUntil(
        () => ipc.of('room-updated').some((e) => e.room.key === GENERAL && e.room.unread === 0),
        'the read room, as an update',
        20_000,
      )

      // --- What crossed ---------------------------------------------------------------------
      // Each room's history at most once per open (here: exactly once per open).
      for (const [key, count] of opens)
        expect(ipc.of('messages-reset').filter((e) => e.roomKey === key)).toHaveLength(count)

      // Every message at most once per change: between a room's resets, an upsert must carry
      // something the renderer does not have yet, and no history row crosses outside a reset.
      const held = new Map<RoomKey, Map<string, string>>()
      let upserts = 0
      for (const event of ipc.events) {
        if (event.kind === 'messages-reset') {
          held.set(event.roomKey, new Map(event.messages.map((m) => [m.id, JSON.stringify(m)])))
        } else if (event.kind === 'message-upserted') {
          upserts++
          const room = held.get(event.roomKey)
          expect(room, `an upsert for ${event.roomKey} before its history`).toBeDefined()
          const state = JSON.stringify(event.message)
          expect(room!.get(event.message.id), `a repeat of ${event.message.body}`).not.toBe(state)
          room!.set(event.message.id, state)
        }
      }
      const bodies = ipc.of('message-upserted').map((e) => e.message.body)
      expect(bodies.filter((b) => b.startsWith('history line'))).toEqual([])
      // Each live message crossed once on its own, in the open room or in one opened before (the
      // later reset of General carries them again: that is the second open).
      expect(bodies.sort()).toEqual([...live, away, unseen].sort())
      expect(upserts).toBe(4)

      // Main's answers carry no history, and room summaries no copy of the connection.
      expect(ipc.results.filter((r) => holdsMessages(r.result))).toEqual([])
      const summaries = [
        ...ipc.of('rooms-reset').flatMap((e) => e.rooms),
        ...ipc.of('room-updated').map((e) => e.room),
      ]
      expect(summaries.length).toBeGreaterThan(0)
      for (const room of summaries) expect(room).not.toHaveProperty('connection')
      expect(ipc.of('connection-changed').length).toBeGreaterThan(0)
      // One sign-in, one list of rooms.
      expect(ipc.of('rooms-reset')).toHaveLength(1)

      const crossed = (messages: ChatMessage[]): number => messages.length
      console.log(
        `ipc traffic: ${ipc.events.length} events; ` +
          `${ipc.of('messages-reset').length} history resets carrying ` +
          `${ipc.of('messages-reset').reduce((n, e) => n + crossed(e.messages), 0)} messages ` +
          `for ${[...opens.values()].reduce((a, b) => a + b, 0)} opens; ${upserts} upserts`,
      )
    } finally {
      ipc.stop()
      await alice?.dispose()
      await bob.dispose()
    }
  }, 120_000)
})
