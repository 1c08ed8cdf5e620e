/**
 * Whether this install takes the release a feed offers: newer than what runs, not a pre-release
 * (unless the running build is one), and inside the staged rollout. The rollout position of an
 * install is derived from its stable install id exactly as electron-updater does, so both agree.
 */
import type { UpdateFeed } from './update-feed'
import { compareVersions, parseVersion } from './version'

export type UpdateDecision =
  | { action: 'download'; version: string }
  | {
      action: 'none'
      reason: 'up-to-date' | 'older' | 'prerelease' | 'not-in-rollout'
      version: string
    }

/**
 * Where an install sits in a staged rollout, 0 to 100: its id's bytes 12-15 as a fraction of
 * 2^32 - 1 (electron-updater's rule). An id that is not a UUID hashes to 100: never staged in.
 */
export function rolloutPosition(installId: string): number {
  const hex = installId.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) return 100
  return (Number.parseInt(hex.slice(24, 32), 16) / 0xffffffff) * 100
}

/** The decision for a running `current` version given `feed`. */
export function decideUpdate(current: string, feed: UpdateFeed, installId: string): UpdateDecision {
  const running = parseVersion(current)
  const offered = parseVersion(feed.version)
  const none = (reason: 'up-to-date' | 'older' | 'prerelease' | 'not-in-rollout') =>
    ({ action: 'none', reason, version: feed.version }) as const
  if (!running || !offered) return none('older')
  const order = compareVersions(offered, running)
  if (order === 0) return none('up-to-date')
  if (order < 0) return none('older')
  // Pre-releases reach only installs that already run one (electron-updater's allowPrerelease).
  if (offered.pre.length && !running.pre.length) return none('prerelease')
  // A full rollout (100) is everyone, even the one id at the very back of the queue.
  const staged = feed.stagingPercentage !== null && feed.stagingPercentage < 100
  if (staged && rolloutPosition(installId) >= feed.stagingPercentage!) return none('not-in-rollout')
  return { action: 'download', version: feed.version }
}
