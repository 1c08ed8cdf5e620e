/**
 * A tiny protocol-level EduSphere client for tests: a cookie jar, CSRF bootstrap, GraphQL calls and
 * sign-in, written from docs/protocol.md alone so it works against any deployment.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { z } from 'zod'

/** One HTTP exchange, fully read. */
export interface HttpReply {
  status: number
  headers: IncomingHttpHeaders
  setCookies: string[]
  text: string
}

/** A GraphQL error as servers send it. */
export interface GraphQLErrorJson {
  message: string
  path?: (string | number)[]
  locations?: { line: number; column: number }[]
  extensions?: Record<string, unknown>
}

/** A GraphQL reply: HTTP status plus the decoded body (when it was JSON). */
export interface GraphQLReply<T = Record<string, unknown>> {
  status: number
  data: T | null | undefined
  errors: GraphQLErrorJson[] | undefined
  reply: HttpReply
}

/** How a request treats CSRF: send the jar's token (default), a given header value, or none. */
export type CsrfMode = 'auto' | 'none' | { header: string }

/** Options of one raw request. */
export interface RequestOptions {
  body?: string | Buffer
  headers?: Record<string, string>
  /** Send the cookie jar (default true). */
  cookies?: boolean
  csrf?: CsrfMode
}

/** Options of one GraphQL call. */
export interface GraphQLOptions extends Omit<RequestOptions, 'body'> {
  /** Sends `Authorization: JWT <token>`. */
  token?: string
  operationName?: string
}

const GraphQLBody = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(z.object({ message: z.string() }).loose()).optional(),
})

/**
 * One request on a fresh connection (no keep-alive pool), so a request right after a server restart
 * never lands on a pooled socket the old server already closed.
 */
function send(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<HttpReply> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          setCookies: res.headers['set-cookie'] ?? [],
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Cookie jar + CSRF + GraphQL against one base URL. */
export class ProtocolClient {
  /** Cookie name → value, updated from every Set-Cookie. */
  readonly cookies = new Map<string, string>()

  constructor(readonly baseUrl: string) {}

  /** The current csrftoken cookie value. */
  get csrfToken(): string | undefined {
    return this.cookies.get('csrftoken')
  }

  private absorb(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq < 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const maxAge = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('max-age='))
      if (maxAge && Number(maxAge.split('=')[1]) <= 0) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  /** Sends one request with the jar's cookies and CSRF header (unless told otherwise). */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpReply> {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.cookies !== false && this.cookies.size > 0)
      headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const csrf = opts.csrf ?? 'auto'
    if (csrf === 'auto' && this.csrfToken) headers['X-CSRFToken'] = this.csrfToken
    else if (typeof csrf === 'object') headers['X-CSRFToken'] = csrf.header
    const reply = await send(method, new URL(path, this.baseUrl), headers, opts.body)
    this.absorb(reply.setCookies)
    return reply
  }

  /** GET /api/csrf/ and keep the cookie; returns its value. */
  async bootstrapCsrf(): Promise<string> {
    const reply = await this.request('GET', '/api/csrf/')
    if (reply.status !== 200 || !this.csrfToken)
      throw new Error(`CSRF bootstrap failed: HTTP ${reply.status}`)
    return this.csrfToken
  }

  /** POST /graphql/; bootstraps CSRF first when the jar has no token. */
  async graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts: GraphQLOptions = {},
  ): Promise<GraphQLReply<T>> {
    if ((opts.csrf ?? 'auto') === 'auto' && !this.csrfToken) await this.bootstrapCsrf()
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...opts.headers,
    }
    if (opts.token !== undefined) headers.Authorization = `JWT ${opts.token}`
    const reply = await this.request('POST', '/graphql/', {
      ...opts,
      headers,
      body: JSON.stringify({ query, variables, operationName: opts.operationName }),
    })
    return graphQLReplyOf<T>(reply)
  }

  /**
   * POST /graphql/ as a GraphQL multipart request (file uploads): each file replaces the variable
   * its `variable` names, e.g. `avatar` → `variables.avatar`.
   */
  async graphqlUpload<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    files: UploadPart[],
    opts: GraphQLOptions = {},
  ): Promise<GraphQLReply<T>> {
    if ((opts.csrf ?? 'auto') === 'auto' && !this.csrfToken) await this.bootstrapCsrf()
    const { body, contentType } = multipartBody(query, variables, files)
    const headers: Record<string, string> = { 'Content-Type': contentType, ...opts.headers }
    if (opts.token !== undefined) headers.Authorization = `JWT ${opts.token}`
    const reply = await this.request('POST', '/graphql/', { ...opts, headers, body })
    return graphQLReplyOf<T>(reply)
  }

  /** Signs in; returns the token (the JWT cookie is in the jar too). Throws with the server's text. */
  async signIn(email: string, password: string): Promise<string> {
    const r = await this.graphql<{ tokenAuth: { token: string } | null }>(
      'mutation SignIn($email: String!, $password: String!) { tokenAuth(email: $email, password: $password) { token } }',
      { email, password },
    )
    const token = r.data?.tokenAuth?.token
    if (!token) throw new Error(`sign-in failed: ${r.errors?.[0]?.message ?? `HTTP ${r.status}`}`)
    return token
  }
}

/** One file of a multipart GraphQL request. */
export interface UploadPart {
  /** The variable the file stands for. */
  variable: string
  filename: string
  contentType: string
  data: Buffer
}

/** The body of a GraphQL multipart request: operations, map, then the files. */
export function multipartBody(
  query: string,
  variables: Record<string, unknown>,
  files: UploadPart[],
): { body: Buffer; contentType: string } {
  const boundary = `----edusphere${Math.random().toString(16).slice(2)}`
  const vars: Record<string, unknown> = { ...variables }
  const map: Record<string, string[]> = {}
  files.forEach((f, i) => {
    vars[f.variable] = null
    map[String(i)] = [`variables.${f.variable}`]
  })
  const field = (name: string, value: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
  const parts = [
    field('operations', JSON.stringify({ query, variables: vars })),
    field('map', JSON.stringify(map)),
    ...files.flatMap((f, i) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${i}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.contentType}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Decodes a /graphql/ reply (JSON body when there is one). */
function graphQLReplyOf<T>(reply: HttpReply): GraphQLReply<T> {
  let parsed: z.infer<typeof GraphQLBody> = {}
  if ((reply.headers['content-type'] ?? '').includes('json')) {
    const body = GraphQLBody.safeParse(JSON.parse(reply.text))
    if (body.success) parsed = body.data
  }
  return {
    status: reply.status,
    data: parsed.data as T | null | undefined,
    errors: parsed.errors as GraphQLErrorJson[] | undefined,
    reply,
  }
}
