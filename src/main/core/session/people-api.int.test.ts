/**
 * The rooms-and-people operations of EduSphereApi against the real local server: topics,
 * createRoom, updateRoom, deleteRoom, updateUser (with a multipart avatar upload) and
 * registerUser, including the server's form errors arriving on their fields.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import type { TestServer } from '../../../../server/test-support'
import { AppError } from '../../../shared/errors'
import { EduSphereApi } from './edusphere-api'
import { TINY_PNG } from '../test-support/tiny-png'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

async function signedIn(who: 'alice' | 'bob') {
  const api = new EduSphereApi(ts.url)
  const { token } = await api.signIn(demoUsers[who].email, demoUsers[who].password)
  return { api, token }
}

/** A new account, signed in. */
async function newAccount() {
  const api = new EduSphereApi(ts.url)
  const username = unique('user')
  const email = `${username}@example.com`
  await api.registerUser({
    username,
    name: 'New One',
    email,
    password1: 'pw-long-1',
    password2: 'pw-long-1',
  })
  const { token } = await api.signIn(email, 'pw-long-1')
  return { api, token, username, email }
}

describe('topics', () => {
  it('lists topic names, filtered by a search text', async () => {
    const api = new EduSphereApi(ts.url)
    expect(await api.topics(null)).toContain('Math')
    const some = await api.topics(null, 'mat')
    expect(some).toContain('Math')
    expect(some).not.toContain('Science')
  })
})

describe('createRoom, updateRoom, deleteRoom', () => {
  it('creates a room the creator hosts and has joined, with participants carrying avatars', async () => {
    const { api, token } = await signedIn('bob')
    const name = unique('Club ')
    const room = await api.createRoom(token, { name, topic: 'Chess', description: ' Openings ' })
    expect(room).toMatchObject({
      name,
      description: 'Openings',
      topic: { name: 'Chess' },
      host: { username: 'bob', name: 'Bob', avatar: 'avatars/bob.png' },
    })
    expect(room.participants).toEqual([
      expect.objectContaining({ username: 'bob', name: 'Bob', avatar: 'avatars/bob.png' }),
    ])
    expect(await api.topics(null)).toContain('Chess')
  })

  it("form errors come back on their fields, in the server's words", async () => {
    const { api, token } = await signedIn('alice')
    const empty = await failure(api.createRoom(token, { name: ' ', topic: '', description: '' }))
    expect(empty.code).toBe('invalid-argument')
    expect(empty.fields).toEqual({
      name: ['This field is required.'],
      topic: ['This field is required.'],
    })
    expect(empty.message).toContain('This field is required.')
    const taken = await failure(
      api.createRoom(token, { name: 'General', topic: 'Math', description: '' }),
    )
    expect(taken.fields).toEqual({ __all__: ['You already have a room with this name.'] })
  })

  it('the host renames and re-describes; omitted fields keep their value; the key stays', async () => {
    const { api, token } = await signedIn('alice')
    const room = await api.createRoom(token, {
      name: unique('Lab '),
      topic: 'Science',
      description: 'Before',
    })
    const renamed = await api.updateRoom(token, 'alice', room.slug, { name: 'Renamed Lab' })
    expect(renamed).toMatchObject({
      slug: room.slug,
      name: 'Renamed Lab',
      description: 'Before',
      topic: { name: 'Science' },
    })
    const described = await api.updateRoom(token, 'alice', room.slug, { description: 'After' })
    expect(described).toMatchObject({ name: 'Renamed Lab', description: 'After' })
    expect(await api.room(token, 'alice', room.slug)).toMatchObject({ description: 'After' })
  })

  it('another user may neither change nor delete it: a forbidden error naming the host rule', async () => {
    const { token } = await signedIn('alice')
    const bob = await signedIn('bob')
    for (const attempt of [
      bob.api.updateRoom(bob.token, 'alice', 'general', { name: 'Mine now' }),
      bob.api.deleteRoom(bob.token, 'alice', 'general'),
    ]) {
      const e = await failure(attempt)
      expect(e.code).toBe('forbidden')
      expect(e.message).toBe(
        'Only the host of this room can change or delete it. Ask them to do it.',
      )
    }
    expect(await bob.api.room(token, 'alice', 'general')).toMatchObject({ name: 'General' })
  })

  it('the host deletes it: the room is gone for everyone', async () => {
    const { api, token } = await signedIn('alice')
    const room = await api.createRoom(token, {
      name: unique('Gone '),
      topic: 'Math',
      description: '',
    })
    await api.deleteRoom(token, 'alice', room.slug)
    expect((await failure(api.room(token, 'alice', room.slug))).code).toBe('not-found')
    const again = await failure(api.deleteRoom(token, 'alice', room.slug))
    expect(again.code).toBe('not-found')
  })
})

describe('updateUser', () => {
  it('changes name and bio; `me` shows them', async () => {
    const { api, token } = await newAccount()
    const user = await api.updateUser(token, { name: 'Dora Explorer', bio: 'Maps and maths.' })
    expect(user).toMatchObject({ name: 'Dora Explorer', bio: 'Maps and maths.', avatar: '' })
    expect(await api.me(token)).toMatchObject({ name: 'Dora Explorer', bio: 'Maps and maths.' })
  })

  it('uploads an avatar as a GraphQL multipart request; the server serves it under /media/', async () => {
    const { api, token, username } = await newAccount()
    const user = await api.updateUser(
      token,
      {},
      { fileName: 'face.png', contentType: 'image/png', bytes: TINY_PNG },
    )
    expect(user.avatar).toMatch(/^avatars\/.+\.png$/)
    expect(user.name).toBe('New One')
    const served = await fetch(`${ts.url}/media/${user.avatar}`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true)
    expect((await api.me(token)).avatar).toBe(user.avatar)
    expect(username).toBeTruthy()
  })

  it("a file the server refuses comes back as the avatar field's error", async () => {
    const { api, token } = await newAccount()
    const e = await failure(
      api.updateUser(
        token,
        {},
        {
          fileName: 'notes.png',
          contentType: 'image/png',
          bytes: new TextEncoder().encode('text'),
        },
      ),
    )
    expect(e.code).toBe('invalid-argument')
    expect(e.fields?.avatar?.[0]).toMatch(/^Upload a valid image\./)
    const blank = await failure(api.updateUser(token, { name: '  ' }))
    expect(blank.fields).toEqual({ name: ['This field is required.'] })
  })
})

describe('registerUser', () => {
  it('creates an account that can sign in', async () => {
    const { api, username } = await newAccount()
    const me = await api.me((await api.signIn(`${username}@example.com`, 'pw-long-1')).token)
    expect(me).toMatchObject({ username, name: 'New One' })
  })

  it("reports Django's form errors per field", async () => {
    const api = new EduSphereApi(ts.url)
    const e = await failure(
      api.registerUser({
        username: 'alice',
        name: '',
        email: 'not-an-email',
        password1: 'pw-long-1',
        password2: 'pw-long-2',
      }),
    )
    expect(e.code).toBe('invalid-argument')
    expect(e.fields).toEqual({
      username: ['A user with that username already exists.'],
      name: ['This field is required.'],
      email: ['Enter a valid email address.'],
      password2: ['The two password fields didn\u2019t match.'],
    })
  })
})
