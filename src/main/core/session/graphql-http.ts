/**
 * GraphQL over HTTP the way an EduSphere (Django) server wants it (docs/protocol.md §2): a small cookie
 * jar, the CSRF bootstrap (GET /graphql/ when /api/csrf/ is not routed), the csrftoken cookie
 * echoed as X-CSRFToken on every POST, and adoption of the rotated token after
 * tokenAuth/refreshToken. Transport failures (and a refused Host) become AppErrors here;
 * GraphQL-level errors are interpreted by the API client.
 */
import { AppError, hostNotAllowedError } from '../../../shared/errors'
import { MAX_RESPONSE_BYTES, readBoundedText } from './bounded-body'
import { text } from '../../../shared/i18n'
import type { RequestBody, UploadFile } from './multipart-body'
import { jsonBody, multipartBody } from './multipart-body'

export type { UploadFile } from './multipart-body'

/** One GraphQL error as the server reports it. */
export interface GraphQLErrorEntry {
  message: string
  extensions?: { code?: unknown } | null
}

/** The body of a GraphQL response, before any field is validated. */
export interface GraphQLResponseBody {
  data: Record<string, unknown> | null
  errors: GraphQLErrorEntry[]
}

/** Injectable fetch (tests) and the per-request deadline. */
export interface GraphQLHttpOptions {
  fetch?: typeof fetch
  /** Per request; a server that does not answer in time is reported unreachable. */
  timeoutMs?: number
  /** Answers over this many bytes stop with an error (MAX_RESPONSE_BYTES by default). */
  maxResponseBytes?: number
}

const CSRF_COOKIE = 'csrftoken'
/** The JWT cookie is never kept: the token is sent explicitly, and a stale one poisons requests. */
const JWT_COOKIE = 'JWT'

function causeText(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time'
    const cause = (error as { cause?: unknown }).cause
    if (cause instanceof Error && cause.message) return cause.message
    return error.message
  }
  return String(error)
}

/** Parses `name=value; Attr=…` Set-Cookie lines into jar updates (value null = delete). */
export function parseSetCookie(line: string): { name: string; value: string | null } | null {
  const [pair, ...attrs] = line.split(';')
  const eq = pair?.indexOf('=') ?? -1
  if (!pair || eq <= 0) return null
  const name = pair.slice(0, eq).trim()
  let value: string | null = pair.slice(eq + 1).trim()
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
  for (const attr of attrs) {
    const [k = '', v = ''] = attr.split('=').map((s) => s.trim())
    if (k.toLowerCase() === 'max-age' && Number(v) <= 0) value = null
    if (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) value = null
  }
  if (value === '') value = null
  return { name, value }
}

/** A GraphQL endpoint with Django's cookie and CSRF rules. */
export class GraphQLHttp {
  private readonly cookies = new Map<string, string>()
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number
  private readonly maxResponseBytes: number
  private csrfBootstrap: Promise<void> | null = null

  constructor(
    readonly baseUrl: string,
    opts: GraphQLHttpOptions = {},
  ) {
    this.fetchImpl = opts.fetch ?? fetch
    this.timeoutMs = opts.timeoutMs ?? 15_000
    this.maxResponseBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES
  }

  /** The current CSRF token (for tests and diagnostics); null before the bootstrap. */
  get csrfToken(): string | null {
    return this.cookies.get(CSRF_COOKIE) ?? null
  }

  /** POSTs one operation; retries once with a fresh CSRF token if the server refuses the old one. */
  post(query: string, variables: Record<string, unknown>, token: string | null) {
    return this.postBody(() => jsonBody(query, variables), token)
  }

  /**
   * POSTs one operation as a GraphQL multipart request (the spec graphene-file-upload follows):
   * `operations` (the request, each file's variable null), `map` (file part → variable path),
   * then the files. Cookies, CSRF and the token go exactly as for `post`.
   */
  upload(
    query: string,
    variables: Record<string, unknown>,
    files: readonly UploadFile[],
    token: string | null,
  ) {
    return this.postBody(() => multipartBody(query, variables, files), token)
  }

  private async postBody(body: () => RequestBody, token: string | null) {
    await this.ensureCsrf()
    let response = await this.send(body(), token)
    if (response.status === 403 && !isJson(response)) {
      // The token may have rotated under us (a lost response carrying the new cookie).
      await response.text().catch(() => '')
      this.cookies.delete(CSRF_COOKIE)
      await this.ensureCsrf()
      response = await this.send(body(), token)
      if (response.status === 403 && !isJson(response))
        throw new AppError('forbidden', text('error.csrf', { server: this.baseUrl }))
    }
    return this.readBody(response)
  }

  private ensureCsrf(): Promise<void> {
    if (this.cookies.has(CSRF_COOKIE)) return Promise.resolve()
    this.csrfBootstrap ??= this.bootstrapCsrf().finally(() => {
      this.csrfBootstrap = null
    })
    return this.csrfBootstrap
  }

