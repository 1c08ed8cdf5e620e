/**
 * `npm run dist` where Electron cannot be downloaded: one sentence, exit code 1, and nothing built
 * or packaged. ELECTRON_MIRROR points at a local server that records what was asked and has
 * nothing to give, so the test never downloads anything (and electron-builder, which would
 * rebuild keytar in the shared node_modules, never starts).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createNetServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { electronVersion } from './electron-download.mjs'
import { lastLine, repoRoot, startNpm } from './test-support/user-command'

const requests: string[] = []
const mirror = createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`)
  res.writeHead(404).end()
})
let mirrorUrl: string
beforeAll(async () => {
  await new Promise<void>((listening) => mirror.listen(0, '127.0.0.1', listening))
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/mirror/`
})
afterAll(() => new Promise<void>((closed) => mirror.close(() => closed())))

function expectOneSentence(stderr: string, reason: RegExp): void {
  const sentence = lastLine(stderr)
  const version = electronVersion(repoRoot)
  expect(sentence).toMatch(
    new RegExp(`^npm run dist needs to download Electron ${version.replace(/\./g, '\\.')} from `),
  )
  expect(sentence).toMatch(reason)
  expect(sentence).toContain('run it on a machine with internet access')
  expect(sentence.match(/\.(\s|$)/g), 'one sentence').toHaveLength(1)
  expect(stderr.trim(), 'nothing else on stderr').toBe(sentence)
}

describe('npm run dist without access to the Electron download', () => {
  it('names what it needs in one sentence and exits 1 before building', async () => {
    const run = await startNpm(['run', 'dist'], repoRoot, { ELECTRON_MIRROR: mirrorUrl }).done
    expect(run.code).toBe(1)
    expectOneSentence(run.stderr, /\(HTTP 404\)/)
    const version = electronVersion(repoRoot)
    expect(requests).toEqual([
      `HEAD /mirror/v${version}/electron-v${version}-${process.platform}-${process.arch}.zip`,
    ])
    expect(run.stdout).not.toContain('electron-vite')
    expect(run.stdout).not.toContain('electron-builder')
  })

  it('says so too when nothing listens at the address', async () => {
    // A port that was free a moment ago; this loopback-only port is not handed out again at once.
    const probe = createNetServer()
    await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((closed) => probe.close(() => closed()))
    const run = await startNpm(['run', 'dist'], repoRoot, {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
    }).done
    expect(run.code).toBe(1)
    expectOneSentence(run.stderr, /cannot reach it \(ECONNREFUSED\)/)
  })
})
