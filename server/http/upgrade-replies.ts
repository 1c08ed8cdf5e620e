/**
 * Raw HTTP answers to a socket upgrade that is not accepted, byte for byte what a uvicorn
 * deployment sends: the consumer's rejection is 403 `text/plain` with an empty body (the websockets
 * library's defaults), an unknown path is uvicorn's 500 "Internal Server Error", and a `Host`
 * outside ALLOWED_HOSTS is Django's HTML 400 page.
 */
import type { Duplex } from 'node:stream'
import { BAD_REQUEST_PAGE, ERROR_PAGE_TYPE } from './django-pages'

/** Why an upgrade is refused. */
export type UpgradeRefusal = 'forbidden' | 'unknown-path' | 'disallowed-host'

const REPLIES: Record<UpgradeRefusal, { status: string; type: string; body: string }> = {
  forbidden: { status: '403 Forbidden', type: 'text/plain', body: '' },
  'unknown-path': {
    status: '500 Internal Server Error',
    type: 'text/plain; charset=utf-8',
    body: 'Internal Server Error',
  },
  'disallowed-host': { status: '400 Bad Request', type: ERROR_PAGE_TYPE, body: BAD_REQUEST_PAGE },
}

/** Writes the refusal and closes the connection. */
export function refuseUpgrade(socket: Duplex, why: UpgradeRefusal): void {
  const { status, type, body } = REPLIES[why]
  socket.end(
    `HTTP/1.1 ${status}\r\nDate: ${new Date().toUTCString()}\r\n` +
      `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  )
}
