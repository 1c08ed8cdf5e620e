/**
 * docs/protocol.md §3: registerUser (form errors as "Invalid data" + extensions.errors) and updateUser,
 * including an avatar upload over the GraphQL multipart request spec, served under /media/.
 */
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from '../test-support'
import { skipBecause, uniqueName } from '../test-support/fixtures'
import { expectInvalid, REGISTER } from '../test-support/graphql-ops'
import type { UploadPart } from '../test-support/protocol-client'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const PASSWORD = 'long-enough-pw-1'
const MEDIA_SKIP_REASON =
  'skipped: EDUSPHERE_URL points at an external server, whose /media/ may be left to a reverse proxy'
const UPDATE_USER = `mutation ($avatar: Upload, $bio: String, $name: String, $username: String) {
  updateUser(avatar: $avatar, bio: $bio, name: $name, username: $username) {
    user { id username name bio avatar }
  }
}`

/** A fresh account, signed in. */
async function newAccount(prefix = 'acct') {
  const username = uniqueName(prefix)
  const email = `${username}@example.com`
  const client = new ProtocolClient(ts.url)
  const r = await client.graphql(REGISTER, {
    username,
    name: 'Some One',
    email,
    password1: PASSWORD,
    password2: PASSWORD,
  })
  if (r.errors) throw new Error(`registerUser failed: ${JSON.stringify(r.errors)}`)
  const token = await client.signIn(email, PASSWORD)
  return { client, token, username, email }
}

/** A tiny valid PNG (1×1, one red pixel). */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (b: Buffer) => {
    let c = 0xffffffff
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc(body), 8 + data.length)
    return out
  }
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const avatar = (filename: string, data: Buffer, contentType = 'image/png'): UploadPart => ({
  variable: 'avatar',
  filename,
  contentType,
  data,
})

