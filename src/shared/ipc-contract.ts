/**
 * THE typed IPC contract between the main process and the renderer. Every invoke channel, its
 * argument schema and result type, and every event channel live here and nowhere else; `ChatApi`
 * (what the renderer sees as `window.edusphere`) is derived from it.
 */
import { z } from 'zod'
import type { LocalePreference } from './i18n'
import { AVATAR_MAX_BYTES } from './avatar-file'

// ---------------------------------------------------------------------------------------------
// View models: what the renderer sees. Already validated; never contains the token.

/** `host/slug`, the stable key of a room. */
export type RoomKey = string

/** The original web client's states (docs/protocol.md §7) plus the reconnect loop's. */
export type ConnectionState =
  'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'error'

/** Why a room will not connect until the user acts (docs/protocol.md §4 403 classification). */
export type TerminalReason = 'room-not-found' | 'not-participant' | 'session-expired'

export interface ConnectionSnapshot {
  state: ConnectionState
  /** Reconnect attempt in progress or scheduled, 1-based; 0 when not reconnecting. */
  attempt: number
  maxAttempts: number
  /** Epoch ms of the next scheduled try, or null. */
  nextRetryAt: number | null
  /** Human-readable reason for error/failed states. */
  reason: string | null
  terminal: TerminalReason | null
}

export interface RoomSummary {
  key: RoomKey
  id: string
  name: string
  slug: string
  host: string
  topic: string | null
  description: string | null
  participants: string[]
  /** True when the signed-in user is a participant. */
  joined: boolean
  /** Messages from others after the user's read mark. */
  unread: number
  /** Of those, the ones that mention the user (`@username`). */
  mentions: number
  /** The composer's unsent text in this joined room, as last saved (kept across restarts). */
  draft?: string
}

/**
 * `unconfirmed`: sent, the connection dropped before the server confirmed it, and the history
 * cannot tell whether it arrived (another device of the same user may have edited or deleted it).
 * The user sends it again or discards it, like a failed message.
 */
export type MessageStatus = 'confirmed' | 'pending' | 'failed' | 'unconfirmed'

export interface ChatMessage {
  /** Server id once confirmed; the client id while pending or failed. */
  id: string
  /** Set for messages this client sent (stays after confirmation). */
  clientId: string | null
  roomKey: RoomKey
  author: { id: string; username: string; avatarUrl: string | null }
  body: string
  /** Epoch ms. */
  created: number
  updated: number
  edited: boolean
  status: MessageStatus
  /** Why a failed (or unconfirmed) message was not delivered, in words the user can act on. */
  error: string | null
  own: boolean
  /** An edit or delete of this message is waiting for the server. */
  pendingAction: 'edit' | 'delete' | null
}

// Message search (search-text.ts has the matching rules) and revealing a message by id.

/** One message that matched a search. */
export interface SearchHit {
  roomKey: RoomKey
  id: string
  author: { id: string; username: string }
  /** Epoch ms. */
  created: number
  /** About 160 characters around the first match; '…' marks cut ends. */
  snippet: string
  /** [start, end) of each match within `snippet`, in UTF-16 code units. */
  ranges: [number, number][]
}

export interface SearchResults {
  /** Best first: whole-word matches before partial ones, then newest first. */
  hits: SearchHit[]
  /** More messages matched than were returned (narrow the search). */
  truncated: boolean
}

/** The messages around one message, oldest first, to show it in its place. */
export interface RevealedWindow {
  roomKey: RoomKey
  messages: ChatMessage[]
}

export type KeychainStatus = 'available' | 'unavailable'

export interface SessionSnapshot {
  status: 'signed-out' | 'signing-in' | 'restoring' | 'signed-in' | 'expired'
  server: string | null
  user: { id: string; username: string; name: string | null; avatarUrl: string | null } | null
  keychain: KeychainStatus
  /** Shown when the keychain is unavailable, e.g. "You will need to sign in again next time." */
  keychainMessage: string | null
  /** Why the user is signed out or expired, when there is a reason to tell. */
  reason: string | null
}

/** Someone as the room info panel and the profile show them. */
export interface PersonView {
  id: string
  username: string
  name: string | null
  /** The app's own avatar URL (`/avatar/…`), or null when they have none. */
  avatarUrl: string | null
}

/** A room as its info panel shows it, fresh from the server. */
export interface RoomDetails {
  key: RoomKey
  name: string
  topic: string | null
  description: string | null
  host: PersonView
  participants: PersonView[]
  /** ISO time the room was created. */
  created: string
  /** The signed-in user hosts it, so may rename, re-describe or delete it. */
  isHost: boolean
}

/** The signed-in user's own profile. */
export interface Profile extends PersonView {
  bio: string
}

