/**
 * The gate in front of every contact with a server: plain http to a host across the network is
 * used only for origins the user explicitly confirmed ("Connect without encryption"), because the
 * password, the JWT and the socket cookie then travel in clear text. The renderer asks; main
 * decides here, so a renderer that skips the question is still refused.
 */
import { AppError } from '../../../shared/errors'
import { transportOf, unencryptedHost } from '../../../shared/server-url'
import { unencryptedText } from '../../../shared/user-text'

/** The origins the user allowed over plain http (the shell persists them in its settings). */
export interface TransportConsent {
  has(origin: string): boolean
  add(origin: string): void
}

/** Consent kept in memory only (tests, and when the shell has nowhere to persist it). */
export function createMemoryTransportConsent(initial: Iterable<string> = []): TransportConsent {
  const origins = new Set(initial)
  return { has: (origin) => origins.has(origin), add: (origin) => void origins.add(origin) }
}

/** True when talking to `origin` needs the user's consent and it was never given. */
export function needsConsent(origin: string, consent: TransportConsent): boolean {
  return transportOf(origin) === 'unencrypted' && !consent.has(origin)
}

/**
 * Throws AppError('unencrypted-not-confirmed') when `origin` is plain http to another host and
 * neither a recorded consent nor this call's `allowUnencrypted` covers it.
 */
export function requireTransport(
  origin: string,
  consent: TransportConsent,
  allowUnencrypted: boolean,
): void {
  if (allowUnencrypted || !needsConsent(origin, consent)) return
  throw new AppError(
    'unencrypted-not-confirmed',
    unencryptedText.refused(unencryptedHost(origin) ?? origin),
  )
}
