/**
 * Keeps one JWT fresh: refreshes it ahead of `exp` (docs/protocol.md §2: an expired token cannot be
 * refreshed), retries transient failures, and declares the session expired once
 * `refreshExpiresIn` has passed or the server refuses the refresh.
 */
import { AppError } from '../../../shared/errors'
import { TokenPayloadSchema } from '../../../shared/graphql-shapes'
import type { TokenPayload } from '../../../shared/graphql-shapes'
import type { Clock, TimerHandle } from '../ports'
import { sessionExpiredText } from '../../../shared/user-text'
import { text } from '../../../shared/i18n'

// Shown whenever the user must sign in again because the token can no longer be refreshed.
export { sessionExpiredText }
/** After a refresh that failed for a transient reason (server unreachable), try again this soon. */
export const REFRESH_RETRY_MS = 10_000

/** What tokenAuth and refreshToken both return. */
export interface TokenGrant {
  token: string
  payload: TokenPayload
  refreshExpiresIn: number
}

/** What the refresh loop needs from the session: time, the refresh call, persistence. */
export interface TokenKeeperDeps {
  clock: Clock
  /** Refresh this long before `exp` (capped at half the token's lifetime). */
  refreshLeadMs: number
  refresh(token: string): Promise<TokenGrant>
  /** Persists each new token (the keychain). */
  save(token: string): Promise<void>
  /** The token can no longer be refreshed: the user must sign in again. */
  onExpired(): void
}

/** Reads a JWT's payload without verifying it (the server verifies); null when unreadable. */
export function decodeJwtPayload(token: string): TokenPayload | null {
  const part = token.split('.')[1]
  if (!part) return null
  try {
    const parsed = TokenPayloadSchema.safeParse(
      JSON.parse(Buffer.from(part, 'base64url').toString('utf8')),
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The refresh loop of one signed-in account. */
export class TokenKeeper {
  private token = ''
  /** Epoch ms of the token's `exp`. */
  private expiresAt = 0
  /** Epoch ms of `refreshExpiresIn`. */
  private refreshUntil = 0
  /** Epoch ms (our clock) when the token arrived, to know its lifetime. */
  private receivedAt = 0
  private timer: TimerHandle | null = null
  private refreshing: Promise<void> | null = null
  private state: 'live' | 'expired' | 'stopped' = 'live'

  constructor(
    private readonly deps: TokenKeeperDeps,
    grant: TokenGrant,
  ) {
    this.adopt(grant)
    this.schedule()
  }

  /** The current token, whatever its remaining validity (for deleteToken at sign-out). */
  get current(): string {
    return this.token
  }

  /** A token valid for at least `minValidityMs`, refreshing first when it is closer to `exp`. */
  async get(minValidityMs: number = this.deps.refreshLeadMs): Promise<string> {
    this.assertLive()
    const wanted = Math.min(minValidityMs, this.lifetime() / 2)
    if (this.expiresAt - this.deps.clock.now() >= wanted) return this.token
    try {
      await this.refreshOnce()
    } catch (error) {
      // Still valid, just not for long: better a short-lived token than no connection.
      if (this.state === 'live' && this.expiresAt > this.deps.clock.now()) return this.token
      throw error
    }
    this.assertLive()
    return this.token
  }

  /** Refreshes now (after a handshake 403); throws AppError('session-expired') when it cannot. */
  async refreshNow(): Promise<void> {
    this.assertLive()
    await this.refreshOnce()
  }

  /** After sleep or a clock jump: timers may be late, so re-check expiry and refresh if due. */
  nudge(): void {
    if (this.state === 'live') this.onTimer()
  }

  /** Stops the loop for good (sign-out, another sign-in). */
  stop(): void {
    if (this.state === 'live') this.state = 'stopped'
    this.clearTimer()
  }

  private assertLive(): void {
    if (this.state === 'expired') throw new AppError('session-expired', sessionExpiredText())
    if (this.state === 'stopped') throw new AppError('not-signed-in', text('error.notSignedIn'))
  }

  private adopt(grant: TokenGrant): void {
    this.token = grant.token
    this.expiresAt = grant.payload.exp * 1000
    this.refreshUntil = grant.refreshExpiresIn * 1000
    this.receivedAt = this.deps.clock.now()
  }

  private refreshOnce(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async doRefresh(): Promise<void> {
    if (this.deps.clock.now() >= this.refreshUntil) {
      this.expire()
      throw new AppError('session-expired', sessionExpiredText())
    }
    let grant: TokenGrant
    try {
      grant = await this.deps.refresh(this.token)
    } catch (error) {
      if (this.state === 'live' && error instanceof AppError && error.code === 'session-expired') {
        this.expire()
        throw new AppError('session-expired', sessionExpiredText(), { cause: error })
      }
      throw error
    }
    if (this.state !== 'live') return
    this.adopt(grant)
    await this.deps.save(grant.token)
    this.schedule()
  }

  private expire(): void {
    if (this.state !== 'live') return
    this.state = 'expired'
    this.clearTimer()
    this.deps.onExpired()
  }

  /** How long the current token was valid when it arrived. */
  private lifetime(): number {
    return Math.max(0, this.expiresAt - this.receivedAt)
  }

  /**
   * How early to refresh: the configured lead, but at most half the token's lifetime, so a server
   * with short tokens (tokenTtl 5 s) is not refreshed in a tight loop.
   */
  private lead(): number {
    return Math.min(this.deps.refreshLeadMs, this.lifetime() / 2)
  }

  private schedule(): void {
    this.clearTimer()
    if (this.state !== 'live') return
    const due = Math.min(this.expiresAt - this.lead(), this.refreshUntil)
    this.timer = this.deps.clock.setTimeout(
      () => this.onTimer(),
      Math.max(0, due - this.deps.clock.now()),
    )
  }

  private onTimer(): void {
    this.timer = null
    const now = this.deps.clock.now()
    if (now >= this.refreshUntil) return this.expire()
    if (this.expiresAt - now > this.lead()) return this.schedule()
    this.refreshOnce().catch(() => {
      // Transient (unreachable): try again soon; a token that expired meanwhile ends in 'expired'.
      if (this.state !== 'live') return
      this.clearTimer()
      this.timer = this.deps.clock.setTimeout(() => this.onTimer(), REFRESH_RETRY_MS)
    })
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer)
    this.timer = null
  }
}
