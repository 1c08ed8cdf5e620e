/** What every request handler shares: storage, clocks, and token settings. */
import type { PasswordHasher } from './auth/passwords'
import type { SignInThrottle } from './auth/sign-in-throttle'
import type { Store } from './store/db'
import type { Directory } from './store/db-directory'
import type { MediaStore } from './store/media-store'
import type { MessageWriter } from './store/message-writer'

/** Shared state of one running server. */
export interface ServerContext {
  store: Store
  /** The GraphQL API's searches and edits, on the same database. */
  directory: Directory
  /** Uploaded files served under /media/. */
  media: MediaStore
  /** Chat message writes (commit before broadcast). */
  writer: MessageWriter
  /** Password hashing at the configured scrypt cost. */
  passwords: PasswordHasher
  /** tokenAuth failures per account and per client address. */
  signIns: SignInThrottle
  /** JWT HS256 secret. */
  secret: string
  /** Access token lifetime, seconds. */
  tokenTtl: number
  /** Refresh window from origIat, seconds. */
  refreshTtl: number
  /** Epoch milliseconds. */
  nowMs: () => number
  /** Strictly increasing epoch microseconds, for stored timestamps. */
  micros: () => number
}

/** Current Unix time in whole seconds, as JWT claims use it. */
export function nowSeconds(ctx: ServerContext): number {
  return Math.floor(ctx.nowMs() / 1000)
}