export interface Settings {
  messageNotifications: boolean
  // Localization: the language the user chose, and the OS's that 'system' follows.
  /** 'system' follows the OS; 'en' or 'de' overrides it. */
  locale: LocalePreference
  /** The OS's locale (Electron's app.getLocale()), read-only: updateSettings cannot change it. */
  systemLocale: string
  /** A message that mentions the user notifies even when message notifications are off. */
  mentionNotifications: boolean
  // Logs, zoom and updates.
  /** Least severe level written to the log files. */
  logLevel: LogLevel
}

// Logs: levels and what the renderer may send to the log files.
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
/** Longest message one renderer log entry may carry (a longer one is refused). */
export const MAX_RENDERER_LOG_CHARS = 4000
export const RendererLogEntrySchema = z
  .object({
    level: z.enum(LOG_LEVELS),
    scope: z.string().regex(/^[\w.-]{1,40}$/, 'must be 1-40 letters, digits, . _ or -'),
    message: z.string().max(MAX_RENDERER_LOG_CHARS),
  })
  .strict()
export type RendererLogEntry = z.infer<typeof RendererLogEntrySchema>

/** Every error a call can fail with, so the UI can act on it. */
export type ErrorCode =
  | 'invalid-argument'
  | 'invalid-credentials'
  | 'unreachable'
  | 'not-edusphere'
  /** The server answered, but refuses the host name in the address (Django ALLOWED_HOSTS). */
  | 'host-not-allowed'
  /** Plain http to a non-loopback host that the user has not confirmed for this origin. */
  | 'unencrypted-not-confirmed'
  /** The server refuses more sign-in attempts for a while; its message says how long. */
  | 'rate-limited'
  | 'session-expired'
  | 'not-signed-in'
  | 'not-found'
  | 'forbidden'
  | 'protocol'
  | 'internal'

/** A server form's errors: field name (or `__all__`) → its messages, in the server's words. */
export type FieldErrors = Record<string, string[]>

export interface AppErrorShape {
  code: ErrorCode
  message: string
  /** Set when the server rejected a form ("Invalid data"): what is wrong with each field. */
  fields?: FieldErrors
}

/** What every invoke resolves to: errors cross the process boundary intact. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

/**
 * One change for the renderer; they travel batched on `chat:events`. Each fact has one carrier:
 * connection state only in `connection-changed`, a room's history only in `messages-reset` (once
 * per open), every later change of a message in one `message-upserted`/`message-removed`, an
 * older page the reader scrolled to in one `older-messages-loaded`.
 */
export type ChatEvent =
  | { kind: 'session-changed'; session: SessionSnapshot }
  | { kind: 'rooms-reset'; rooms: RoomSummary[] }
  | { kind: 'room-updated'; room: RoomSummary }
  | { kind: 'room-removed'; roomKey: RoomKey }
  | {
      kind: 'messages-reset'
      roomKey: RoomKey
      messages: ChatMessage[]
      /** The first message the user had not read when the room was opened ("New messages"). */
      firstUnreadId?: string | null
      /** Older messages exist than these (ask with loadOlder); absent means none. */
      hasOlder?: boolean
    }
  /** The page before the room's oldest shown message that loadOlder asked for, oldest first. */
  | { kind: 'older-messages-loaded'; roomKey: RoomKey; messages: ChatMessage[]; hasOlder: boolean }
  | { kind: 'message-upserted'; roomKey: RoomKey; message: ChatMessage; replaces: string | null }
  | { kind: 'message-removed'; roomKey: RoomKey; id: string }
  | { kind: 'connection-changed'; roomKey: RoomKey; connection: ConnectionSnapshot }
  | {
      kind: 'error'
      roomKey: RoomKey | null
      code: ErrorCode | 'server' | 'connection'
      message: string
    }
  | { kind: 'open-room-requested'; roomKey: RoomKey }

// ---------------------------------------------------------------------------------------------
// Argument schemas

const MAX_TEXT = 20_000
export const RoomKeySchema = z
  .string()
  .max(300)
  .regex(/^[^/\s]+\/[^/\s]+$/, 'must be host/slug')
const Text = z.string().max(MAX_TEXT)
const Id = z.string().min(1).max(100)

export const SignInArgsSchema = z.object({
  server: z.string().min(1).max(2048),
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
  /** The user confirmed "Connect without encryption" for this server (plain http, not loopback). */
  allowUnencrypted: z.boolean().optional(),
})
export type SignInArgs = z.infer<typeof SignInArgsSchema>

/** What a new room is made of (createRoom). */
export const RoomFormSchema = z.object({
  name: z.string().max(200),
  topic: z.string().max(200),
  description: z.string().max(MAX_TEXT),
})
export type RoomForm = z.infer<typeof RoomFormSchema>

