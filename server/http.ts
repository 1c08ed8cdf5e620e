/** Plain HTTP routes: /api/csrf/, /graphql/, /media/…, with Django's CSRF rules on every POST. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pythonJson } from './python-format'
import type { ServerContext } from './context'
import { checkCsrf, csrfCookie, csrfFailurePage, csrfSecretOf, newCsrfSecret } from './auth/csrf'
import { createGraphQLView } from './graphql-http'
import { mediaFile } from './media'

/** Largest request body accepted (Django's DATA_UPLOAD_MAX_MEMORY_SIZE is 2.5 MB). */
const MAX_BODY_BYTES = 2_621_440

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge())
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cookies: string[] = [],
): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
  }
  if (cookies.length) headers['Set-Cookie'] = cookies
  res.writeHead(status, headers)
  res.end(body)
}

function html(res: ServerResponse, status: number, title: string): void {
  send(
    res,
    status,
    'text/html; charset=utf-8',
    `<!DOCTYPE html><title>${title}</title><h1>${title}</h1>\n`,
  )
}

/** Builds the request listener for the HTTP server. */
export function createHttpHandler(ctx: ServerContext) {
  const graphql = createGraphQLView(ctx)

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/'
    const q = raw.indexOf('?')
    const path = q < 0 ? raw : raw.slice(0, q)
    const search = q < 0 ? '' : raw.slice(q)
    const method = req.method ?? 'GET'

    if (path === '/graphql' || path === '/api/csrf') {
      // Django's APPEND_SLASH.
      res.writeHead(301, { Location: `${path}/${search}`, 'Content-Length': '0' })
      res.end()
      return
    }
    if (path.startsWith('/media/') && (method === 'GET' || method === 'HEAD')) {
      const file = mediaFile(path.slice('/media/'.length))
      if (!file) return html(res, 404, 'Not Found')
      return send(res, 200, 'image/png', file)
    }
    if (path !== '/graphql/' && path !== '/api/csrf/') return html(res, 404, 'Not Found')

    if (method === 'POST') {
      const reason = checkCsrf(req)
      if (reason !== null) {
        req.resume()
        return send(res, 403, 'text/html; charset=utf-8', csrfFailurePage(reason))
      }
    }
    if (path === '/api/csrf/') {
      if (method !== 'GET') return html(res, 405, 'Method Not Allowed')
      // ensure_csrf_cookie: keep a valid existing secret, else issue one.
      const secret = csrfSecretOf(req) ?? newCsrfSecret()
      return send(res, 200, 'application/json', pythonJson({ SetCsrfToken: 'X-CSRFToken' }), [
        csrfCookie(secret),
      ])
    }
    if (method !== 'GET' && method !== 'POST') return html(res, 405, 'Method Not Allowed')
    let body: string | null = null
    if (method === 'POST') {
      try {
        body = await readBody(req)
      } catch (error) {
        if (error instanceof BodyTooLarge) return html(res, 413, 'Request Entity Too Large')
        throw error
      }
    }
    const result = await graphql(req, body, new URLSearchParams(search))
    send(res, result.status, 'application/json', result.body, result.setCookies)
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      // Never crash on a request: answer 500 like Django would, and keep serving.
      console.error('edusphere server: request failed:', error)
      if (!res.headersSent) html(res, 500, 'Server Error (500)')
      else res.destroy()
    })
  }
}