  private async bootstrapCsrf(): Promise<void> {
    const primary = await this.request(`${this.baseUrl}/api/csrf/`, {
      method: 'GET',
      headers: this.cookieHeader(),
    })
    await primary.text().catch(() => '')
    if (this.cookies.has(CSRF_COOKIE)) return
    // A reverse proxy that does not route /api/ (404) still lets /graphql/ through, and the real
    // server sets the cookie on a plain GET there too (answering 400 "Must provide query string.").
    const fallback = await this.request(`${this.baseUrl}/graphql/`, {
      method: 'GET',
      headers: { Accept: 'application/json', ...this.cookieHeader() },
    })
    await fallback.text().catch(() => '')
    if (this.cookies.has(CSRF_COOKIE)) return
    throw this.notEduSphere(
      primary.status === 200
        ? 'GET /api/csrf/ did not set a csrftoken cookie, nor did GET /graphql/'
        : `GET /api/csrf/ answered HTTP ${primary.status}, and GET /graphql/ set no csrftoken cookie`,
    )
  }

  private async send(body: RequestBody, token: string | null) {
    const csrf = this.cookies.get(CSRF_COOKIE) ?? ''
    const headers: Record<string, string> = {
      // A multipart body sets its own Content-Type (with the boundary).
      ...(body.contentType ? { 'Content-Type': body.contentType } : {}),
      Accept: 'application/json',
      'X-CSRFToken': csrf,
      // Django also checks the Referer on HTTPS; our own origin is what a browser would send.
      Referer: `${this.baseUrl}/`,
      ...this.cookieHeader(),
    }
    if (token) headers.Authorization = `JWT ${token}`
    return this.request(`${this.baseUrl}/graphql/`, {
      method: 'POST',
      headers,
      body: body.body,
    })
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    let response: Response
    try {
      response = await this.fetchImpl(url, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      throw new AppError(
        'unreachable',
        text('error.unreachable', { server: this.baseUrl, cause: causeText(error) }),
        { cause: error },
      )
    }
    this.adoptCookies(response)
    if (response.status === 400 && isHtml(response)) {
      // Read to tell Django's Host rejection from other HTML 400s (a proxy's), then pass a copy on.
      const text = await response.text().catch(() => '')
      if (DJANGO_HOST_REJECTION.test(text))
        throw hostNotAllowedError(new URL(this.baseUrl).hostname)
      return new Response(text, { status: response.status, headers: response.headers })
    }
    return response
  }

  private adoptCookies(response: Response): void {
    const lines =
      typeof response.headers.getSetCookie === 'function'
        ? response.headers.getSetCookie()
        : (response.headers.get('set-cookie')?.split(/,(?=\s*[^;,=\s]+=)/) ?? [])
    for (const line of lines) {
      const cookie = parseSetCookie(line)
      if (!cookie || cookie.name === JWT_COOKIE) continue
      if (cookie.value === null) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {}
    return {
      Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    }
  }

  private async readBody(response: Response): Promise<GraphQLResponseBody> {
    let raw: string
    try {
      raw = await readBoundedText(response, this.baseUrl, this.maxResponseBytes)
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError(
        'unreachable',
        text('error.cutOff', { server: this.baseUrl, cause: causeText(error) }),
        { cause: error },
      )
    }
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      if (response.status >= 500)
        throw new AppError(
          'unreachable',
          text('error.serverError', { server: this.baseUrl, status: String(response.status) }),
        )
      throw this.notEduSphere(
        `POST /graphql/ answered HTTP ${response.status} with ${
          response.headers.get('content-type') ?? 'no content type'
        } instead of JSON`,
      )
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      throw this.notEduSphere('POST /graphql/ did not answer with a JSON object')
    const record = json as Record<string, unknown>
    if (!('data' in record) && !('errors' in record))
      throw this.notEduSphere('POST /graphql/ answered JSON without data or errors')
    const data =
      record.data !== null && typeof record.data === 'object' && !Array.isArray(record.data)
        ? (record.data as Record<string, unknown>)
        : null
    const errors = Array.isArray(record.errors)
      ? record.errors.map((e): GraphQLErrorEntry => {
          const entry = (e ?? {}) as Record<string, unknown>
          return {
            message: typeof entry.message === 'string' ? entry.message : 'Unknown error',
            extensions: (entry.extensions ?? null) as GraphQLErrorEntry['extensions'],
          }
        })
      : []
    return { data, errors }
  }

  private notEduSphere(detail: string): AppError {
    return new AppError(
      'not-edusphere',
      text('error.notEduSphere', { server: this.baseUrl, detail }),
    )
  }
}

/**
 * Django answers a `Host` outside its ALLOWED_HOSTS with an HTML 400 on every path, before any view
 * runs: "Bad Request (400)" in production, the DisallowedHost debug page with DEBUG on. The GraphQL
 * view's own 400s are JSON; a proxy's HTML 400 ("400 Bad Request") is something else.
 */
const DJANGO_HOST_REJECTION = /Bad Request \(400\)|DisallowedHost/

function isHtml(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('text/html')
}

function isJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('json')
}
