/** tokenAuth throttling per account and per client address, on an injected clock. */
import { afterEach, describe, expect, it } from 'vitest'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from '../test-support'
import { skipBecause } from '../test-support/fixtures'

const TOKEN_AUTH =
  'mutation ($email: String!, $password: String!) { tokenAuth(email: $email, password: $password) { token } }'
const MINUTE = 60_000

let ts: TestServer | undefined
afterEach(async () => {
  await ts?.dispose()
  ts = undefined
})

async function setUp() {
  const clock = { now: Date.now() }
  ts = await startTestServer({ now: () => clock.now })
  const signIn = (email: string, password: string) =>
    new ProtocolClient(ts!.url).graphql<{ tokenAuth: { token: string } | null }>(TOKEN_AUTH, {
      email,
      password,
    })
  return { clock, signIn, ts }
}

describe('sign-in throttling', () => {
  it('after 5 failures in 15 minutes an account is refused, even with its password, then recovers', async (ctx) => {
    const { clock, signIn, ts } = await setUp()
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    for (let i = 0; i < 5; i++) {
      const r = await signIn(demoUsers.alice.email, `wrong-${i}`)
      expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
    }
    const refused = await signIn(demoUsers.alice.email, demoUsers.alice.password)
    expect(refused.status).toBe(200)
    expect(refused.data?.tokenAuth).toBeNull()
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Too many sign-in attempts; try again in 15 minutes.',
      extensions: { code: 'TOO_MANY_ATTEMPTS' },
    })
    // Other accounts are not affected (5 failures are far below the address limit).
    expect((await signIn(demoUsers.bob.email, demoUsers.bob.password)).data?.tokenAuth).toBeTruthy()
    clock.now += 15 * MINUTE
    expect(
      (await signIn(demoUsers.alice.email, demoUsers.alice.password)).data?.tokenAuth?.token,
    ).toBeTruthy()
  })

  it('after 20 failures from one address, every account is refused from it', async (ctx) => {
    const { signIn, ts } = await setUp()
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    for (let i = 0; i < 20; i++) {
      const r = await signIn(`nobody${i}@example.com`, 'pass-1234')
      expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
    }
    const refused = await signIn(demoUsers.carol.email, demoUsers.carol.password)
    expect(refused.errors?.[0]?.message).toMatch(
      /^Too many sign-in attempts; try again in \d+ minutes?\.$/,
    )
  })

  it('an unknown email is throttled exactly like a real one (no account discovery)', async (ctx) => {
    const { signIn, ts } = await setUp()
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    for (let i = 0; i < 5; i++) await signIn('ghost@example.com', 'x')
    expect((await signIn('ghost@example.com', 'x')).errors?.[0]?.message).toBe(
      'Too many sign-in attempts; try again in 15 minutes.',
    )
  })
})
