/**
 * The benchmark workload needs nothing but the demo data: it runs against a fresh server (or
 * EDUSPHERE_URL) with no setup mutation, and every one of its 50 sockets gets every message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TestServer } from '../../server/test-support'
import { startTestServer } from '../../server/test-support'
import { runWorkload } from './workload'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

it('runs a short workload against a server URL and reports figures', async () => {
  const lines: string[] = []
  const figures = await runWorkload(ts.url, {
    clients: 50,
    rounds: 1,
    warmup: 5,
    latencyMessages: 10,
    throughputMessages: 20,
    window: 4,
    log: (line) => lines.push(line),
  })
  expect(figures.deliveriesPerSec).toBeGreaterThan(0)
  expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.medianMs)
  expect(figures.serverBusy).toBeNull()
  expect(lines[0]).toContain('50 sockets in alice/general')
})
