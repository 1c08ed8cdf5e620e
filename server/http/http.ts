/**
 * Plain HTTP routes: /api/csrf/, /graphql/, /media/…, behind the same layers as the real Django
 * deployment, outermost first: CORS (answers preflights), ALLOWED_HOSTS (HTML 400), CSRF on every
 * POST (HTML 403), then the views. Every /graphql/ response re-sends the current csrftoken.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { hostHeaderAllowed } from './allowed-hosts'
import type { ServerContext } from '../context'
import { corsHeaders, isPreflight } from './cors'
import {
  checkCsrf,
  csrfCookie,
  csrfSecretOf,
  hasMalformedCsrfCookie,
  newCsrfSecret,
} from '../auth/csrf'
import {
  BAD_REQUEST_PAGE,
  csrfFailurePage,
  ERROR_PAGE_TYPE,
  NOT_FOUND_PAGE,
  SERVER_ERROR_PAGE,
} from './django-pages'
import { asciiJson, createGraphQLView } from '../graphql/graphql-http'
import type { GraphQLLimits } from '../graphql/graphql-limits'
import { mediaFile } from '../store/media'
import { pythonJson } from '../python-format'
import { isMultipart, readGraphQLMultipart } from '../graphql/uploads'
import { AVATAR_MAX_BYTES } from '../graphql/avatar-upload'

/** Largest request body accepted (Django's DATA_UPLOAD_MAX_MEMORY_SIZE is 2.5 MB). */
const MAX_BODY_BYTES = 2_621_440

/** HTTP settings (see EduSphereServerOptions). */
export interface HttpOptions {
  /** Django's ALLOWED_HOSTS: a request whose Host is not one of these gets HTML 400. */
  allowedHosts: readonly string[]
  /** Token, alias, depth and response-size caps of /graphql/. */
  graphqlLimits: GraphQLLimits
}

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

/** Writes one response; CORS headers (if any) go on every response, like the middleware's. */
function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cookies: string[] = [],
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    ...extra,
    ...corsHeaders(req),
  }
  if (cookies.length) headers['Set-Cookie'] = cookies
  res.writeHead(status, headers)
  res.end(body)
}

/**
 * graphene-django's view is wrapped in ensure_csrf_cookie: every answer re-sends the current
 * secret (a rotation by tokenAuth/refreshToken wins), and it is written before the view's own
 * cookies (the JWT), because the decorator's response hook runs first.
 */
export function withCsrfCookie(req: IncomingMessage, cookies: string[]): string[] {
  const rotated = cookies.filter((c) => c.startsWith('csrftoken='))
  const others = cookies.filter((c) => !c.startsWith('csrftoken='))
  const current = rotated.at(-1) ?? csrfCookie(csrfSecretOf(req) ?? newCsrfSecret())
  return [current, ...others]
}

/** Builds the request listener for the HTTP server. */
export function createHttpHandler(ctx: ServerContext, opts: HttpOptions) {
  const graphql = createGraphQLView(ctx, opts.graphqlLimits)

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/'
    const q = raw.indexOf('?')
    const path = q < 0 ? raw : raw.slice(0, q)
    const search = q < 0 ? '' : raw.slice(q)
    const method = req.method ?? 'GET'
    const reply = send.bind(null, req, res)

    if (isPreflight(req)) return reply(200, 'text/html; charset=utf-8', '')
    if (!hostHeaderAllowed(req.headers.host, opts.allowedHosts))
      return reply(400, ERROR_PAGE_TYPE, BAD_REQUEST_PAGE)
    if (path === '/graphql' || path === '/api/csrf') {
      // Django's APPEND_SLASH.
      return reply(301, 'text/html; charset=utf-8', '', [], { Location: `${path}/${search}` })
    }
    if (path.startsWith('/media/') && (method === 'GET' || method === 'HEAD')) {
      const name = path.slice('/media/'.length)
      const demo = mediaFile(name)
      if (demo) return reply(200, 'image/png', demo)
      const stored = ctx.media.read(name)
      if (!stored) return reply(404, ERROR_PAGE_TYPE, NOT_FOUND_PAGE)
      return reply(200, stored.type, stored.data)
    }
    if (path !== '/graphql/' && path !== '/api/csrf/')
      return reply(404, ERROR_PAGE_TYPE, NOT_FOUND_PAGE)

    if (method === 'POST') {
      const reason = checkCsrf(req)
      if (reason !== null) {
        // A malformed cookie was replaced by the middleware: the 403 carries the new one.
        const cookies = hasMalformedCsrfCookie(req) ? [csrfCookie(newCsrfSecret())] : []
        return reply(403, 'text/html; charset=utf-8', csrfFailurePage(reason), cookies)
      }
    }
    if (path === '/api/csrf/') {
      if (method !== 'GET') return reply(405, 'text/html; charset=utf-8', '', [], { Allow: 'GET' })
      // ensure_csrf_cookie: keep a valid existing secret, else issue one.
      const secret = csrfSecretOf(req) ?? newCsrfSecret()
      return reply(200, 'application/json', pythonJson({ SetCsrfToken: 'X-CSRFToken' }), [
        csrfCookie(secret),
      ])
    }
    if (method !== 'GET' && method !== 'POST') {
      const message = 'GraphQL only supports GET and POST requests.'
      return reply(
        405,
        'application/json',
        asciiJson({ errors: [{ message }] }),
        withCsrfCookie(req, []),
        {
          Allow: 'GET, POST',
        },
      )
    }
    let body: string | null | { decoded: unknown } = null
    if (method === 'POST' && isMultipart(req)) {
      // GraphQL multipart request spec (file uploads): files beyond the limit arrive truncated.
      const upload = await readGraphQLMultipart(req, {
        maxFileBytes: AVATAR_MAX_BYTES,
        maxFieldBytes: MAX_BODY_BYTES,
        maxFiles: 4,
      })
      if (!upload.ok)
        return reply(
          400,
          'application/json',
          asciiJson({ errors: [{ message: upload.message }] }),
          withCsrfCookie(req, []),
        )
      body = { decoded: upload.input }
    } else if (method === 'POST') {
      try {
        body = await readBody(req)
      } catch (error) {
        if (error instanceof BodyTooLarge) return reply(400, ERROR_PAGE_TYPE, BAD_REQUEST_PAGE)
        throw error
      }
    }
    const result = await graphql(req, body, new URLSearchParams(search))
    reply(result.status, 'application/json', result.body, withCsrfCookie(req, result.setCookies))
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      // Never crash on a request: answer 500 like Django would, and keep serving.
      console.error('edusphere server: request failed:', error)
      if (!res.headersSent) send(req, res, 500, ERROR_PAGE_TYPE, SERVER_ERROR_PAGE)
      else res.destroy()
    })
  }
}
