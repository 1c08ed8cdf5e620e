/**
 * Every sentence the user reads about a failure that main and the renderer both produce, worded
 * once in the catalogues (shared/i18n) and read in the process's current language: the core puts
 * these into snapshots and events, the renderer shows the same words. Getters, so each read
 * follows a change of language.
 */
import { text } from './i18n'
import type { TerminalReason } from './ipc-contract'

/** The session ended and only signing in again helps (session reason and room banner). */
export function sessionExpiredText(): string {
  return text('session.expired')
}

/** Why a room will not connect until the user acts (the banner and the snapshot's reason). */
export const terminalReasonText: Readonly<Record<TerminalReason, string>> = {
  get 'room-not-found'() {
    return text('terminal.roomNotFound')
  },
  get 'not-participant'() {
    return text('terminal.notParticipant')
  },
  get 'session-expired'() {
    return text('session.expired')
  },
}

/** Why a message is `unconfirmed` (its error, and what the renderer shows under it). */
export function unconfirmedText(): string {
  return text('message.unconfirmed')
}

/** The text of the last failed reconnect attempt (event, notification and banner). */
export function failedText(maxAttempts: number): string {
  return text('connection.failedAfter', { max: maxAttempts })
}

/** What is wrong with a server address the user typed. */
export const serverAddressText = {
  get empty() {
    return text('server.empty')
  },
  invalid: (typed: string) => text('server.invalid', { typed }),
  scheme: (protocol: string) => text('server.scheme', { protocol }),
  get credentials() {
    return text('server.credentials')
  },
  noHost: (typed: string) => text('server.noHost', { typed }),
}

/** Plain http to a host across the network: the refusal, the confirmation and the warning. */
export const unencryptedText = {
  refused: (host: string) => text('unencrypted.refused', { host }),
  restoreRefused: (host: string) => text('unencrypted.restoreRefused', { host }),
  get confirmLabel() {
    return text('unencrypted.confirm')
  },
  banner: (host: string) => text('unencrypted.banner', { host }),
  get bannerDetail() {
    return text('unencrypted.bannerDetail')
  },
}
