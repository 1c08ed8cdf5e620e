/** History fetches run a few at a time, the room on screen first. */
import { describe, expect, it } from 'vitest'
import { FetchQueue } from './fetch-queue'

function deferred() {
  let resolve: (v: string) => void = () => undefined
  const promise = new Promise<string>((r) => (resolve = r))
  return { promise, resolve }
}

describe('FetchQueue', () => {
  it('runs at most `limit` together and starts the active room first when a slot frees', async () => {
    let active: string | null = null
    const queue = new FetchQueue(2, () => active)
    const started: string[] = []
    const gates = new Map<string, ReturnType<typeof deferred>>()
    const fetch = (key: string) =>
      queue.run(key, () => {
        started.push(key)
        const gate = deferred()
        gates.set(key, gate)
        return gate.promise
      })
    const results = ['a', 'b', 'c', 'd', 'e'].map(fetch)
    expect(started).toEqual(['a', 'b'])
    expect(queue.queued).toBe(3)
    active = 'e'
    gates.get('a')?.resolve('A')
    await expect(results[0]).resolves.toBe('A')
    expect(started).toEqual(['a', 'b', 'e'])
    gates.get('b')?.resolve('B')
    await results[1]
    expect(started).toEqual(['a', 'b', 'e', 'c'])
  })

  it('a failed fetch frees its slot and rejects only its caller', async () => {
    const queue = new FetchQueue(1, () => null)
    const failing = queue.run('a', () => Promise.reject(new Error('down')))
    const next = queue.run('b', () => Promise.resolve('ok'))
    await expect(failing).rejects.toThrow('down')
    await expect(next).resolves.toBe('ok')
  })
})
