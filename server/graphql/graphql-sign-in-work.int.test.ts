/**
 * tokenAuth does the same work for every email (no account discovery by timing), and old, cheaper
 * password hashes are upgraded on the next successful sign-in. Work is counted, never timed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import type { ScryptParams } from '../auth/passwords'
import { PasswordHasher, scryptDerive } from '../auth/passwords'
import { DB_FILE } from '../store/db'
import type { TestServer } from '../test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from '../test-support'
import { skipBecause } from '../test-support/fixtures'

const TOKEN_AUTH =
  'mutation ($email: String!, $password: String!) { tokenAuth(email: $email, password: $password) { token } }'

function countingHasher(cost: number) {
  const runs: ScryptParams[] = []
  const passwords = new PasswordHasher({
    cost,
    derive: (password, salt, params) => {
      runs.push(params)
      return scryptDerive(password, salt, params)
    },
  })
  return { passwords, runs }
}

let ts: TestServer | undefined
let dir: string | undefined
afterEach(async () => {
  await ts?.dispose()
  if (dir) rmSync(dir, { recursive: true, force: true })
  ts = undefined
  dir = undefined
})

describe('tokenAuth work', () => {
  it('an unknown email runs scrypt once, exactly like a wrong password', async (ctx) => {
    const { passwords, runs } = countingHasher(1024)
    ts = await startTestServer({ passwords })
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    runs.length = 0
    const signIn = (email: string, password: string) =>
      new ProtocolClient(ts!.url).graphql(TOKEN_AUTH, { email, password })

    const wrong = await signIn(demoUsers.alice.email, 'not-the-password')
    expect(wrong.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
    const afterWrong = runs.splice(0)
    const unknown = await signIn('nobody@example.com', 'not-the-password')
    expect(unknown.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
    const afterUnknown = runs.splice(0)
    expect(afterWrong).toEqual([{ N: 1024, r: 8, p: 1 }])
    expect(afterUnknown).toEqual(afterWrong)
  })

  it('upgrades a cheaper stored hash on the next successful sign-in, and only then', async (ctx) => {
    dir = mkdtempSync(join(tmpdir(), 'edusphere-upgrade-'))
    ts = await startTestServer({ dataDir: dir, passwords: new PasswordHasher({ cost: 2 ** 10 }) })
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    await ts.dispose()
    const stored = () => {
      const db = new Database(join(dir!, DB_FILE), { readonly: true })
      try {
        return db
          .prepare<[string], { password: string }>('SELECT password FROM users WHERE email = ?')
          .get(demoUsers.bob.email)!.password
      } finally {
        db.close()
      }
    }
    const before = stored()
    expect(before).toMatch(/^scrypt\$1024\$/)

    ts = await startTestServer({ dataDir: dir, passwords: new PasswordHasher({ cost: 2 ** 11 }) })
    const failed = await new ProtocolClient(ts.url).graphql(TOKEN_AUTH, {
      email: demoUsers.bob.email,
      password: 'not-the-password',
    })
    expect(failed.errors?.[0]?.message).toBe(GraphQLErrorText.invalidCredentials)
    await new ProtocolClient(ts.url).signIn(demoUsers.bob.email, demoUsers.bob.password)
    await ts.stop()
    const after = stored()
    expect(after).toMatch(/^scrypt\$2048\$8\$1\$/)
    ts = await startTestServer({ dataDir: dir, passwords: new PasswordHasher({ cost: 2 ** 11 }) })
    expect(
      await new ProtocolClient(ts.url).signIn(demoUsers.bob.email, demoUsers.bob.password),
    ).toBeTruthy()
  })
})
