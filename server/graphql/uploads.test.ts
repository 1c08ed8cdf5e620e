/** The GraphQL multipart request parser: files land where `map` says, and nowhere else. */
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { multipartBody } from '../test-support/protocol-client'
import { isUploadedFile, readGraphQLMultipart } from './uploads'

const LIMITS = { maxFileBytes: 16, maxFieldBytes: 4096, maxFiles: 2 }

function request(body: Buffer, contentType: string): IncomingMessage {
  const req = Readable.from([body]) as unknown as IncomingMessage
  req.headers = { 'content-type': contentType }
  return req
}

function raw(boundary: string, parts: [string, string][]): Buffer {
  const text = parts
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    .join('')
  return Buffer.from(`${text}--${boundary}--\r\n`)
}

describe('readGraphQLMultipart', () => {
  it('puts each file at its variable; a file over the limit arrives truncated', async () => {
    const { body, contentType } = multipartBody('mutation { x }', { bio: 'b' }, [
      {
        variable: 'avatar',
        filename: 'a.png',
        contentType: 'image/png',
        data: Buffer.from('png!'),
      },
      { variable: 'big', filename: 'b.png', contentType: 'image/png', data: Buffer.alloc(40) },
    ])
    const result = await readGraphQLMultipart(request(body, contentType), LIMITS)
    expect(result.ok).toBe(true)
    const input = (result as { input: { variables: Record<string, unknown> } }).input
    expect(input.variables.bio).toBe('b')
    const avatar = input.variables.avatar
    expect(isUploadedFile(avatar) && avatar.data.toString()).toBe('png!')
    const big = input.variables.big
    expect(isUploadedFile(big) && big.truncated).toBe(true)
  })

  it('refuses map paths outside variables or through the prototype, and missing files', async () => {
    const ops = JSON.stringify({ query: '{ x }', variables: {} })
    for (const [path, why] of [
      ['__proto__.polluted', '\'map\' path "__proto__.polluted" does not name a variable'],
      ['variables.__proto__', '\'map\' path "variables.__proto__" does not name a variable'],
      ['query', '\'map\' path "query" does not name a variable'],
    ]) {
      const { body, contentType } = multipartBody('{ x }', {}, [
        { variable: 'f', filename: 'f.png', contentType: 'image/png', data: Buffer.from('x') },
      ])
      const text = body.toString('latin1').replace('["variables.f"]', JSON.stringify([path]))
      const result = await readGraphQLMultipart(
        request(Buffer.from(text, 'latin1'), contentType),
        LIMITS,
      )
      expect(result).toEqual({ ok: false, message: `Invalid multipart request: ${why}.` })
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const missing = await readGraphQLMultipart(
      request(
        raw('b', [
          ['operations', ops],
          ['map', '{"0": ["variables.f"]}'],
        ]),
        'multipart/form-data; boundary=b',
      ),
      LIMITS,
    )
    expect(missing).toEqual({
      ok: false,
      message: "Invalid multipart request: the file '0' named in 'map' was not sent.",
    })
    const noOps = await readGraphQLMultipart(
      request(raw('b', [['map', '{}']]), 'multipart/form-data; boundary=b'),
      LIMITS,
    )
    expect(noOps).toEqual({
      ok: false,
      message: "Invalid multipart request: the 'operations' field is missing.",
    })
    const badJson = await readGraphQLMultipart(
      request(raw('b', [['operations', '{nope']]), 'multipart/form-data; boundary=b'),
      LIMITS,
    )
    expect(badJson).toEqual({
      ok: false,
      message: "Invalid multipart request: 'operations' is not a JSON object.",
    })
  })
})
