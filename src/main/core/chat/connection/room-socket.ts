/** The pure pieces of a room's chat socket (docs/protocol.md §4): its URL, handshake and texts. */
import type { TerminalReason } from '../../../../shared/ipc-contract'

/** The user-facing text of each terminal reason. */
export const terminalReasonText: Record<TerminalReason, string> = {
  'room-not-found': 'Room not found',
  'not-participant': 'You are not a participant of this room',
  'session-expired': 'Your session has expired. Sign in again to continue.',
}

/** The text of the 5th-failure event, for the native notification. */
export function failedText(maxAttempts: number): string {
  return `Connection failed after ${maxAttempts} attempts`
}

/** ws/wss URL of a room's chat socket: no trailing slash, path parts encoded. */
export function chatSocketUrl(baseUrl: string, host: string, slug: string): string {
  const base = new URL(baseUrl)
  const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${base.host}/ws/chat/${encodeURIComponent(host)}/${encodeURIComponent(slug)}`
}

/** The only credential the socket accepts is the JWT cookie; the Origin is the server's own. */
export function handshakeHeaders(baseUrl: string, token: string): Record<string, string> {
  return { Cookie: `JWT=${token}`, Origin: new URL(baseUrl).origin }
}
