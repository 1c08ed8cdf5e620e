/** The real WebSocket factory: `ws` in Node (the main process), where custom headers are allowed. */
import WebSocket from 'ws'
import type { SocketLike, WebSocketFactory } from '../../ports'

/** new WebSocket(url, { headers, handshakeTimeout, maxPayload }) from 'ws' */
export const createWsSocket: WebSocketFactory = (url, options): SocketLike =>
  new WebSocket(url, {
    headers: options.headers,
    handshakeTimeout: options.handshakeTimeout,
    maxPayload: options.maxPayload,
    // The server never negotiates compression; skipping the offer keeps frames cheap to decode.
    perMessageDeflate: false,
  })
