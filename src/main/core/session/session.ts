/**
 * The signed-in session: sign in, keep the JWT in the keychain (never plaintext, never in the
 * renderer), restore it at startup, sign out. The refresh loop itself lives in TokenKeeper.
 */
import { AppError } from '../../../shared/errors'
import type { SessionSnapshot, Unsubscribe } from '../../../shared/ipc-contract'
import { EduSphereApi, normaliseServerUrl } from './edusphere-api'
import type { Clock, SecretStore, SessionPort } from '../ports'
import { accountFor, createMemorySecretStore, parseAccount } from './secret-store'
import { decodeJwtPayload, sessionExpiredText, TokenKeeper } from './token-keeper'
import type { TokenGrant } from './token-keeper'
import { createMemoryTransportConsent, needsConsent, requireTransport } from './transport-consent'
import type { TransportConsent } from './transport-consent'
import { unencryptedHost } from '../../../shared/server-url'
import { unencryptedText } from '../../../shared/user-text'
import { avatarUrlFor } from '../media/avatar-path'
import type { ProfileCache } from '../store/profile-cache'
import { text } from '../../../shared/i18n'

export { decodeJwtPayload, sessionExpiredText }

/** The session's reason while it runs on a saved sign-in the server could not confirm yet. */
export function offlineText(): string {
  return text('session.offline')
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
  api: EduSphereApi | null
  keeper: TokenKeeper | null
}

const signedOut = (reason: string | null, server: string | null = null): SessionState => ({
  status: 'signed-out',
  server,
  email: null,
  user: null,
  reason,
  api: null,
  keeper: null,
})

/** The signed-in session of the app (one account at a time). */
export class Session implements SessionPort {
  private store: SecretStore
  private keychainReason: string | null
  private readonly clock: Clock
  private readonly createApi: (baseUrl: string) => EduSphereApi
  private readonly refreshLeadMs: number
  private readonly consent: TransportConsent
  private readonly profiles: ProfileCache | null
  private state: SessionState = signedOut(null)
  /** Bumped by every sign-in/out/restore, so results of calls started before it are dropped. */
  private epoch = 0
  private readonly listeners = new Set<(session: SessionSnapshot) => void>()

  constructor(deps: {
    secretStore: SecretStore
    keychainUnavailableReason: string | null
    clock: Clock
    createApi?: (baseUrl: string) => EduSphereApi
    refreshLeadMs?: number
    /** Origins the user allowed over plain http; memory-only when the shell gives none. */
    transportConsent?: TransportConsent
    /** Who each saved sign-in belongs to, so a start without network can go on offline. */
    profiles?: ProfileCache
  }) {
    this.profiles = deps.profiles ?? null
    this.store = deps.secretStore
    this.keychainReason =
      deps.keychainUnavailableReason ??
      (deps.secretStore.kind === 'memory' ? 'the keychain is not in use' : null)
    this.clock = deps.clock
    this.createApi = deps.createApi ?? ((baseUrl) => new EduSphereApi(baseUrl))
    this.refreshLeadMs = deps.refreshLeadMs ?? 60_000
    this.consent = deps.transportConsent ?? createMemoryTransportConsent()
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
        ? text('session.keychainMemory', {
            reason: this.keychainReason ?? text('session.unknownReason'),
          })
        : this.store.kind === 'safe-storage'
          ? text('session.keychainSafeStorage', {
              reason: this.keychainReason ?? text('session.unknownReason'),
            })
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
    this.state.keeper?.stop()
    this.setState({ ...signedOut(null), status: 'restoring' })
    const saved = await this.findSaved()
    if (epoch !== this.epoch) return this.snapshot()
    if (!saved) return this.setState(signedOut(null))
    // Refreshing would send the token in clear text to a server the user never confirmed.
    if (needsConsent(saved.origin, this.consent))
      return this.setState(
        signedOut(
          unencryptedText.restoreRefused(unencryptedHost(saved.origin) ?? saved.origin),
          saved.origin,
        ),
      )
    const forget = () => this.store.delete(saved.account).catch(() => false)
    const payload = decodeJwtPayload(saved.token)
    if (!payload || payload.exp * 1000 <= this.clock.now()) {
      await forget()
      return this.setState(
        signedOut('Your saved sign-in has expired. Sign in again to continue.', saved.origin),
      )
    }
    // Known on this computer: signed in at once from what was saved (the store shows rooms and
    // history before any network answer); the server confirms the sign-in in the background.
    const profile = this.profiles?.get(saved.origin, saved.email) ?? null
    if (profile) {
      const grant = { token: saved.token, payload, refreshExpiresIn: payload.exp }
      const snapshot = await this.begin(this.createApi(saved.origin), saved.email, profile, grant)
      void this.confirmRestored(epoch)
      return snapshot
    }
    try {
      const api = this.createApi(saved.origin)
      const grant = await api.refresh(saved.token)
      const me = await api.me(grant.token)
      if (epoch !== this.epoch) return this.snapshot()
      const user = {
        id: me.id,
        username: me.username,
        name: me.name,
        avatarUrl: avatarUrlFor(api.baseUrl, me.avatar),
      }
      return await this.begin(api, saved.email, user, grant)
    } catch (error) {
      if (epoch !== this.epoch) return this.snapshot()
      if (error instanceof AppError && error.code === 'session-expired') {
        await forget()
        return this.setState(signedOut(sessionExpiredText(), saved.origin))
      }
      // Unreachable or not EduSphere right now: keep the entry, the next start may succeed.
      return this.setState(
        signedOut(`Could not restore your session: ${messageOf(error)}`, saved.origin),
      )
    }
  }

