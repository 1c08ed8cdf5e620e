/**
 * Every sentence the user reads about a failure that main and the renderer both produce, worded
 * once: the core puts these into snapshots and events, the renderer shows the same words.
 */
import type { TerminalReason } from './ipc-contract'

/** The session ended and only signing in again helps (session reason and room banner). */
export const SESSION_EXPIRED_TEXT = 'Your session has expired. Sign in again to continue.'

/** Why a room will not connect until the user acts (the banner and the snapshot's reason). */
export const terminalReasonText: Readonly<Record<TerminalReason, string>> = {
  'room-not-found': 'This room no longer exists on the server.',
  'not-participant': "You're not a participant of this room any more, so it can't connect.",
  'session-expired': SESSION_EXPIRED_TEXT,
}

/** Why a message is `unconfirmed` (its error, and what the renderer shows under it). */
export const UNCONFIRMED_TEXT =
  'Not confirmed: your other device was active, so this may already have arrived. ' +
  'Check the conversation, then send again or discard.'

/** The text of the last failed reconnect attempt (event, notification and banner). */
export function failedText(maxAttempts: number): string {
  return `Connection failed after ${maxAttempts} attempts`
}

/** What is wrong with a server address the user typed. */
export const serverAddressText = {
  empty: 'Enter the server address, for example https://edusphere.example.org.',
  invalid: (typed: string) =>
    `"${typed}" is not a valid server address. Enter it like https://edusphere.example.org.`,
  scheme: (protocol: string) =>
    `The server address must start with http:// or https:// (got ${protocol}//).`,
  credentials:
    'The server address must not contain a user name or password; enter them in the sign-in form.',
  noHost: (typed: string) => `"${typed}" has no host name.`,
} as const

/** Plain http to a host across the network: the refusal, the confirmation and the warning. */
export const unencryptedText = {
  refused: (host: string) =>
    `${host} is reached without encryption (http://): your password and your session would ` +
    'travel in clear text, readable and changeable by anyone on the network in between. Use ' +
    'https:// if the server offers it, or confirm "Connect without encryption" to go ahead.',
  restoreRefused: (host: string) =>
    `Your saved session is for ${host}, which is reached without encryption. Sign in again and ` +
    'confirm "Connect without encryption" to use it.',
  confirmLabel: 'Connect without encryption',
  banner: (host: string) => `Unencrypted connection to ${host}`,
  bannerDetail:
    'Your password and your session travel in clear text: anyone on the network can read them.',
} as const
