/**
 * The seams of the chat core: everything platform-specific is injected through these ports, so the
 * whole core runs in plain Node tests. Real implementations: keytar, `ws`, Electron Notification,
 * the system clock. Pure types only; implementations live in their own modules.
 */
import type {
  ChatEvent,
  ConnectionSnapshot,
  RoomKey,
  SessionSnapshot,
  TerminalReason,
  Unsubscribe,
} from '../../shared/ipc-contract'
import type { ClientFrame, ServerFrame } from '../../shared/frames'
import type { ChatAttention, IncomingMessage } from './shell/notification-policy'
import type { OpenedStore } from './store/account-store'
import type { AccountRef } from './store/store-types'

/** Opaque timer handle. */
export type TimerHandle = unknown

/** Time source and timers, injected so backoff and refresh are deterministic under fake timers. */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** Where the token lives. Never a plaintext file. */
export interface SecretStore {
  /**
   * 'keychain': the OS keychain through keytar; 'safe-storage': encrypted by Electron's safeStorage
   * into a 0600 file (where keytar cannot load); 'memory' when neither can be used (sign in again
   * next time).
   */
  readonly kind: 'keychain' | 'safe-storage' | 'memory'
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
  /** Accounts stored under our service, to restore the session at startup. */
  accounts(): Promise<string[]>
}

/** The subset of a `ws` WebSocket the core uses. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  ping(): void
  close(code?: number, reason?: string): void
  terminate(): void
  on(event: 'open', listener: () => void): this
  on(
    event: 'message',
    listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void,
  ): this
  on(event: 'pong', listener: () => void): this
  on(event: 'close', listener: (code: number, reason: Buffer) => void): this
  on(event: 'error', listener: (error: Error) => void): this
  on(
    event: 'unexpected-response',
    listener: (req: unknown, res: { statusCode?: number }) => void,
  ): this
  removeAllListeners(): this
}

export interface SocketOptions {
  headers: Record<string, string>
  handshakeTimeout: number
  maxPayload: number
}

/** Opens a WebSocket; the real one is `(url, opts) => new WebSocket(url, opts)` from `ws`. */
export type WebSocketFactory = (url: string, options: SocketOptions) => SocketLike

/** Native notifications (Electron's Notification in the shell; a recorder in tests). */
export interface Notifier {
  /** An error the user must know about: the protocol's texts, connection failures. */
  error(title: string, body: string, roomKey: RoomKey | null): void
  /**
   * A message from someone else, with what the chat service knows (setting, signed-in user,
   * active room); the shell adds the window's facts and the policy decides whether to show it.
   */
  message(message: IncomingMessage, chat: ChatAttention): void
}

/** Reconnection policy; the defaults are the original web client's (docs/protocol.md §7: 5 attempts at 3000 ms × attempt). */
export interface ReconnectPolicy {
  maxAttempts: number
  baseDelayMs: number
  /** ±fraction of jitter, 0.2 by default, 0 in tests. */
  jitter: number
  /** A connection that drops sooner than this after opening counts as a failed attempt. */
  minUptimeMs: number
  /** The slow retry after `failed`. */
  slowRetryMs: number
  connectTimeoutMs: number
  heartbeatIntervalMs: number
  heartbeatTimeoutMs: number
}

export const defaultReconnectPolicy: ReconnectPolicy = {
  maxAttempts: 5,
  baseDelayMs: 3000,
  jitter: 0.2,
  minUptimeMs: 5000,
  slowRetryMs: 60_000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 20_000,
  heartbeatTimeoutMs: 10_000,
}

/** Everything a room connection needs from outside. */
export interface RoomConnectionDeps {
  baseUrl: string
  host: string
  slug: string
  /** A token valid for a handshake, refreshed first when close to expiry. */
  getToken(): Promise<string>
  /** Forces a refresh after a 403 (the "refresh and retry once" rule). */
  refreshToken(): Promise<void>
  /** After a second 403: asks GraphQL why (docs/protocol.md §4). */
  classifyRejection(): Promise<TerminalReason | null>
  createWebSocket: WebSocketFactory
  clock: Clock
  random: () => number
  policy: ReconnectPolicy
  onFrame(frame: ServerFrame): void
  /** A frame that failed to decode: dropped and reported, never crashes. */
  onInvalidFrame(reason: string): void
  onStateChange(snapshot: ConnectionSnapshot): void
  /** Fires on every successful (re)open, so the service can refetch history and flush its outbox. */
  onOpen(): void
  /** The 5th failure: "Connection failed after 5 attempts". */
  onFailed(message: string): void
}

/** Why a frame was not sent: the socket is not open (try later), or the frame can never go. */
export type SendOutcome =
  | { sent: true }
  | { sent: false; reason: 'not-open' }
  | { sent: false; reason: 'invalid'; detail: string }

/** One WebSocket per open room. */
export interface RoomConnection {
  readonly snapshot: ConnectionSnapshot
  /** Starts connecting (idempotent). */
  open(): void
  /** Our own close (1000): no reconnect. */
  close(): void
  /**
   * Encodes (validating once) and sends; says why not when the socket is not open or the frame
   * is invalid, so a frame that would kill the server's consumer never goes out.
   */
  send(frame: ClientFrame): SendOutcome
  /** Try now, resetting a scheduled retry (user's "Retry now"). */
  retryNow(): void
  /** OS resume / network back: try now if not connected, and probe liveness if connected. */
  nudge(): void
}

/** The session as the chat service sees it. */
export interface SessionPort {
  snapshot(): SessionSnapshot
  onChange(listener: (session: SessionSnapshot) => void): Unsubscribe
  /** A token valid for at least `minValidityMs`; throws AppError('session-expired') otherwise. */
  getToken(minValidityMs?: number): Promise<string>
  refreshNow(): Promise<void>
}

/** The sink for events to the renderer (batched by the service). */
export type EventSink = (events: ChatEvent[]) => void

/**
 * Opens the signed-in account's local store (rooms, history as last seen, durable outbox). The
 * shell binds it to the app's data folder (`openAccountStore({ dir, ...account })`); tests bind
 * it to a temporary folder. Never throws: problems come back as the result's notice.
 */
export type OpenAccountStore = (account: AccountRef) => OpenedStore
