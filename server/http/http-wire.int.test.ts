/**
 * docs/protocol.md §2 and §4b, the HTTP wire details: csrftoken re-sent on every /graphql/ response,
 * cookie attributes, CORS preflight, Django's CSRF and ALLOWED_HOSTS pages, graphql-core quoting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from '../test-support'
import { skipBecause } from '../test-support/fixtures'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const HTTP_DATE = '[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT'
const TOPICS = JSON.stringify({ query: '{ topics { name } }' })
const JSON_TYPE = { 'Content-Type': 'application/json' }

/** The csrftoken values a reply sets, in order. */
function csrfSet(setCookies: string[]): string[] {
  return setCookies.filter((c) => c.startsWith('csrftoken=')).map((c) => c.split(/[=;]/)[1]!)
}

describe('csrftoken on every /graphql/ response', () => {
  it('a successful POST re-sends the current csrftoken', async () => {
    const client = new ProtocolClient(ts.url)
    const token = await client.bootstrapCsrf()
    const reply = await client.request('POST', '/graphql/', { body: TOPICS, headers: JSON_TYPE })
    expect(reply.status).toBe(200)
    expect(csrfSet(reply.setCookies)).toEqual([token])
  })

  it('errors re-send it too (validation 400, invalid JSON 400)', async () => {
    const client = new ProtocolClient(ts.url)
    const token = await client.bootstrapCsrf()
    for (const body of [JSON.stringify({ query: '{ nope }' }), '{nope']) {
      const reply = await client.request('POST', '/graphql/', { body, headers: JSON_TYPE })
      expect(reply.status).toBe(400)
      expect(csrfSet(reply.setCookies)).toEqual([token])
    }
  })

  it('plain GET /graphql/ answers 400 "Must provide query string." and sets the cookie', async () => {
    const client = new ProtocolClient(ts.url)
    const reply = await client.request('GET', '/graphql/')
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.text)).toEqual({ errors: [{ message: 'Must provide query string.' }] })
    const [token] = csrfSet(reply.setCookies)
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/)
    // The cookie from GET /graphql/ is as good as the one from /api/csrf/.
    const r = await client.graphql<{ topics: unknown[] }>('{ topics { name } }')
    expect(r.status).toBe(200)
  })

  it('tokenAuth: csrftoken (rotated) first, then the JWT with expires and Max-Age=600', async () => {
    const client = new ProtocolClient(ts.url)
    const before = await client.bootstrapCsrf()
    const r = await client.graphql<{ tokenAuth: { token: string } }>(
      'mutation ($e: String!, $p: String!) { tokenAuth(email: $e, password: $p) { token } }',
      { e: demoUsers.alice.email, p: demoUsers.alice.password },
    )
    const lines = r.reply.setCookies
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      new RegExp(
        `^csrftoken=[A-Za-z0-9]{32}; expires=${HTTP_DATE}; Max-Age=31449600; Path=/; SameSite=Lax$`,
      ),
    )
    expect(csrfSet(lines)[0]).not.toBe(before)
    expect(lines[1]).toMatch(
      new RegExp(
        `^JWT=${r.data!.tokenAuth.token}; expires=${HTTP_DATE}; HttpOnly; Max-Age=600; Path=/; SameSite=Lax$`,
      ),
    )
  })

  it("deleteToken: csrftoken first, then exactly Django's clearing cookie", async () => {
    const client = new ProtocolClient(ts.url)
    await client.signIn(demoUsers.alice.email, demoUsers.alice.password)
    const current = client.csrfToken
    const r = await client.graphql('mutation { deleteToken { deleted } }')
    expect(csrfSet(r.reply.setCookies)).toEqual([current])
    expect(r.reply.setCookies[0]!.startsWith('csrftoken=')).toBe(true)
    expect(r.reply.setCookies[1]).toBe(
      'JWT=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
    )
  })
})

