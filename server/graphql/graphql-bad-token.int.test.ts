/**
 * docs/protocol.md §2: an expired or undecodable token attached to a request fails every field on its
 * own (one null and one error per field), and refresh/verify fail at their sub-field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { ProtocolClient, startTestServer } from '../test-support'
import { signedIn } from '../test-support/fixtures'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const REFRESH =
  'mutation ($token: String) { refreshToken(token: $token) { token payload refreshExpiresIn } }'
const VERIFY = 'mutation ($token: String) { verifyToken(token: $token) { payload } }'

/** A structurally valid JWT with a signature the server never made. */
const FORGED =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIiwiZXhwIjo5OTk5OTk5OTk5LCJvcmlnSWF0IjoxfQ.c2lnbmF0dXJl'

describe('a garbage token attached', () => {
  it('a garbage token fails every field on its own: data has one null per field, one error each', async () => {
    const r = await new ProtocolClient(ts.url).graphql(
      '{ topics { name } me { id } }',
      {},
      { token: FORGED },
    )
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ topics: null, me: null })
    expect(r.errors?.map((e) => [e.message, e.path])).toEqual([
      [GraphQLErrorText.decodingError, ['topics']],
      [GraphQLErrorText.decodingError, ['me']],
    ])
  })

  it('a garbage token fails authStatus too (it does not just say "not authenticated")', async () => {
    const r = await new ProtocolClient(ts.url).graphql(
      '{ authStatus { isAuthenticated } }',
      {},
      { token: FORGED },
    )
    expect(r.data).toEqual({ authStatus: null })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.decodingError)
  })

  it('refreshToken(token) with a garbage token attached: the error is at ["refreshToken","token"], cookies still set', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const client = new ProtocolClient(ts.url)
    const before = await client.bootstrapCsrf()
    const r = await client.graphql<{ refreshToken: unknown }>(REFRESH, { token }, { token: FORGED })
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ refreshToken: null })
    expect(r.errors?.map((e) => [e.message, e.path])).toEqual([
      [GraphQLErrorText.decodingError, ['refreshToken', 'token']],
    ])
    expect(client.cookies.get('JWT')).toBeTruthy()
    expect(client.csrfToken).not.toBe(before)
  })

  it('verifyToken(token) with a garbage token attached: the error is at ["verifyToken","payload"]', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const r = await new ProtocolClient(ts.url).graphql(VERIFY, { token }, { token: FORGED })
    expect(r.data).toEqual({ verifyToken: null })
    expect(r.errors?.map((e) => [e.message, e.path])).toEqual([
      [GraphQLErrorText.decodingError, ['verifyToken', 'payload']],
    ])
  })
})
