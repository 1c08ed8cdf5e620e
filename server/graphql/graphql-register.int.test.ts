/** docs/protocol.md §3: registerUser — an account that signs in, or "Invalid data" with Django form errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../test-support'
import { demoUsers, ProtocolClient, startTestServer } from '../test-support'
import { uniqueName } from '../test-support/fixtures'
import { expectInvalid, REGISTER } from '../test-support/graphql-ops'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const PASSWORD = 'long-enough-pw-1'

describe('registerUser(username, name, email, password1, password2)', () => {
  it('creates an account that can sign in; success true; bio "" and avatar "" to start', async () => {
    const username = uniqueName('reg')
    const email = `${username}@example.com`
    const client = new ProtocolClient(ts.url)
    const r = await client.graphql<{ registerUser: { success: boolean; user: unknown } }>(
      REGISTER,
      { username, name: 'Reg Tester', email, password1: PASSWORD, password2: PASSWORD },
    )
    expect(r.errors).toBeUndefined()
    expect(r.data?.registerUser).toMatchObject({
      success: true,
      user: { username, name: 'Reg Tester', bio: '', avatar: '' },
    })
    expect(await client.signIn(email, PASSWORD)).toBeTruthy()
  })

  it('mismatching passwords, weak passwords and invalid fields are form errors', async () => {
    const username = uniqueName('bad')
    const base = {
      username,
      name: 'Bad',
      email: `${username}@example.com`,
      password1: PASSWORD,
      password2: PASSWORD,
    }
    const client = new ProtocolClient(ts.url)
    expectInvalid(await client.graphql(REGISTER, { ...base, password2: `${PASSWORD}x` }), {
      password2: ['The two password fields didn\u2019t match.'],
    })
    expectInvalid(
      await client.graphql(REGISTER, { ...base, password1: '1234', password2: '1234' }),
      {
        password2: [
          'This password is too short. It must contain at least 8 characters.',
          'This password is entirely numeric.',
        ],
      },
    )
    expectInvalid(await client.graphql(REGISTER, { ...base, email: 'not-an-email' }), {
      email: ['Enter a valid email address.'],
    })
    expectInvalid(await client.graphql(REGISTER, { ...base, username: 'no spaces!', name: '' }), {
      username: [
        'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
      ],
      name: ['This field is required.'],
    })
  })

  it('a taken username or email is refused; the demo accounts are untouched', async () => {
    const client = new ProtocolClient(ts.url)
    const fresh = uniqueName('dup')
    expectInvalid(
      await client.graphql(REGISTER, {
        username: 'alice',
        name: 'Not Alice',
        email: demoUsers.alice.email,
        password1: PASSWORD,
        password2: PASSWORD,
      }),
      {
        username: ['A user with that username already exists.'],
        email: ['User with this Email already exists.'],
      },
    )
    expectInvalid(
      await client.graphql(REGISTER, {
        username: fresh,
        name: 'Fresh',
        email: demoUsers.bob.email,
        password1: PASSWORD,
        password2: PASSWORD,
      }),
      { email: ['User with this Email already exists.'] },
    )
    expect(await client.signIn(demoUsers.alice.email, demoUsers.alice.password)).toBeTruthy()
  })
})
