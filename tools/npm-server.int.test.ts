/**
 * `npm run server` as a user runs it: through npm and the package.json script, with the README's
 * flags. The test talks to it like a client (CSRF bootstrap, sign-in, a room's history) and stops
 * it with SIGTERM as a terminal or service manager would.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProtocolClient, demoUsers } from '../server/test-support'
import { repoRoot, startNpm } from './test-support/user-command'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'edusphere-npm-server-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const posix = process.platform !== 'win32'
if (!posix) console.log('npm run server SIGTERM test skipped on Windows: it has no POSIX signals')

describe('npm run server', () => {
  it.runIf(posix)('serves the demo data until npm gets SIGTERM, then stops cleanly', async () => {
    const server = startNpm(['run', 'server', '--', '--port', '0', '--data-dir', dataDir], repoRoot)
    try {
      // The banner ends with the demo rooms line: by then the accounts are printed too.
      const [banner, url] = await server.waitForStdout(
        /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Demo rooms: .*\n/,
      )
      expect(banner).toContain('alice@example.com')

      const client = new ProtocolClient(url!)
      expect((await client.request('GET', '/api/csrf/', { csrf: 'none' })).status).toBe(200)
      await client.signIn(demoUsers.alice.email, demoUsers.alice.password)
      const history = await client.graphql<{ messages: { body: string }[] }>(
        '{ messages(hostSlug: "alice", roomSlug: "general") { body } }',
      )
      expect(history.errors).toBeUndefined()
      expect(history.data?.messages.length).toBeGreaterThan(0)

      // SIGTERM to npm itself: npm passes it to its `sh -c`, which dies without passing it on;
      // the server must still shut down cleanly (tools/exit-with-parent.mjs) and free its port.
      server.child.kill('SIGTERM')
      const run = await server.done
      expect(run.signal, 'npm re-raises the signal it forwarded').toBe('SIGTERM')
      expect(run.stdout).toContain('SIGTERM: closing sockets and flushing the database')
      expect(run.stderr).toBe('')
      await expect(fetch(`${url}/api/csrf/`)).rejects.toThrow()
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null)
        server.child.kill('SIGKILL')
    }
  })

  it('rejects a bad flag with a specific message and exit code 2', async () => {
    const run = await startNpm(['run', 'server', '--', '--port', 'eighty'], repoRoot).done
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--port must be a valid number, got "eighty"')
  })
})
