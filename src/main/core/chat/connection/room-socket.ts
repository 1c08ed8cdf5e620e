/** The pure pieces of a room's chat socket (docs/protocol.md §4): its URL, handshake; its texts are shared. */
import { failedText, terminalReasonText } from '../../../../shared/user-text'

// Worded once in shared/, so the banner shows the very same sentences.
export { failedText, terminalReasonText }

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
