/**
 * django-cors-headers as a local deployment configures it: `http://localhost` and
 * `http://127.0.0.1` (exactly, no port) are allowed with credentials; any other Origin gets no CORS
 * headers at all. A preflight (OPTIONS with Access-Control-Request-Method) is answered by the
 * middleware itself, before Django's host check or any view.
 */
import type { IncomingMessage } from 'node:http'

/** CORS_ALLOWED_ORIGINS. */
const ALLOWED_ORIGINS = new Set(['http://localhost', 'http://127.0.0.1'])
/** django-cors-headers' defaults for a preflight. */
const ALLOW_HEADERS =
  'accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with'
const ALLOW_METHODS = 'DELETE, GET, OPTIONS, PATCH, POST, PUT'
const MAX_AGE = '86400'

/** True for a CORS preflight, which the middleware answers with an empty 200. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
}

/** The CORS headers a response to `req` carries (none for a foreign or missing Origin). */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (origin === undefined || !ALLOWED_ORIGINS.has(origin)) return {}
  const headers: Record<string, string> = {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
  }
  if (req.method === 'OPTIONS') {
    headers['access-control-allow-headers'] = ALLOW_HEADERS
    headers['access-control-allow-methods'] = ALLOW_METHODS
    headers['access-control-max-age'] = MAX_AGE
  }
  return headers
}
