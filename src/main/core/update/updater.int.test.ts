/**
 * The update loop against a real release server on loopback: a `latest-linux.yml` feed and the
 * file it points at, served over HTTP. The test's UpdateSource reads the feed with the app's feed
 * client and downloads and checks (sha512) the file, as electron-updater does in a packaged build.
 */
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../test-support/fake-clock'
import { fetchUpdateFeed, MAX_FEED_BYTES } from './feed-client'
import type { UpdatePhase, UpdateSource } from './updater'
import { createUpdater, DEFAULT_CHECK_INTERVAL_MS } from './updater'
import { manualCheckAnswer, UPDATES_OFF, updateMenuItem, updateTrayItem } from './update-view'

const FRONT = '6b1f0f2e-52a7-4c1e-9d3c-000000000000'
const BACK = '6b1f0f2e-52a7-4c1e-9d3c-0000ffffffff'

/** What the release server holds; tests change it between checks. */
const release = {
  status: 200,
  version: '1.2.0',
  staging: null as number | null,
  file: Buffer.from('pretend AppImage bytes'),
  corrupt: false,
  huge: false,
}
const requests: string[] = []
let baseUrl = ''
const server = createServer((req, res) => {
  requests.push(req.url ?? '')
  if (req.url === '/latest-linux.yml') {
    if (release.huge) return res.end('#'.repeat(MAX_FEED_BYTES + 1))
    const sha512 = createHash('sha512').update(release.file).digest('base64')
    res.writeHead(release.status, { 'content-type': 'text/yaml' })
    return res.end(
      [
        `version: ${release.version}`,
        'files:',
        `  - url: edusphere-desktop-${release.version}.AppImage`,
        `    sha512: ${release.corrupt ? 'AAAA' : sha512}`,
        `    size: ${release.file.length}`,
        `path: edusphere-desktop-${release.version}.AppImage`,
        `releaseDate: '2026-11-30T10:00:00.000Z'`,
        ...(release.staging === null ? [] : [`stagingPercentage: ${release.staging}`]),
        '',
      ].join('\n'),
    )
  }
  if (req.url === `/edusphere-desktop-${release.version}.AppImage`) return res.end(release.file)
  res.writeHead(404).end()
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function loopbackSource(): UpdateSource & { installed: number; downloaded: string[] } {
  const source = {
    installed: 0,
    downloaded: [] as string[],
    latest: () => fetchUpdateFeed(baseUrl, 'latest-linux.yml'),
    async download(version: string, progress: (percent: number) => void) {
      const feed = await fetchUpdateFeed(baseUrl, 'latest-linux.yml')
      const file = feed.files[0]!
      const response = await fetch(`${baseUrl}/${file.url}`)
      const bytes = Buffer.from(await response.arrayBuffer())
      progress(50)
      if (createHash('sha512').update(bytes).digest('base64') !== file.sha512)
        throw new Error('sha512 checksum mismatch')
      progress(100)
      source.downloaded.push(version)
    },
    install() {
      source.installed += 1
    },
  }
  return source
}

function setup(current: string, installId = FRONT, disabledReason: string | null = null) {
  const clock = new FakeClock()
  const phases: UpdatePhase[] = []
  const waiters: (() => void)[] = []
  const source = loopbackSource()
  const updater = createUpdater({
    disabledReason,
    currentVersion: current,
    installId,
    source,
    clock,
    onChange: (p) => {
      phases.push(p)
      for (const wake of waiters.splice(0)) wake()
    },
  })
  /** Resolves once the updater has reached a phase of `kind` (the loop runs on real I/O). */
  const reach = async (kind: UpdatePhase['kind']): Promise<void> => {
    while (!phases.some((p) => p.kind === kind))
      await new Promise<void>((resolve) => waiters.push(resolve))
  }
  return { clock, phases, source, updater, reach }
}

describe('updates from a release server on loopback', () => {
  it('checks on start, downloads in the background, then offers "Restart to update"', async () => {
    Object.assign(release, { version: '1.2.0', staging: null, corrupt: false, status: 200 })
    const { phases, source, updater, reach } = setup('1.1.0')
    updater.start()
    await reach('ready')
    expect(phases.map((p) => p.kind)).toEqual([
      'checking',
      'downloading',
      'downloading',
      'downloading',
      'ready',
    ])
    expect(source.downloaded).toEqual(['1.2.0'])
    expect(updateMenuItem(updater.phase())).toEqual({
      label: 'Restart to Update (1.2.0)',
      enabled: true,
      command: 'restart-to-update',
    })
    expect(updateTrayItem(updater.phase())?.command).toBe('restart-to-update')
    expect(updater.restartToUpdate()).toBe(true)
    expect(source.installed).toBe(1)
    updater.stop()
  })

  it('checks again every few hours until there is something newer', async () => {
    Object.assign(release, { version: '1.1.0', staging: null, corrupt: false, status: 200 })
    const { clock, updater, reach } = setup('1.1.0')
    updater.start()
    await reach('up-to-date')
    expect(updateTrayItem(updater.phase())).toBeNull()
    expect(clock.pending()).toEqual([DEFAULT_CHECK_INTERVAL_MS])
    release.version = '1.1.1'
    clock.advance(DEFAULT_CHECK_INTERVAL_MS)
    await reach('ready')
    expect(updater.phase()).toEqual({ kind: 'ready', version: '1.1.1' })
    updater.stop()
    expect(clock.pending()).toEqual([])
  })

  it('stays put outside a staged rollout, and takes it once inside', async () => {
    Object.assign(release, { version: '1.3.0', staging: 25, corrupt: false, status: 200 })
    const back = setup('1.2.0', BACK)
    expect(await back.updater.checkNow()).toEqual({ kind: 'up-to-date', version: '1.2.0' })
    const front = setup('1.2.0', FRONT)
    expect(await front.updater.checkNow()).toEqual({ kind: 'ready', version: '1.3.0' })
  })

  it('says why a check failed: a missing feed, a corrupt download, an oversized answer', async () => {
    Object.assign(release, { version: '1.4.0', staging: null, corrupt: false, status: 404 })
    const { updater } = setup('1.2.0')
    const missing = await updater.checkNow()
    expect(missing).toEqual({
      kind: 'failed',
      message: 'the update server answered 404 for latest-linux.yml',
    })
    expect(manualCheckAnswer(missing)?.kind).toBe('error')
    expect(updateMenuItem(missing)).toMatchObject({ label: 'Check for Updates…', enabled: true })

    Object.assign(release, { status: 200, corrupt: true })
    expect(await updater.checkNow()).toEqual({
      kind: 'failed',
      message: 'the update could not be downloaded: sha512 checksum mismatch',
    })

    Object.assign(release, { corrupt: false, huge: true })
    const huge = await updater.checkNow()
    expect(huge.kind === 'failed' && huge.message).toMatch(/larger than 256 KiB/)
    release.huge = false
  })

  it('never checks in development', async () => {
    const before = requests.length
    const { clock, updater } = setup('1.0.0', FRONT, UPDATES_OFF.development)
    updater.start()
    expect(await updater.checkNow()).toEqual({ kind: 'off', reason: UPDATES_OFF.development })
    expect(clock.pending()).toEqual([])
    expect(requests.length).toBe(before)
    expect(updateMenuItem(updater.phase()).enabled).toBe(false)
    expect(manualCheckAnswer(updater.phase())).toMatchObject({
      message: 'Updates are off',
      detail: 'This is a development build.',
    })
  })

  it('runs one check at a time however often the user asks', async () => {
    Object.assign(release, { version: '1.0.0', staging: null, corrupt: false, status: 200 })
    const before = requests.length
    const { updater } = setup('1.0.0')
    const [a, b] = await Promise.all([updater.checkNow(), updater.checkNow()])
    expect(a).toBe(b)
    expect(requests.length - before).toBe(1)
  })
})
