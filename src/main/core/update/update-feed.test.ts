import { describe, expect, it } from 'vitest'
import { feedFileName, parseUpdateFeed } from './update-feed'
import { compareVersions, parseVersion } from './version'
import { decideUpdate, rolloutPosition } from './update-decision'
import type { UpdateFeed } from './update-feed'

/** A feed as electron-builder writes it for an AppImage release. */
export const LINUX_FEED = `version: 1.2.0
files:
  - url: edusphere-desktop-1.2.0-x86_64.AppImage
    sha512: 3mR0Yc9x0Qm0m5z8ZC6uK2fY8Yb0m3l2Q1kY3x9R7hI0a4+7H2nD9wV0eU5m1c8Jj3zQ==
    size: 104857600
    blockMapSize: 110592
path: edusphere-desktop-1.2.0-x86_64.AppImage
sha512: 3mR0Yc9x0Qm0m5z8ZC6uK2fY8Yb0m3l2Q1kY3x9R7hI0a4+7H2nD9wV0eU5m1c8Jj3zQ==
releaseDate: '2026-11-30T10:00:00.000Z'
releaseNotes: |
  Faster start.
  Fixes: reconnect after sleep.
stagingPercentage: 40
`

describe('update feed', () => {
  it('reads what electron-builder writes', () => {
    const parsed = parseUpdateFeed(LINUX_FEED)
    expect(parsed).toEqual({
      ok: true,
      feed: {
        version: '1.2.0',
        files: [
          {
            url: 'edusphere-desktop-1.2.0-x86_64.AppImage',
            sha512: expect.stringMatching(/==$/),
            size: 104857600,
          },
        ],
        releaseDate: '2026-11-30T10:00:00.000Z',
        stagingPercentage: 40,
        releaseNotes: 'Faster start.\nFixes: reconnect after sleep.',
      },
    })
  })

  it.each([
    ['', 'version'],
    ['version: 1.2\nfiles:\n  - url: a\n    sha512: x\n    size: 1\n', 'version is not a version'],
    ['version: 1.2.0\n', 'files'],
    ['version: 1.2.0\nfiles:\n  - url: a\n    sha512: x\n    size: -4\n', 'files.0.size'],
    ['version: 1.2.0\nfiles: []\n', 'files'],
    [
      'version: 1.2.0\nstagingPercentage: 140\nfiles:\n  - url: a\n    sha512: x\n    size: 1\n',
      'stagingPercentage',
    ],
    ['<html>not found</html>', 'not readable'],
    ['version: 1.2.0\nfiles:\n  nested: map\n', 'not a list of maps'],
  ])('refuses %j with a specific reason', (text, reason) => {
    const parsed = parseUpdateFeed(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problem).toContain(reason)
  })

  it('names the feed per platform like electron-builder', () => {
    expect(feedFileName('linux', 'x64')).toBe('latest-linux.yml')
    expect(feedFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml')
    expect(feedFileName('win32', 'x64')).toBe('latest.yml')
    expect(feedFileName('darwin', 'arm64')).toBe('latest-mac.yml')
  })
})

describe('versions', () => {
  const order = (a: string, b: string) =>
    Math.sign(compareVersions(parseVersion(a)!, parseVersion(b)!))
  it.each([
    ['1.0.0', '1.0.1', -1],
    ['1.10.0', '1.9.9', 1],
    ['2.0.0', '2.0.0', 0],
    ['v2.0.0', '2.0.0+build.5', 0],
    ['1.0.0-beta.2', '1.0.0', -1],
    ['1.0.0-beta.2', '1.0.0-beta.10', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-1', '1.0.0-alpha', -1],
    ['1.0.0-rc.1', '1.0.0-beta.9', 1],
  ])('%s vs %s → %i', (a, b, expected) => expect(order(a, b)).toBe(expected))

  it('refuses what is not a version', () => {
    for (const text of ['1.2', '01.2.3', 'latest', '1.2.3-', ''])
      expect(parseVersion(text)).toBeNull()
  })
})

describe('update decision', () => {
  const feed = (version: string, stagingPercentage: number | null = null): UpdateFeed => ({
    version,
    files: [{ url: 'x', sha512: 'y', size: 1 }],
    releaseDate: null,
    stagingPercentage,
    releaseNotes: null,
  })
  // Bytes 12-15 decide the position: 0x00000000 is the front of the queue, 0xffffffff the back.
  const FRONT = '6b1f0f2e-52a7-4c1e-9d3c-000000000000'
  const MIDDLE = '6b1f0f2e-52a7-4c1e-9d3c-00007fffffff'
  const BACK = '6b1f0f2e-52a7-4c1e-9d3c-0000ffffffff'

  it('places installs in the rollout as electron-updater does', () => {
    expect(rolloutPosition(FRONT)).toBe(0)
    expect(rolloutPosition(MIDDLE)).toBeCloseTo(50, 5)
    expect(rolloutPosition(BACK)).toBe(100)
    expect(rolloutPosition('not-a-uuid')).toBe(100)
  })

  it('downloads a newer release inside the rollout only', () => {
    expect(decideUpdate('1.1.0', feed('1.2.0'), BACK)).toEqual({
      action: 'download',
      version: '1.2.0',
    })
    expect(decideUpdate('1.1.0', feed('1.2.0', 60), MIDDLE).action).toBe('download')
    expect(decideUpdate('1.1.0', feed('1.2.0', 40), MIDDLE)).toMatchObject({
      reason: 'not-in-rollout',
    })
    expect(decideUpdate('1.1.0', feed('1.2.0', 0), FRONT)).toMatchObject({
      reason: 'not-in-rollout',
    })
    expect(decideUpdate('1.1.0', feed('1.2.0', 100), BACK).action).toBe('download')
  })

  it('never goes sideways or back, and keeps pre-releases to pre-release installs', () => {
    expect(decideUpdate('1.2.0', feed('1.2.0'), FRONT)).toMatchObject({ reason: 'up-to-date' })
    expect(decideUpdate('1.3.0', feed('1.2.0'), FRONT)).toMatchObject({ reason: 'older' })
    expect(decideUpdate('1.2.0', feed('1.3.0-beta.1'), FRONT)).toMatchObject({
      reason: 'prerelease',
    })
    expect(decideUpdate('1.3.0-beta.1', feed('1.3.0-beta.2'), FRONT).action).toBe('download')
    expect(decideUpdate('1.3.0-beta.1', feed('1.3.0'), FRONT).action).toBe('download')
  })
})
