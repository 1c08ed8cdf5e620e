/**
 * What a chat-service integration test file shares: one real local server, and the clients and
 * temporary profiles its tests make, disposed of after each test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import { startTestServer } from '../../../../server/test-support'
import { tempDir } from '../store/store-fixtures'
import type { TestClient } from './chat-harness'

export interface ServerWorld {
  /** The server, once the file's beforeAll has started it. */
  server: TestServer
  clients: TestClient[]
  cleanups: (() => void)[]
  /** Disposes of the client after the test. */
  track(client: TestClient): TestClient
  /** A fresh profile folder, removed after the test. */
  profile(): string
}

/** Registers the file's hooks; call it once at the top level of a test file. */
export function serverWorld(): ServerWorld {
  const world: ServerWorld = {
    server: undefined as unknown as TestServer,
    clients: [],
    cleanups: [],
    track: (client) => (world.clients.push(client), client),
    profile() {
      const { dir, cleanup } = tempDir('edusphere-profile-')
      world.cleanups.push(cleanup)
      return dir
    },
  }
  beforeAll(async () => {
    world.server = await startTestServer()
  })
  afterEach(async () => {
    await Promise.all(world.clients.splice(0).map((c) => c.dispose()))
    for (const fn of world.cleanups.splice(0)) fn()
  })
  afterAll(async () => {
    await world.server.dispose()
  })
  return world
}
