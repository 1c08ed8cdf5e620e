/** Types for tools/electron-download.mjs (plain ESM so npm scripts run without a TypeScript loader). */

/** The installed electron package's version, read from its package.json (never its index.js). */
export function electronVersion(fromDir?: string): string

/** The zip electron-builder downloads for this platform. */
export function electronZipUrl(options: {
  version: string
  platform?: string
  arch?: string
  env?: Readonly<Record<string, string | undefined>>
}): string

/** Whether `url` can be downloaded (HEAD), or why not. */
export function probeDownload(
  url: string,
  timeoutMs?: number,
): Promise<{ ok: true } | { ok: false; reason: string }>
