/** docs/protocol.md §2: tokenAuth, refreshToken, verifyToken, deleteToken and how tokens are read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphQLErrorText, TokenAuthSchema } from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from '../test-support'
import { signedIn, skipBecause } from '../test-support/fixtures'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const TOKEN_AUTH = `mutation ($email: String!, $password: String!) {
  tokenAuth(email: $email, password: $password) {
    token payload refreshExpiresIn success user { id username name }
  }
}`
const REFRESH =
  'mutation ($token: String) { refreshToken(token: $token) { token payload refreshExpiresIn } }'
const VERIFY = 'mutation ($token: String) { verifyToken(token: $token) { payload } }'
const ME = '{ me { id username name avatar } }'

/** A structurally valid JWT with a signature the server never made. */
const FORGED =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIiwiZXhwIjo5OTk5OTk5OTk5LCJvcmlnSWF0IjoxfQ.c2lnbmF0dXJl'

describe('tokenAuth', () => {
  it('returns token, payload {email, exp, origIat}, refreshExpiresIn, success and user', async () => {
    const client = new ProtocolClient(ts.url)
    const r = await client.graphql<{ tokenAuth: unknown }>(TOKEN_AUTH, {
      email: demoUsers.alice.email,
      password: demoUsers.alice.password,
    })
    expect(r.errors).toBeUndefined()
    const auth = TokenAuthSchema.parse(r.data?.tokenAuth)
    expect(auth.payload.email).toBe(demoUsers.alice.email)
    expect(auth.token.split('.')).toHaveLength(3)
    expect(JSON.parse(Buffer.from(auth.token.split('.')[0]!, 'base64url').toString()).alg).toBe(
      'HS256',
    )
    expect(auth.user).toMatchObject({ username: 'alice', name: 'Alice' })
    expect(auth.success).toBe(true)
    if (!ts.external) {
      expect(auth.payload.exp).toBe(auth.payload.origIat + 600)
      expect(auth.refreshExpiresIn).toBe(auth.payload.origIat + 7 * 24 * 3600)
    }
  })

  it('sets JWT=<token>; HttpOnly; Max-Age=600; Path=/; SameSite=Lax', async () => {
    const client = new ProtocolClient(ts.url)
    const token = await client.signIn(demoUsers.bob.email, demoUsers.bob.password)
    expect(client.cookies.get('JWT')).toBe(token)
    const r = await new ProtocolClient(ts.url).graphql(TOKEN_AUTH, {
      email: demoUsers.bob.email,
      password: demoUsers.bob.password,
    })
    const line = r.reply.setCookies.find((c) => c.startsWith('JWT='))!
    expect(line).toMatch(/; HttpOnly/)
    expect(line).toMatch(/; Max-Age=600/)
    expect(line).toMatch(/; Path=\//)
    expect(line).toMatch(/; SameSite=Lax/)
  })

  it('wrong credentials: HTTP 200, "Please enter valid credentials", data.tokenAuth null', async () => {
    const r = await new ProtocolClient(ts.url).graphql<{ tokenAuth: unknown }>(TOKEN_AUTH, {
      email: demoUsers.alice.email,
      password: 'not-the-password',
    })
    expect(r.status).toBe(200)
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
    expect(r.data?.tokenAuth).toBeNull()
    const unknown = await new ProtocolClient(ts.url).graphql<{ tokenAuth: unknown }>(TOKEN_AUTH, {
      email: 'nobody@example.com',
      password: 'pass-1234',
    })
    expect(unknown.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
  })

  it('works with a garbage token attached (header and cookie)', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    client.cookies.set('JWT', 'garbage')
    const r = await client.graphql<{ tokenAuth: { token: string } | null }>(
      TOKEN_AUTH,
      { email: demoUsers.alice.email, password: demoUsers.alice.password },
      { token: 'garbage' },
    )
    expect(r.errors).toBeUndefined()
    expect(r.data?.tokenAuth?.token).toBeTruthy()
  })
})

describe('how a request is authenticated', () => {
  it('Authorization: JWT <token> authenticates', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const r = await new ProtocolClient(ts.url).graphql<{ me: { username: string } }>(
      ME,
      {},
      { token },
    )
    expect(r.data?.me.username).toBe('alice')
  })

  it('the JWT cookie authenticates', async () => {
    const { client } = await signedIn(ts.url, 'bob')
    const r = await client.graphql<{ me: { username: string; avatar: string } }>(ME)
    expect(r.data?.me).toMatchObject({ username: 'bob', avatar: 'avatars/bob.png' })
  })

  it('Authorization: Bearer <token> is anonymous', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const r = await new ProtocolClient(ts.url).graphql(
      ME,
      {},
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    )
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })

  it('me without a token: "You do not have permission to perform this action"', async () => {
    const r = await new ProtocolClient(ts.url).graphql<{ me: unknown }>(ME)
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
    expect(r.data?.me ?? null).toBeNull()
  })

  it('a garbage JWT cookie fails public queries too', async () => {
    const client = new ProtocolClient(ts.url)
    await client.bootstrapCsrf()
    client.cookies.set('JWT', 'not.a.jwt')
    const r = await client.graphql('{ topics { name } }')
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.decodingError)
  })
})

