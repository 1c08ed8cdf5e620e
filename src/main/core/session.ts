/**
 * The token lifecycle: sign in, keep the JWT in the keychain, refresh it ahead of `exp`, restore it
 * at startup, expire it when it can no longer be refreshed, sign out. The token never leaves the
 * main process: snapshots carry only what the renderer may see.
 */
import { AppError } from '../../shared/errors'
import type { SessionSnapshot, Unsubscribe } from '../../shared/ipc-contract'
import { TokenPayloadSchema } from '../../shared/protocol'
import type { TokenPayload } from '../../shared/protocol'
import { EduSphereApi, normaliseServerUrl } from './edusphere-api'
import type { Clock, SecretStore, SessionPort, TimerHandle } from './ports'
import { accountFor, createMemorySecretStore, parseAccount } from './secret-store'

/** Shown whenever the user must sign in again because the token can no longer be refreshed. */
export const SESSION_EXPIRED_TEXT = 'Your session has expired. Sign in again to continue.'
const KEYCHAIN_MEMORY_TEXT = 'You will need to sign in again next time.'
/** After a refresh that failed for a transient reason (server unreachable), try again this soon. */
const REFRESH_RETRY_MS = 10_000

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

/** The public URL of a storage-relative avatar path (`avatars/bob.png`), or null when none. */
export function avatarUrlFor(origin: string, avatar: string | null | undefined): string | null {
  if (!avatar) return null
  if (/^https?:\/\//i.test(avatar)) return avatar
  return `${origin}/media/${avatar.replace(/^\/+/, '')}`
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

interface SessionState {
  status: SessionSnapshot['status']
  server: string | null
  email: string | null
  user: SessionSnapshot['user']
  reason: string | null
  token: string | null
  /** Epoch ms of the token's `exp`. */
  expiresAt: number
  /** Epoch ms of `refreshExpiresIn`: after it the user must sign in again. */
  refreshUntil: number
  /** Epoch ms (our clock) when the current token arrived, to know its lifetime. */
  receivedAt: number
  api: EduSphereApi | null
}

const signedOut = (reason: string | null, server: string | null = null): SessionState => ({
  status: 'signed-out',
  server,
  email: null,
  user: null,
  reason,
  token: null,
  expiresAt: 0,
  refreshUntil: 0,
  receivedAt: 0,
  api: null,
})

/** The signed-in session of the app (one account at a time). */
export class Session implements SessionPort {
  private store: SecretStore
  private keychainReason: string | null
  private readonly clock: Clock
  private readonly createApi: (baseUrl: string) => EduSphereApi
  private readonly refreshLeadMs: number
  private state: SessionState = signedOut(null)
  private timer: TimerHandle | null = null
  private refreshing: Promise<void> | null = null
  /** Bumped by every sign-in/out, so results of calls started before it are dropped. */
  private epoch = 0
  private readonly listeners = new Set<(session: SessionSnapshot) => void>()

  constructor(deps: {
    secretStore: SecretStore
    keychainUnavailableReason: string | null
    clock: Clock
    createApi?: (baseUrl: string) => EduSphereApi
    refreshLeadMs?: number
  }) {
    this.store = deps.secretStore
    this.keychainReason =
      deps.keychainUnavailableReason ??
      (deps.secretStore.kind === 'memory' ? 'the keychain is not in use' : null)
    this.clock = deps.clock
    this.createApi = deps.createApi ?? ((baseUrl) => new EduSphereApi(baseUrl))
    this.refreshLeadMs = deps.refreshLeadMs ?? 60_000
  }

  /** The API client of the current server, or null when signed out. */
  get api(): EduSphereApi | null {
    return this.state.api
  }

  /** What the renderer may see: never the token. */
  snapshot(): SessionSnapshot {
    const memory = this.store.kind === 'memory'
    return {
      status: this.state.status,
      server: this.state.server,
      user: this.state.user ? { ...this.state.user } : null,
      keychain: memory ? 'unavailable' : 'available',
      keychainMessage: memory
        ? `The system keychain is unavailable (${this.keychainReason ?? 'unknown reason'}), so ` +
          `your sign-in is kept in memory only. ${KEYCHAIN_MEMORY_TEXT}`
        : null,
      reason: this.state.reason,
    }
  }

  /** Subscribes to every snapshot change. */
  onChange(listener: (session: SessionSnapshot) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Restores the session saved in the keychain at startup: signed-in if refreshable, else why not. */
  async restore(): Promise<SessionSnapshot> {
    const epoch = ++this.epoch
    this.setState({ ...signedOut(null), status: 'restoring' })
    let saved: { account: string; origin: string; email: string; token: string } | null = null
    try {
      // Several entries can exist (a server that was unreachable at the last start): take the
      // most recent sign-in, i.e. the token that expires last.
      let bestExp = -Infinity
      for (const account of await this.store.accounts()) {
        const parsed = parseAccount(account)
        const token = parsed ? await this.store.get(account) : null
        const exp = token ? (decodeJwtPayload(token)?.exp ?? -1) : null
        if (parsed && token && exp !== null && exp > bestExp) {
          saved = { account, ...parsed, token }
          bestExp = exp
        }
      }
    } catch (error) {
      this.switchToMemory(`reading it failed: ${messageOf(error)}`)
    }
    if (epoch !== this.epoch) return this.snapshot()
    if (!saved) return this.finish(signedOut(null))
    const forget = () => this.store.delete(saved.account).catch(() => false)
    const payload = decodeJwtPayload(saved.token)
    if (!payload || payload.exp * 1000 <= this.clock.now()) {
      await forget()
      return this.finish(
        signedOut('Your saved sign-in has expired. Sign in again to continue.', saved.origin),
      )
    }
    try {
      const api = this.createApi(saved.origin)
      const refreshed = await api.refresh(saved.token)
      const me = await api.me(refreshed.token)
      if (epoch !== this.epoch) return this.snapshot()
      await this.save(saved.account, refreshed.token)
      return this.finish({
        status: 'signed-in',
        server: api.baseUrl,
        email: saved.email,
        user: {
          id: me.id,
          username: me.username,
          name: me.name,
          avatarUrl: avatarUrlFor(api.baseUrl, me.avatar),
        },
        reason: null,
        token: refreshed.token,
        expiresAt: refreshed.payload.exp * 1000,
        refreshUntil: refreshed.refreshExpiresIn * 1000,
        receivedAt: this.clock.now(),
        api,
      })
    } catch (error) {
      if (epoch !== this.epoch) return this.snapshot()
      if (error instanceof AppError && error.code === 'session-expired') {
        await forget()
        return this.finish(signedOut(SESSION_EXPIRED_TEXT, saved.origin))
      }
      // Unreachable or not EduSphere right now: keep the entry, the next start may succeed.
      return this.finish(
        signedOut(`Could not restore your session: ${messageOf(error)}`, saved.origin),
      )
    }
  }

  /** Signs in; the token goes to the keychain (or memory), never to the renderer. */
  async signIn(server: string, email: string, password: string): Promise<SessionSnapshot> {
    const origin = normaliseServerUrl(server)
    const cleanEmail = email.trim()
    if (!cleanEmail) throw new AppError('invalid-argument', 'Enter your email address.')
    if (!password) throw new AppError('invalid-argument', 'Enter your password.')
    const previous = this.state
    const epoch = ++this.epoch
    this.clearTimer()
    this.setState({ ...previous, status: 'signing-in', server: origin, reason: null })
    try {
      const api = this.createApi(origin)
      const auth = await api.signIn(cleanEmail, password)
      // The avatar is only on `me`; a failure here must not fail the sign-in.
      const avatar = await api.me(auth.token).then(
        (me) => me.avatar,
        () => null,
      )
      if (epoch !== this.epoch) return this.snapshot()
      const account = accountFor(origin, auth.payload.email || cleanEmail)
      const next: SessionState = {
        status: 'signed-in',
        server: origin,
        email: auth.payload.email || cleanEmail,
        user: { ...auth.user, avatarUrl: avatarUrlFor(origin, avatar) },
        reason: null,
        token: auth.token,
        expiresAt: auth.payload.exp * 1000,
        refreshUntil: auth.refreshExpiresIn * 1000,
        receivedAt: this.clock.now(),
        api,
      }
      this.state = next
      await this.forgetOtherAccounts(account)
      await this.save(account, auth.token)
      return this.finish(next)
    } catch (error) {
      if (epoch === this.epoch) this.finish(previous)
      throw error
    }
  }

  /** deleteToken (best effort) -> remove the keychain entry -> signed-out. */
  async signOut(): Promise<SessionSnapshot> {
    ++this.epoch
    this.clearTimer()
    const { api, token, server } = this.state
    const account = this.currentAccount()
    if (api && token) await api.signOut(token).catch(() => undefined)
    let reason: string | null = null
    if (account)
      await this.store.delete(account).catch((error: unknown) => {
        reason = `Signed out, but the keychain entry could not be removed: ${messageOf(error)}`
      })
    return this.finish(signedOut(reason, server))
  }

  /** A token valid for at least `minValidityMs`, refreshing first when it is closer to `exp`. */
  async getToken(minValidityMs: number = this.refreshLeadMs): Promise<string> {
    this.assertSignedIn()
    const wanted = Math.min(minValidityMs, this.lifetime() / 2)
    if (this.state.expiresAt - this.clock.now() >= wanted) return this.state.token as string
    try {
      await this.refreshOnce()
    } catch (error) {
      // Still valid, just not for long: better a short-lived token than no connection.
      if (this.state.status === 'signed-in' && this.state.expiresAt > this.clock.now())
        return this.state.token as string
      throw error
    }
    this.assertSignedIn()
    return this.state.token as string
  }

  /** Refreshes now (after a handshake 403); throws AppError('session-expired') when it cannot. */
  async refreshNow(): Promise<void> {
    this.assertSignedIn()
    await this.refreshOnce()
  }

  /** After sleep or a clock jump: timers may be late, so re-check expiry and refresh if due. */
  nudge(): void {
    if (this.state.status === 'signed-in') this.onTimer()
  }

  /** Stops timers and listeners. */
  dispose(): void {
    ++this.epoch
    this.clearTimer()
    this.listeners.clear()
  }

  private assertSignedIn(): void {
    if (this.state.status === 'expired') throw new AppError('session-expired', SESSION_EXPIRED_TEXT)
    if (this.state.status !== 'signed-in' || !this.state.token)
      throw new AppError('not-signed-in', 'You are not signed in. Sign in to continue.')
  }

  private refreshOnce(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async doRefresh(): Promise<void> {
    const { api, token } = this.state
    if (!api || !token) throw new AppError('not-signed-in', 'You are not signed in.')
    if (this.clock.now() >= this.state.refreshUntil) {
      this.expire()
      throw new AppError('session-expired', SESSION_EXPIRED_TEXT)
    }
    const epoch = this.epoch
    try {
      const refreshed = await api.refresh(token)
      if (epoch !== this.epoch) return
      this.state = {
        ...this.state,
        token: refreshed.token,
        expiresAt: refreshed.payload.exp * 1000,
        refreshUntil: refreshed.refreshExpiresIn * 1000,
        receivedAt: this.clock.now(),
      }
      const account = this.currentAccount()
      if (account) await this.save(account, refreshed.token)
      this.schedule()
    } catch (error) {
      if (epoch !== this.epoch) throw error
      if (error instanceof AppError && error.code === 'session-expired') {
        this.expire()
        throw new AppError('session-expired', SESSION_EXPIRED_TEXT, { cause: error })
      }
      throw error
    }
  }

  /** Saves a token; a keychain that fails mid-session is swapped for memory, never plaintext. */
  private async save(account: string, token: string): Promise<void> {
    try {
      await this.store.set(account, token)
    } catch (error) {
      this.switchToMemory(`saving the sign-in failed: ${messageOf(error)}`)
      await this.store.set(account, token)
    }
  }

  /** Removes older entries for the same server, so restore() finds the current account. */
  private async forgetOtherAccounts(keep: string): Promise<void> {
    const origin = parseAccount(keep)?.origin
    try {
      for (const account of await this.store.accounts())
        if (account !== keep && parseAccount(account)?.origin === origin)
          await this.store.delete(account)
    } catch {
      // Leftovers only matter to restore(), which takes the first readable entry.
    }
  }

  private switchToMemory(reason: string): void {
    if (this.store.kind === 'memory') return
    this.store = createMemorySecretStore()
    this.keychainReason = reason
    this.emit()
  }

  /** How long the current token was valid when it arrived. */
  private lifetime(): number {
    return Math.max(0, this.state.expiresAt - this.state.receivedAt)
  }

  /**
   * How early to refresh: the configured lead, but at most half the token's lifetime, so a server
   * with short tokens (tokenTtl 5 s) is not refreshed in a tight loop.
   */
  private lead(): number {
    return Math.min(this.refreshLeadMs, this.lifetime() / 2)
  }

  private currentAccount(): string | null {
    const { server, email } = this.state
    return server && email ? accountFor(server, email) : null
  }

  private expire(): void {
    if (this.state.status !== 'signed-in') return
    this.clearTimer()
    const account = this.currentAccount()
    if (account) void this.store.delete(account).catch(() => false)
    this.setState({ ...this.state, status: 'expired', token: null, reason: SESSION_EXPIRED_TEXT })
  }

  private schedule(): void {
    this.clearTimer()
    if (this.state.status !== 'signed-in') return
    const now = this.clock.now()
    const due = Math.min(this.state.expiresAt - this.lead(), this.state.refreshUntil)
    this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, due - now))
  }

  private onTimer(): void {
    this.timer = null
    const now = this.clock.now()
    if (now >= this.state.refreshUntil) return this.expire()
    if (this.state.expiresAt - now > this.lead()) return this.schedule()
    this.refreshOnce().catch(() => {
      // Transient (unreachable): try again soon; a token that expired meanwhile ends in 'expired'.
      if (this.state.status !== 'signed-in') return
      this.clearTimer()
      this.timer = this.clock.setTimeout(() => this.onTimer(), REFRESH_RETRY_MS)
    })
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private finish(next: SessionState): SessionSnapshot {
    this.setState(next)
    this.schedule()
    return this.snapshot()
  }

  private setState(next: SessionState): void {
    this.state = next
    this.emit()
  }

  private emit(): void {
    const snapshot = this.snapshot()
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot)
      } catch (error) {
        console.error('session listener failed', error)
      }
    }
  }
}
