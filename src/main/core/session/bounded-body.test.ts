/** A GraphQL answer over the size cap stops with a clear error instead of being read whole. */
import { describe, expect, it } from 'vitest'
import { GraphQLHttp } from './graphql-http'
import { readBoundedText } from './bounded-body'

const chunked = (chunks: number, size: number): Response => {
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close()
      controller.enqueue(new Uint8Array(size).fill(32))
    },
  })
  return new Response(body, { headers: { 'content-type': 'application/json' } })
}

describe('bounded response bodies', () => {
  it('reads an answer under the cap', async () => {
    const text = await readBoundedText(new Response('{"data":{}}'), 'http://x', 100)
    expect(text).toBe('{"data":{}}')
  })

  it('stops a streamed answer as soon as it passes the cap', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(1024))
      },
    })
    await expect(readBoundedText(new Response(body), 'http://x', 10 * 1024)).rejects.toMatchObject({
      code: 'protocol',
      message: expect.stringMatching(/larger than 10 KiB; it was not read/),
    })
    expect(pulled).toBeLessThan(20) // an endless body was not drained
  })

  it('refuses a declared length over the cap without reading it', async () => {
    const response = new Response('{}', { headers: { 'content-length': String(200 * 2 ** 20) } })
    await expect(readBoundedText(response, 'http://x')).rejects.toMatchObject({ code: 'protocol' })
  })

  it('surfaces through the GraphQL client as a protocol error naming the server', async () => {
    const http = new GraphQLHttp('http://edusphere.test', {
      fetch: async (_url, init) =>
        init?.method === 'POST'
          ? chunked(40, 64 * 1024)
          : new Response('', { headers: { 'set-cookie': 'csrftoken=abc; Path=/' } }),
      maxResponseBytes: 1024 * 1024,
    })
    await expect(http.post('{ x }', {}, null)).rejects.toMatchObject({
      code: 'protocol',
      message: expect.stringContaining('http://edusphere.test sent an answer larger than 1 MiB'),
    })
  })
})
