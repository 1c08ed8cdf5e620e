/// <reference lib="dom" />
/**
 * Browser-side fake ChatApi for the renderer benchmark, bundled to an IIFE and injected with
 * page.addInitScript before the app loads. It answers like main would (signed in, one room whose
 * history has `count` messages) and lets the bench push batched events the way main does.
 */
import type {
  ChatApi,
  ChatEvent,
  ChatMessage,
  Result,
  RoomSummary,
  Settings,
} from '../../src/shared/ipc-contract'

interface BenchConfig {
  count: number
  /**
   * As main sends it now: the newest WINDOW messages on open, older pages on request (made on
   * demand, so the page holds no copy of the whole history). Without it the whole history goes
   * in the reset, as before main held a window.
   */
  windowed?: boolean
  /** Delay of the history after the open, ms (0: the next task, as main's IPC): profiling only. */
  resetDelayMs?: number
}

/** Main's window (history-window.ts) and older page size. */
const WINDOW = 300
const PAGE = 192

interface BenchControl {
  /** Pushes `total` new messages over `durationMs`, one batch per animation frame, like main's batcher. */
  burst(total: number, durationMs: number): Promise<{ batches: number }>
  roomKey: string
}

declare global {
  interface Window {
    __benchConfig?: BenchConfig
    __bench?: BenchControl
    edusphere?: ChatApi
  }
}

const ROOM_KEY = 'alice/general'
const AUTHORS = ['alice', 'bob', 'carol', 'dave', 'erin'].map((username, i) => ({
  id: String(i + 1),
  username,
  avatarUrl: null,
}))
const WORDS =
  'the quick brown fox jumps over lazy dogs while students discuss algebra geometry calculus proofs and homework deadlines'.split(
    ' ',
  )

function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0')
  return `00000000-0000-4000-8000-${hex}`
}

/** Deterministic pseudo-random message n: runs of the same author, varied lengths, some links. */
function makeMessage(n: number, startMs: number): ChatMessage {
  const author = AUTHORS[Math.floor(n / 3) % AUTHORS.length]!
  const words = 3 + ((n * 7919) % 60)
  let body = ''
  for (let i = 0; i < words; i++) body += (i ? ' ' : '') + WORDS[(n + i * 13) % WORDS.length]
  if (n % 17 === 0) body += ' https://example.org/notes/' + n
  const created = startMs + n * 45_000
  return {
    id: uuid(n),
    clientId: null,
    roomKey: ROOM_KEY,
    author,
    body,
    created,
    updated: created,
    edited: n % 23 === 0,
    status: 'confirmed',
    error: null,
    own: author.username === 'alice',
    pendingAction: null,
  }
}

const config: BenchConfig = window.__benchConfig ?? { count: 10_000 }
const start = Date.now() - (config.count + 10_000) * 45_000
const history: ChatMessage[] = config.windowed
  ? []
  : Array.from({ length: config.count }, (_, n) => makeMessage(n, start))
/** Messages [from, to) of the room, made on demand in windowed mode. */
const range = (from: number, to: number): ChatMessage[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, k) => makeMessage(from + k, start))
/**
 * The window the open sends, made before the bench clicks: making messages is the fake's work
 * (main has them in memory), not the renderer's, so it stays out of the measured open.
 */
const openWindow: ChatMessage[] = config.windowed
  ? range(Math.max(0, config.count - WINDOW), config.count)
  : []
let next = config.count

const connection = {
  state: 'connected' as const,
  attempt: 0,
  maxAttempts: 5,
  nextRetryAt: null,
  reason: null,
  terminal: null,
}
const room: RoomSummary = {
  key: ROOM_KEY,
  id: 'room-1',
  name: 'General',
  slug: 'general',
  host: 'alice',
  topic: 'Math',
  description: 'Benchmark room',
  participants: ['alice', 'bob', 'carol', 'dave', 'erin'],
  joined: true,
  unread: 0,
  mentions: 0,
}
const settings: Settings = {
  messageNotifications: true,
  mentionNotifications: true,
  locale: 'en',
  systemLocale: 'en-US',
  logLevel: 'info',
}
const listeners = new Set<(events: ChatEvent[]) => void>()
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value })