describe('refreshToken / verifyToken / deleteToken', () => {
  it('refreshToken(token) keeps origIat and refreshExpiresIn and sets a new JWT cookie', async () => {
    const client = new ProtocolClient(ts.url)
    const first = await client.graphql<{
      tokenAuth: { token: string; payload: { origIat: number }; refreshExpiresIn: number }
    }>(TOKEN_AUTH, { email: demoUsers.alice.email, password: demoUsers.alice.password })
    const auth = first.data!.tokenAuth
    const r = await client.graphql<{
      refreshToken: {
        token: string
        payload: { origIat: number; exp: number }
        refreshExpiresIn: number
      }
    }>(REFRESH, { token: auth.token })
    expect(r.errors).toBeUndefined()
    expect(r.data?.refreshToken.payload.origIat).toBe(auth.payload.origIat)
    expect(r.data?.refreshToken.refreshExpiresIn).toBe(auth.refreshExpiresIn)
    expect(r.reply.setCookies.some((c) => c.startsWith(`JWT=${r.data?.refreshToken.token}`))).toBe(
      true,
    )
  })

  it('refreshToken without an argument reads the JWT cookie', async () => {
    const { client } = await signedIn(ts.url, 'carol')
    const r = await client.graphql<{ refreshToken: { payload: { email: string } } }>(REFRESH)
    expect(r.errors).toBeUndefined()
    expect(r.data?.refreshToken.payload.email).toBe(demoUsers.carol.email)
  })

  it('refreshToken with neither: "Token is required"', async () => {
    const r = await new ProtocolClient(ts.url).graphql(REFRESH)
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.tokenRequired)
  })

  it('verifyToken returns the payload; a forged one fails with "Error decoding signature"', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const client = new ProtocolClient(ts.url)
    const ok = await client.graphql<{ verifyToken: { payload: { email: string } } }>(VERIFY, {
      token,
    })
    expect(ok.data?.verifyToken.payload.email).toBe(demoUsers.alice.email)
    const bad = await client.graphql(VERIFY, { token: FORGED })
    expect(bad.errors?.[0]?.message).toBe(GraphQLErrorText.decodingError)
  })

  it('deleteToken clears the cookie, but the token itself stays valid until exp', async () => {
    const { client, token } = await signedIn(ts.url, 'alice')
    const r = await client.graphql<{ deleteToken: { deleted: boolean } }>(
      'mutation { deleteToken { deleted } }',
    )
    expect(r.data?.deleteToken.deleted).toBe(true)
    expect(client.cookies.has('JWT')).toBe(false)
    const me = await new ProtocolClient(ts.url).graphql<{ me: { username: string } }>(
      ME,
      {},
      { token },
    )
    expect(me.data?.me.username).toBe('alice')
  })

  it('deleteRefreshToken { deleted }: false, and clears the JWT-refresh-token cookie', async () => {
    const { client } = await signedIn(ts.url, 'bob')
    const r = await client.graphql<{ deleteRefreshToken: { deleted: boolean } }>(
      'mutation { deleteRefreshToken { deleted } }',
    )
    expect(r.errors).toBeUndefined()
    expect(r.data?.deleteRefreshToken).toEqual({ deleted: false })
    const line = r.reply.setCookies.find((c) => c.startsWith('JWT-refresh-token='))
    expect(line).toMatch(
      /^JWT-refresh-token=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=\//,
    )
    expect(client.cookies.has('JWT')).toBe(true)
  })
})

