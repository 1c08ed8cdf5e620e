/** Semantic versions as electron-builder and electron-updater use them: 1.2.3 and 1.2.3-beta.1. */

export interface Version {
  major: number
  minor: number
  patch: number
  /** Dot-separated pre-release identifiers; empty for a release. */
  pre: string[]
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/

/** The version in `text`, or null when it is not one. */
export function parseVersion(text: string): Version | null {
  const m = SEMVER.exec(text.trim())
  if (!m) return null
  return { major: +m[1]!, minor: +m[2]!, patch: +m[3]!, pre: m[4] ? m[4].split('.') : [] }
}

function comparePre(a: string[], b: string[]): number {
  // A release is newer than any of its pre-releases.
  if (!a.length || !b.length) return b.length - a.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]
    const y = b[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const xn = /^\d+$/.test(x)
    const yn = /^\d+$/.test(y)
    if (xn && yn && +x !== +y) return +x < +y ? -1 : 1
    // Numeric identifiers sort before alphanumeric ones (semver §11).
    if (xn !== yn) return xn ? -1 : 1
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Negative when a is older than b, 0 when equal (build metadata ignored), positive when newer. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre)
}