describe('CORS preflight', () => {
  const preflight = (origin: string) =>
    new ProtocolClient(ts.url).request('OPTIONS', '/graphql/', {
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-csrftoken',
      },
    })

  it.each(['http://localhost', 'http://127.0.0.1'])(
    '%s is allowed, with credentials',
    async (origin) => {
      const reply = await preflight(origin)
      expect(reply.status).toBe(200)
      expect(reply.headers['access-control-allow-origin']).toBe(origin)
      expect(reply.headers['access-control-allow-credentials']).toBe('true')
    },
  )

  it('another origin gets no CORS headers', async () => {
    const reply = await preflight('http://evil.example')
    expect(reply.status).toBe(200)
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
  })
})

describe('CSRF failure page', () => {
  it("is Django's full HTML 403 page", async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    const reply = await client.request('POST', '/graphql/', {
      body: TOPICS,
      headers: JSON_TYPE,
      csrf: 'none',
    })
    expect(reply.status).toBe(403)
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(reply.text).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(reply.text).toContain('<title>403 Forbidden</title>')
    expect(reply.text).toContain('<h1>Forbidden <span>(403)</span></h1>')
    expect(reply.text).toContain('<p>CSRF verification failed. Request aborted.</p>')
  })
})

describe('other methods and bad cookies', () => {
  it("a plain OPTIONS (no preflight) is graphene's 405 JSON, with the csrftoken cookie", async () => {
    const reply = await new ProtocolClient(ts.url).request('OPTIONS', '/graphql/')
    expect(reply.status).toBe(405)
    expect(JSON.parse(reply.text)).toEqual({
      errors: [{ message: 'GraphQL only supports GET and POST requests.' }],
    })
    expect(csrfSet(reply.setCookies)).toHaveLength(1)
  })

  it('a malformed csrftoken cookie is refused (403) and replaced by a fresh one', async () => {
    const client = new ProtocolClient(ts.url)
    client.cookies.set('csrftoken', 'short')
    const reply = await client.request('POST', '/graphql/', { body: TOPICS, headers: JSON_TYPE })
    expect(reply.status).toBe(403)
    expect(csrfSet(reply.setCookies)[0]).toMatch(/^[A-Za-z0-9]{32}$/)
  })
})

describe('GraphQL validation messages', () => {
  it('quote names with single quotes, like graphql-core', async () => {
    const r = await new ProtocolClient(ts.url).graphql(
      'mutation { tokenAuth(username: "alice", password: "x") { token } }',
    )
    expect(r.status).toBe(400)
    expect(r.errors?.map((e) => e.message)).toContain(
      "Unknown argument 'username' on field 'Mutation.tokenAuth'.",
    )
  })
})

describe('ALLOWED_HOSTS', () => {
  it.each(['GET', 'POST'])(
    '%s with a Host that is not allowed gets the HTML 400 page',
    async (method) => {
      const client = new ProtocolClient(ts.url)
      await client.bootstrapCsrf()
      const reply = await client.request(method, '/graphql/', {
        headers: { ...JSON_TYPE, Host: 'not-allowed.example' },
        body: method === 'POST' ? TOPICS : undefined,
      })
      expect(reply.status).toBe(400)
      expect(reply.headers['content-type']).toMatch(/^text\/html/)
      expect(reply.text).toContain('<title>Bad Request (400)</title>')
      expect(csrfSet(reply.setCookies)).toEqual([])
    },
  )

  it('the allowedHosts option replaces the defaults', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const local = await startTestServer({ allowedHosts: ['edusphere.test', '.school.test'] })
    try {
      const client = new ProtocolClient(local.url)
      const port = new URL(local.url).port
      for (const host of [`edusphere.test:${port}`, 'chat.school.test', 'school.test'])
        expect(
          (await client.request('GET', '/api/csrf/', { headers: { Host: host } })).status,
        ).toBe(200)
      expect((await client.request('GET', '/api/csrf/')).status).toBe(400)
    } finally {
      await local.dispose()
    }
  })
})