describe('token lifetimes (short TTLs, controlled clock)', () => {
  let local: TestServer
  let clock = Date.now()
  beforeAll(async () => {
    if (process.env.EDUSPHERE_URL) return
    local = await startTestServer({ tokenTtl: 60, refreshTtl: 300, now: () => clock })
  })
  afterAll(async () => {
    await local?.dispose()
  })

  it('an expired token fails every field: "Signature has expired", one null per field', async (ctx) => {
    if (!local) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const { token } = await signedIn(local.url, 'alice')
    clock += 61_000
    const r = await new ProtocolClient(local.url).graphql(
      '{ topics { name } me { id } }',
      {},
      { token },
    )
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ topics: null, me: null })
    expect(r.errors?.map((e) => [e.message, e.path])).toEqual([
      [GraphQLErrorText.signatureExpired, ['topics']],
      [GraphQLErrorText.signatureExpired, ['me']],
    ])
  })

  it('refreshToken(token) with the expired token still attached errs at ["refreshToken","token"]; the new JWT cookie is set anyway', async (ctx) => {
    if (!local) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const old = await signedIn(local.url, 'bob')
    clock += 61_000
    const fresh = await signedIn(local.url, 'carol')
    const before = old.client.csrfToken
    const r = await old.client.graphql<{ refreshToken: unknown }>(
      REFRESH,
      { token: fresh.token },
      { token: old.token },
    )
    expect(r.data).toEqual({ refreshToken: null })
    expect(r.errors?.map((e) => [e.message, e.path])).toEqual([
      [GraphQLErrorText.signatureExpired, ['refreshToken', 'token']],
    ])
    expect(old.client.cookies.get('JWT')).not.toBe(old.token)
    expect(old.client.csrfToken).not.toBe(before)
  })

  it('refreshing an expired token fails with "Signature has expired"', async (ctx) => {
    if (!local) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const { token } = await signedIn(local.url, 'bob')
    clock += 61_000
    const r = await new ProtocolClient(local.url).graphql(REFRESH, { token })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.signatureExpired)
  })

  it('refresh before exp works; after refreshExpiresIn: "Refresh token is expired"', async (ctx) => {
    if (!local) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    let { token } = await signedIn(local.url, 'carol')
    const client = new ProtocolClient(local.url)
    // Keep refreshing 50 s apart (before each exp) until the 300 s refresh window is over.
    for (let i = 0; i < 6; i++) {
      clock += 50_000
      const r = await client.graphql<{ refreshToken: { token: string } }>(REFRESH, { token })
      expect(r.errors).toBeUndefined()
      token = r.data!.refreshToken.token
    }
    clock += 50_000
    const r = await client.graphql(REFRESH, { token })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.refreshExpired)
  })

  it('tokenAuth Max-Age follows tokenTtl', async (ctx) => {
    if (!local) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const r = await new ProtocolClient(local.url).graphql(TOKEN_AUTH, {
      email: demoUsers.alice.email,
      password: demoUsers.alice.password,
    })
    expect(r.reply.setCookies.find((c) => c.startsWith('JWT='))).toMatch(/Max-Age=60;/)
  })
})
