/** docs/protocol.md §1 endpoints and §2 CSRF rules, against a real server (or EDUSPHERE_URL). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../test-support'
import { demoUsers, ProtocolClient, startTestServer } from '../test-support'
import { skipBecause } from '../test-support/fixtures'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const TOPICS = '{ topics { name } }'

describe('endpoints (§1)', () => {
  it('GET /api/csrf/ answers 200 {"SetCsrfToken": "X-CSRFToken"} with a csrftoken cookie', async () => {
    const client = new ProtocolClient(ts.url)
    const reply = await client.request('GET', '/api/csrf/')
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.text)).toEqual({ SetCsrfToken: 'X-CSRFToken' })
    const cookie = reply.setCookies.find((c) => c.startsWith('csrftoken='))
    expect(cookie).toMatch(/^csrftoken=[A-Za-z0-9]{32,64};/)
    expect(cookie).toMatch(/Path=\//)
  })

  it('POST /graphql/ (trailing slash) runs a query', async () => {
    const r = await new ProtocolClient(ts.url).graphql<{ topics: { name: string }[] }>(TOPICS)
    expect(r.status).toBe(200)
    expect(r.errors).toBeUndefined()
    expect(r.data?.topics.map((t) => t.name)).toContain('Math')
  })

  it('POST /graphql without the slash does not run the query', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    const reply = await client.request('POST', '/graphql', {
      body: JSON.stringify({ query: TOPICS }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(reply.status).not.toBe(200)
  })

  it('an unknown path is 404', async () => {
    const reply = await new ProtocolClient(ts.url).request('GET', '/nope/')
    expect(reply.status).toBe(404)
  })

  it('serves the demo avatar avatars/bob.png under /media/', async (ctx) => {
    if (ts.external) {
      return skipBecause(ctx, 'skipped: media files of an external deployment are its own')
    }
    const reply = await fetch(`${ts.url}/media/avatars/bob.png`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('image/png')
    const bytes = Buffer.from(await reply.arrayBuffer())
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
  })

  it('invalid JSON and a missing query are 400 with a GraphQL error list', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    const bad = await client.request('POST', '/graphql/', {
      body: '{nope',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.text).errors[0].message).toMatch(/invalid JSON/)
    const empty = await client.request('POST', '/graphql/', {
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(empty.status).toBe(400)
    expect(JSON.parse(empty.text).errors[0].message).toBe('Must provide query string.')
  })
})

describe('CSRF on every POST (§2)', () => {
  async function post(client: ProtocolClient, opts: Parameters<ProtocolClient['request']>[2] = {}) {
    return client.request('POST', '/graphql/', {
      ...opts,
      body: JSON.stringify({ query: TOPICS }),
      headers: { 'Content-Type': 'application/json', ...opts.headers },
    })
  }

  it('no csrftoken cookie: 403 with an HTML body', async () => {
    const reply = await post(new ProtocolClient(ts.url), { csrf: { header: 'a'.repeat(32) } })
    expect(reply.status).toBe(403)
    expect(reply.headers['content-type']).toMatch(/text\/html/)
    expect(reply.text).toMatch(/<html|<!DOCTYPE/i)
  })

  it('cookie but no X-CSRFToken header: 403', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    expect((await post(client, { csrf: 'none' })).status).toBe(403)
  })

  it('header different from the cookie: 403', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    expect((await post(client, { csrf: { header: 'b'.repeat(32) } })).status).toBe(403)
  })

  it('cookie and equal header: 200', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    expect((await post(client)).status).toBe(200)
  })

  it('applies to anonymous and authenticated POSTs alike (mutations too)', async () => {
    const client = new ProtocolClient(ts.url)
    const token = await client.signIn(demoUsers.alice.email, demoUsers.alice.password)
    const reply = await client.request('POST', '/graphql/', {
      csrf: 'none',
      body: JSON.stringify({ query: '{ me { username } }' }),
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    })
    expect(reply.status).toBe(403)
  })

  it('tokenAuth rotates csrftoken: the new cookie with the old header is 403, new+new is 200', async () => {
    const client = new ProtocolClient(ts.url)
    const before = await client.bootstrapCsrf()
    await client.signIn(demoUsers.alice.email, demoUsers.alice.password)
    const after = client.csrfToken
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    expect((await post(client, { csrf: { header: before } })).status).toBe(403)
    expect((await post(client)).status).toBe(200)
  })

  it('refreshToken rotates csrftoken too', async () => {
    const client = new ProtocolClient(ts.url)
    const token = await client.signIn(demoUsers.bob.email, demoUsers.bob.password)
    const before = client.csrfToken!
    const r = await client.graphql('mutation R($t: String) { refreshToken(token: $t) { token } }', {
      t: token,
    })
    expect(r.errors).toBeUndefined()
    expect(r.reply.setCookies.some((c) => c.startsWith('csrftoken='))).toBe(true)
    expect(client.csrfToken).not.toBe(before)
    expect((await post(client, { csrf: { header: before } })).status).toBe(403)
    expect((await post(client)).status).toBe(200)
  })

  it('a failed tokenAuth does not rotate csrftoken', async () => {
    const client = new ProtocolClient(ts.url)
    const before = await client.bootstrapCsrf()
    await expect(client.signIn(demoUsers.alice.email, 'wrong-password')).rejects.toThrow()
    expect(client.csrfToken).toBe(before)
  })

  it('an Origin equal to the request Host is accepted', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    const origin = new URL(ts.url).origin
    expect((await post(client, { headers: { Origin: origin } })).status).toBe(200)
  })

  it('a foreign Origin is 403', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    expect((await post(client, { headers: { Origin: 'http://evil.example' } })).status).toBe(403)
  })

  it('Origin: null is 403', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    expect((await post(client, { headers: { Origin: 'null' } })).status).toBe(403)
  })

  it('the trusted origins http://localhost and http://127.0.0.1 are accepted', async (ctx) => {
    if (ts.external) {
      return skipBecause(ctx, 'skipped: an external deployment has its own trusted origins')
    }
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    expect((await post(client, { headers: { Origin: 'http://localhost' } })).status).toBe(200)
    expect((await post(client, { headers: { Origin: 'http://127.0.0.1' } })).status).toBe(200)
  })

  it('GET /api/csrf/ keeps a valid existing token', async () => {
    const client = new ProtocolClient(ts.url)
    const first = await client.bootstrapCsrf()
    expect(await client.bootstrapCsrf()).toBe(first)
  })
})