/** A profile change: omitted fields keep their value; the avatar is the picked file's bytes. */
export const ProfileChangesSchema = z
  .object({
    name: z.string().max(200),
    bio: z.string().max(MAX_TEXT),
    avatar: z
      .object({
        fileName: z.string().min(1).max(255),
        bytes: z
          .instanceof(Uint8Array)
          .refine((b) => b.byteLength <= AVATAR_MAX_BYTES, 'is larger than 2 MB'),
      })
      .strict(),
  })
  .partial()
  .strict()
export type ProfileChanges = z.infer<typeof ProfileChangesSchema>

/** A new account (registerUser), then a sign-in with its email and password. */
export const RegisterArgsSchema = z.object({
  server: z.string().min(1).max(2048),
  username: z.string().max(150),
  name: z.string().max(200),
  email: z.string().max(320),
  password1: z.string().max(1024),
  password2: z.string().max(1024),
  allowUnencrypted: z.boolean().optional(),
})
export type RegisterArgs = z.infer<typeof RegisterArgsSchema>

/** Phantom marker carrying a channel's result type. */
function returns<T>(): T {
  return undefined as unknown as T
}

/** Every invoke channel: `domain:verb-noun` → ChatApi method, argument tuple, result type. */
export const invokeContract = {
  'session:get-state': {
    method: 'getSession',
    args: z.tuple([]),
    result: returns<SessionSnapshot>(),
  },
  'session:sign-in': {
    method: 'signIn',
    args: z.tuple([SignInArgsSchema]),
    result: returns<SessionSnapshot>(),
  },
  'session:sign-out': { method: 'signOut', args: z.tuple([]), result: returns<SessionSnapshot>() },
  'rooms:list-joined': { method: 'listRooms', args: z.tuple([]), result: returns<RoomSummary[]>() },
  'rooms:browse-rooms': {
    method: 'browseRooms',
    args: z.tuple([z.object({ search: z.string().max(200) })]),
    result: returns<RoomSummary[]>(),
  },
  // The room's key (`host/slug`): joinRoom(hostSlug, roomSlug) is the server's only way to join.
  'rooms:join-room': {
    method: 'joinRoom',
    args: z.tuple([RoomKeySchema]),
    result: returns<RoomSummary>(),
  },
  /** Makes the room the active one; its history follows once, as a `messages-reset` event. */
  'rooms:open-room': {
    method: 'openRoom',
    args: z.tuple([RoomKeySchema]),
    result: returns<null>(),
  },
  /**
   * The page of history before message `beforeId` (the oldest the reader has), from the store,
   * else the server; it follows as an `older-messages-loaded` event.
   */
  'rooms:load-older': {
    method: 'loadOlder',
    args: z.tuple([RoomKeySchema, Id]),
    result: returns<null>(),
  },
  /** Keeps the composer's unsent text for a joined room (debounced to disk; '' clears it). */
  'rooms:save-draft': {
    method: 'saveDraft',
    args: z.tuple([RoomKeySchema, Text]),
    result: returns<null>(),
  },
  'chat:send-message': {
    method: 'sendMessage',
    args: z.tuple([RoomKeySchema, Text]),
    result: returns<{ clientId: string }>(),
  },
  'chat:edit-message': {
    method: 'editMessage',
    args: z.tuple([RoomKeySchema, Id, Text]),
    result: returns<null>(),
  },
  'chat:delete-message': {
    method: 'deleteMessage',
    args: z.tuple([RoomKeySchema, Id]),
    result: returns<null>(),
  },
  'chat:retry-message': {
    method: 'retryMessage',
    args: z.tuple([RoomKeySchema, Id]),
    result: returns<null>(),
  },
  'chat:discard-message': {
    method: 'discardMessage',
    args: z.tuple([RoomKeySchema, Id]),
    result: returns<null>(),
  },
  /** Every joined room's connection now (a fresh window); `connection-changed` keeps it current. */
  'connection:list-states': {
    method: 'listConnections',
    args: z.tuple([]),
    result: returns<Record<RoomKey, ConnectionSnapshot>>(),
  },
  'connection:retry-now': {
    method: 'retryNow',
    args: z.tuple([RoomKeySchema.nullable()]),
    result: returns<null>(),
  },
  'settings:get-settings': {
    method: 'getSettings',
    args: z.tuple([]),
    result: returns<Settings>(),
  },
  'settings:update-settings': {
    method: 'updateSettings',
    args: z.tuple([
      z
        .object({
          messageNotifications: z.boolean(),
          mentionNotifications: z.boolean(),
          // Localization
          locale: z.enum(['system', 'en', 'de']),
          // Logs
          logLevel: z.enum(LOG_LEVELS),
        })
        .partial()
        .strict(),
    ]),
    result: returns<Settings>(),
  },
  /** Searches what this client holds: one joined room, or every joined room (roomKey null). */
  'chat:search-messages': {
    method: 'searchMessages',
    args: z.tuple([
      z.object({ query: z.string().min(1).max(200), roomKey: RoomKeySchema.nullable() }).strict(),
    ]),
    result: returns<SearchResults>(),
  },
  /** The stored messages around a message id (the message itself included), to jump to it. */
  'chat:reveal-message': {
    method: 'revealMessage',
    args: z.tuple([RoomKeySchema, Id]),
    result: returns<RevealedWindow>(),
  },
  /** Puts text on the system clipboard (main does it: the page has no clipboard permission). */
  'app:copy-text': {
    method: 'copyText',
    args: z.tuple([Text]),
    result: returns<null>(),
  },
  'app:open-external': {
    method: 'openExternal',
    args: z.tuple([z.string().url().max(2048)]),
    result: returns<null>(),
  },
  // Rooms and people: room info, room admin (host only), topics, profile, registration.
  'rooms:get-details': {
    method: 'getRoomDetails',
    args: z.tuple([RoomKeySchema]),
    result: returns<RoomDetails>(),
  },
  'rooms:list-topics': {
    method: 'listTopics',
    args: z.tuple([z.object({ search: z.string().max(200) })]),
    result: returns<string[]>(),
  },
  /** Creates a room (the creator hosts and joins it); open it afterwards. */
  'rooms:create-room': {
    method: 'createRoom',
    args: z.tuple([RoomFormSchema]),
    result: returns<RoomSummary>(),
  },
  'rooms:update-room': {
    method: 'updateRoom',
    args: z.tuple([RoomKeySchema, RoomFormSchema.partial().strict()]),
    result: returns<RoomSummary>(),
  },
  'rooms:delete-room': {
    method: 'deleteRoom',
    args: z.tuple([RoomKeySchema]),
    result: returns<null>(),
  },
  'profile:get-profile': {
    method: 'getProfile',
    args: z.tuple([]),
    result: returns<Profile>(),
  },
  'profile:update-profile': {
    method: 'updateProfile',
    args: z.tuple([ProfileChangesSchema]),
    result: returns<Profile>(),
  },
  /** Creates the account, then signs in with it (the session follows as events). */
  'session:register': {
    method: 'register',
    args: z.tuple([RegisterArgsSchema]),
    result: returns<SessionSnapshot>(),
  },
  // Logs: the renderer's lines, rate-limited and redacted by main before they reach a file.
  'log:write-entry': {
    method: 'writeLog',
    args: z.tuple([RendererLogEntrySchema]),
    result: returns<null>(),
  },
} as const