describe('updateUser(avatar, bio, name, username)', () => {
  it('needs auth', async () => {
    const r = await new ProtocolClient(ts.url).graphql(UPDATE_USER, { bio: 'x' })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })

  it('changes name, bio and username; omitted fields keep their values', async () => {
    const { client, username } = await newAccount()
    const r = await client.graphql<{ updateUser: { user: unknown } }>(UPDATE_USER, {
      name: 'New Name',
      bio: 'I like maths.',
    })
    expect(r.errors).toBeUndefined()
    expect(r.data?.updateUser.user).toMatchObject({
      username,
      name: 'New Name',
      bio: 'I like maths.',
    })
    const renamed = `${username}r`
    const again = await client.graphql<{ updateUser: { user: unknown } }>(UPDATE_USER, {
      username: renamed,
    })
    expect(again.data?.updateUser.user).toMatchObject({
      username: renamed,
      name: 'New Name',
      bio: 'I like maths.',
    })
    const me = await client.graphql<{ me: { username: string } }>('{ me { username } }')
    expect(me.data?.me.username).toBe(renamed)
  })

  it('a taken or invalid username and an empty name are form errors; nothing changes', async () => {
    const { client, username } = await newAccount()
    expectInvalid(await client.graphql(UPDATE_USER, { username: 'bob' }), {
      username: ['A user with that username already exists.'],
    })
    expectInvalid(await client.graphql(UPDATE_USER, { username: 'a b', name: '' }), {
      username: [
        'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
      ],
      name: ['This field is required.'],
    })
    const me = await client.graphql<{ me: { username: string; name: string } }>(
      '{ me { username name } }',
    )
    expect(me.data?.me).toEqual({ username, name: 'Some One' })
  })

  it("uploads an avatar (multipart): its storage path under avatars/ is the user's avatar", async () => {
    const { client, username } = await newAccount('pic')
    const r = await client.graphqlUpload<{ updateUser: { user: { avatar: string } } }>(
      UPDATE_USER,
      { bio: 'with a picture' },
      [avatar(`${username}.png`, png())],
    )
    expect(r.errors).toBeUndefined()
    const path = r.data!.updateUser.user.avatar
    expect(path).toMatch(new RegExp(`^avatars/${username}(_\\w+)?\\.png$`))
    const user = await client.graphql<{ user: { avatar: string; bio: string } }>(
      `{ user(userSlug: "${username}") { avatar bio } }`,
    )
    expect(user.data?.user).toEqual({ avatar: path, bio: 'with a picture' })
  })

  it('refuses files that are not PNG/JPEG images, with the form error on avatar', async () => {
    const { client } = await newAccount('badpic')
    expectInvalid(
      await client.graphqlUpload(UPDATE_USER, {}, [
        avatar('notes.png', Buffer.from('just text'), 'text/plain'),
      ]),
      {
        avatar: [
          'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
        ],
      },
    )
    const gif = await client.graphqlUpload(UPDATE_USER, {}, [avatar('pic.gif', png())])
    expect(gif.errors?.[0]?.message).toBe('Invalid data')
    const gifErrors = gif.errors?.[0]?.extensions?.errors as Record<string, string[]>
    expect(gifErrors.avatar?.[0]).toMatch(/^File extension \u201cgif\u201d is not allowed\./)
    expectInvalid(
      await client.graphqlUpload(UPDATE_USER, {}, [avatar('empty.png', Buffer.alloc(0))]),
      {
        avatar: ['The submitted file is empty.'],
      },
    )
    // A string where the Upload goes (plain JSON) is not a file.
    expectInvalid(await client.graphql(UPDATE_USER, { avatar: 'avatars/bob.png' }), {
      avatar: ['No file was submitted. Check the encoding type on the form.'],
    })
    const me = await client.graphql<{ me: { avatar: string } }>('{ me { avatar } }')
    expect(me.data?.me.avatar).toBe('')
  })

  it('refuses an avatar over 2 MB with a clear error', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const { client } = await newAccount('bigpic')
    const big = Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024)])
    expectInvalid(await client.graphqlUpload(UPDATE_USER, {}, [avatar('big.png', big)]), {
      avatar: ['The avatar is too large: at most 2 MB (2097152 bytes) is accepted.'],
    })
  })

  it('a malformed multipart request is HTTP 400 with a specific message', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const { client, token } = await newAccount('mp')
    const boundary = 'xyz'
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
        JSON.stringify({ query: UPDATE_USER, variables: { avatar: null } }) +
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n` +
        `{"0": ["variables.avatar"]}\r\n--${boundary}--\r\n`,
    )
    const r = await client.request('POST', '/graphql/', {
      body,
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        Authorization: `JWT ${token}`,
      },
    })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.text)).toEqual({
      errors: [{ message: "Invalid multipart request: the file '0' named in 'map' was not sent." }],
    })
  })
})

describe('/media/', () => {
  it('serves uploaded avatars byte for byte, the demo avatar too; unknown files and escapes are 404', async (ctx) => {
    // A bare real backend leaves /media/ to its reverse proxy (docs/protocol.md §4).
    if (ts.external) return skipBecause(ctx, MEDIA_SKIP_REASON)
    const { client, username } = await newAccount('media')
    const image = png()
    const r = await client.graphqlUpload<{ updateUser: { user: { avatar: string } } }>(
      UPDATE_USER,
      {},
      [avatar(`${username} photo.png`, image)],
    )
    const path = r.data!.updateUser.user.avatar
    expect(path).toMatch(new RegExp(`^avatars/${username}_photo(_\\w+)?\\.png$`))
    const served = await fetch(`${ts.url}/media/${path}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true)
    const bob = await client.request('GET', '/media/avatars/bob.png')
    expect(bob.status).toBe(200)
    expect(bob.headers['content-type']).toBe('image/png')
    expect((await client.request('GET', `/media/avatars/${uniqueName('none')}.png`)).status).toBe(
      404,
    )
    expect((await client.request('GET', '/media/avatars/..%2F..%2Fedusphere.sqlite3')).status).toBe(
      404,
    )
  })
})