  /**
   * Confirms a session restored from this computer's data: a refresh gets a fresh token (and the
   * real refresh window); a refused one ends in 'expired' (sign in again, nothing queued is lost);
   * an unreachable server leaves it running offline, saying so, until a later refresh succeeds.
   */
  private async confirmRestored(epoch: number): Promise<void> {
    const keeper = this.state.keeper
    if (!keeper) return
    try {
      await keeper.refreshNow()
    } catch (error) {
      if (epoch !== this.epoch || this.state.keeper !== keeper) return
      if (error instanceof AppError && error.code === 'session-expired') return // keeper expired it
      this.setState({ ...this.state, reason: offlineText() })
    }
  }

  /**
   * Signs in; the token goes to the keychain (or memory), never to the renderer. Plain http to a
   * host across the network needs `allowUnencrypted` once per origin (remembered on success).
   */
  async signIn(
    server: string,
    email: string,
    password: string,
    opts: { allowUnencrypted?: boolean } = {},
  ): Promise<SessionSnapshot> {
    const origin = normaliseServerUrl(server)
    const cleanEmail = email.trim()
    if (!cleanEmail) throw new AppError('invalid-argument', text('error.enterEmail'))
    if (!password) throw new AppError('invalid-argument', text('error.enterPassword'))
    requireTransport(origin, this.consent, opts.allowUnencrypted === true)
    const previous = this.state
    const epoch = ++this.epoch
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
      if (needsConsent(origin, this.consent)) this.consent.add(origin)
      previous.keeper?.stop()
      const user = { ...auth.user, avatarUrl: avatarUrlFor(origin, avatar) }
      return await this.begin(api, auth.payload.email || cleanEmail, user, auth)
    } catch (error) {
      if (epoch === this.epoch) this.setState(previous)
      throw error
    }
  }

  /**
   * An API client for `server` before anyone signs in (creating an account), behind the same
   * plain-http gate as signIn: the password must not travel in clear text unasked.
   */
  apiFor(server: string, allowUnencrypted: boolean): EduSphereApi {
    const origin = normaliseServerUrl(server)
    requireTransport(origin, this.consent, allowUnencrypted)
    return this.createApi(origin)
  }

  /** The signed-in user changed their name or avatar: the snapshot (and saved profile) follow. */
  userChanged(changes: { name: string | null; avatarUrl: string | null }): void {
    const { user, server, email } = this.state
    if (!user || this.state.status === 'signed-out') return
    const next = { ...user, ...changes }
    if (server && email) this.profiles?.set(server, email, next)
    this.setState({ ...this.state, user: next })
  }

  /** deleteToken (best effort) -> remove the keychain entry -> signed-out. */
  async signOut(): Promise<SessionSnapshot> {
    ++this.epoch
    const { api, keeper, server } = this.state
    const account = this.currentAccount()
    keeper?.stop()
    if (api && keeper) await api.signOut(keeper.current).catch(() => undefined)
    let reason: string | null = null
    if (server && this.state.email) this.profiles?.delete(server, this.state.email)
    if (account)
      await this.store.delete(account).catch((error: unknown) => {
        reason = `Signed out, but the keychain entry could not be removed: ${messageOf(error)}`
      })
    return this.setState(signedOut(reason, server))
  }

  /** A token valid for at least `minValidityMs`, refreshing first when it is closer to `exp`. */
  async getToken(minValidityMs?: number): Promise<string> {
    return this.keeperOrThrow().get(minValidityMs)
  }

  /** Refreshes now (after a handshake 403); throws AppError('session-expired') when it cannot. */
  async refreshNow(): Promise<void> {
    await this.keeperOrThrow().refreshNow()
  }

  /** After sleep or a clock jump: timers may be late, so re-check expiry and refresh if due. */
  nudge(): void {
    if (this.state.status === 'signed-in') this.state.keeper?.nudge()
  }

  /** Stops timers and listeners. */
  dispose(): void {
    ++this.epoch
    this.state.keeper?.stop()
    this.listeners.clear()
  }

  private keeperOrThrow(): TokenKeeper {
    if (this.state.status === 'expired') throw new AppError('session-expired', sessionExpiredText())
    if (this.state.status !== 'signed-in' || !this.state.keeper)
      throw new AppError('not-signed-in', text('error.notSignedIn'))
    return this.state.keeper
  }

  /** Becomes signed-in with a fresh grant: saves it and starts its refresh loop. */
  private async begin(
    api: EduSphereApi,
    email: string,
    user: NonNullable<SessionSnapshot['user']>,
    grant: TokenGrant,
    reason: string | null = null,
  ): Promise<SessionSnapshot> {
    const account = accountFor(api.baseUrl, email)
    await this.forgetOtherAccounts(account)
    await this.save(account, grant.token)
    const { id, username, name, avatarUrl } = user
    this.profiles?.set(api.baseUrl, email, { id, username, name, avatarUrl })
    const keeper = new TokenKeeper(
      {
        clock: this.clock,
        refreshLeadMs: this.refreshLeadMs,
        refresh: (token) => api.refresh(token),
        save: async (token) => {
          await this.save(account, token)
          // A refresh went through: the server answers again.
          if (this.state.keeper === keeper && this.state.reason === offlineText())
            this.setState({ ...this.state, reason: null })
        },
        onExpired: () => this.expire(keeper),
      },
      grant,
    )
    return this.setState({
      status: 'signed-in',
      server: api.baseUrl,
      email,
      user: { id, username, name, avatarUrl },
      reason,
      api,
      keeper,
    })
  }

  private async findSaved(): Promise<{
    account: string
    origin: string
    email: string
    token: string
  } | null> {
    let saved = null
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
    return saved
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
      // Leftovers only matter to restore(), which prefers the newest token anyway.
    }
  }

  private switchToMemory(reason: string): void {
    if (this.store.kind === 'memory') return
    this.store = createMemorySecretStore()
    this.keychainReason = reason
    this.emit()
  }

  private currentAccount(): string | null {
    const { server, email } = this.state
    return server && email ? accountFor(server, email) : null
  }

  /** The keeper gave up: ask the user to sign in again; queued work elsewhere is kept. */
  private expire(keeper: TokenKeeper): void {
    if (this.state.keeper !== keeper || this.state.status !== 'signed-in') return
    const account = this.currentAccount()
    if (account) void this.store.delete(account).catch(() => false)
    this.setState({ ...this.state, status: 'expired', keeper: null, reason: sessionExpiredText() })
  }

  private setState(next: SessionState): SessionSnapshot {
    this.state = next
    return this.emit()
  }

  private emit(): SessionSnapshot {
    const snapshot = this.snapshot()
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot)
      } catch (error) {
        console.error('session listener failed', error)
      }
    }
    return snapshot
  }
}