export type InvokeContract = typeof invokeContract
export type InvokeChannel = keyof InvokeContract
export type ArgsOf<C extends InvokeChannel> = z.infer<InvokeContract[C]['args']>
export type ResultOf<C extends InvokeChannel> = InvokeContract[C]['result']
export type MethodOf<C extends InvokeChannel> = InvokeContract[C]['method']

/** Event channels, past tense. */
export const eventChannels = {
  /** A batch of ChatEvent, at most one per animation frame per window. */
  events: 'chat:events-emitted',
} as const
export type EventChannel = (typeof eventChannels)[keyof typeof eventChannels]
export interface EventPayloads {
  'chat:events-emitted': ChatEvent[]
}

export type Unsubscribe = () => void

/** The renderer's whole view of the app: `window.edusphere`. */
export type ChatApi = {
  [C in InvokeChannel as MethodOf<C>]: (...args: ArgsOf<C>) => Promise<Result<ResultOf<C>>>
} & {
  /** Receives every batch of events; returns a working unsubscribe. */
  onEvents(listener: (events: ChatEvent[]) => void): Unsubscribe
}

/** What the main process implements behind the channels: plain async methods that throw AppError. */
export type ChatBackend = {
  [C in InvokeChannel as MethodOf<C>]: (...args: ArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C>
}

/** Channel names in contract order. */
export const invokeChannelNames = Object.keys(invokeContract) as InvokeChannel[]

/** Validates the arguments of a call on `channel`; never throws. */
export function validateArgs<C extends InvokeChannel>(
  channel: C,
  args: unknown[],
): { ok: true; value: ArgsOf<C> } | { ok: false; error: AppErrorShape } {
  const spec = invokeContract[channel]
  const parsed = (spec.args as z.ZodType).safeParse(args)
  if (parsed.success) return { ok: true, value: parsed.data as ArgsOf<C> }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? `argument ${issue.path.join('.')}` : 'arguments'
  return {
    ok: false,
    error: {
      code: 'invalid-argument',
      message: `${channel}: ${where} ${issue?.message ?? 'invalid'}`,
    },
  }
}