const api: ChatApi = {
  getSession: () =>
    ok({
      status: 'signed-in',
      server: 'http://localhost:8000',
      user: { id: '1', username: 'alice', name: 'Alice', avatarUrl: null },
      keychain: 'available',
      keychainMessage: null,
      reason: null,
    }),
  signIn: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'bench' } }),
  signOut: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'bench' } }),
  listRooms: () => ok([room]),
  browseRooms: () => ok([room]),
  joinRoom: () => ok(room),
  // As main does: the history arrives once, as an event, after the open.
  openRoom: (key) => {
    const from = Math.max(0, config.count - WINDOW)
    const event: ChatEvent = config.windowed
      ? {
          kind: 'messages-reset',
          roomKey: key,
          messages: openWindow,
          hasOlder: from > 0,
        }
      : { kind: 'messages-reset', roomKey: key, messages: history }
    setTimeout(() => {
      for (const listener of listeners) listener([event])
    }, config.resetDelayMs ?? 0)
    return ok(null)
  },
  loadOlder: (key, beforeId) => {
    const end = parseInt(beforeId.slice(-12), 16)
    const from = Math.max(0, end - PAGE)
    const event: ChatEvent = {
      kind: 'older-messages-loaded',
      roomKey: key,
      messages: range(from, end),
      hasOlder: from > 0,
    }
    setTimeout(() => {
      for (const listener of listeners) listener([event])
    }, 0)
    return ok(null)
  },
  sendMessage: () => ok({ clientId: 'c' }),
  editMessage: () => ok(null),
  deleteMessage: () => ok(null),
  retryMessage: () => ok(null),
  discardMessage: () => ok(null),
  saveDraft: () => ok(null),
  listConnections: () => ok({ [ROOM_KEY]: connection }),
  retryNow: () => ok(null),
  searchMessages: () => ok({ hits: [], truncated: false }),
  revealMessage: (key) => ok({ roomKey: key, messages: [] }),
  copyText: () => ok(null),
  getSettings: () => ok(settings),
  updateSettings: () => ok(settings),
  openExternal: () => ok(null),
  getRoomDetails: () =>
    Promise.resolve({ ok: false, error: { code: 'internal', message: 'bench' } }),
  listTopics: () => ok(['Math']),
  createRoom: () => ok(room),
  updateRoom: () => ok(room),
  deleteRoom: () => ok(null),
  getProfile: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'bench' } }),
  updateProfile: () =>
    Promise.resolve({ ok: false, error: { code: 'internal', message: 'bench' } }),
  register: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'bench' } }),
  writeLog: () => ok(null),
  onEvents(listener) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

window.edusphere = api
window.__bench = {
  roomKey: ROOM_KEY,
  burst(total, durationMs) {
    return new Promise((resolve) => {
      const t0 = performance.now()
      let sent = 0
      let batches = 0
      const startAt = Date.now()
      const frame = (): void => {
        const due = Math.min(total, Math.ceil(((performance.now() - t0) / durationMs) * total))
        if (due > sent) {
          const events: ChatEvent[] = []
          for (; sent < due; sent++) {
            const m = makeMessage(next++, start)
            events.push({
              kind: 'message-upserted',
              roomKey: ROOM_KEY,
              message: {
                ...m,
                created: startAt + sent,
                updated: startAt + sent,
                own: false,
                author: AUTHORS[1]!,
              },
              replaces: null,
            })
          }
          batches++
          for (const l of listeners) l(events)
        }
        if (sent < total) requestAnimationFrame(frame)
        else resolve({ batches })
      }
      requestAnimationFrame(frame)
    })
  },
}
