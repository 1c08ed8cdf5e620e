// Where electron-builder will download the Electron runtime from, and whether that address
// answers: `npm run dist` asks before it builds anything, so an offline machine gets one clear
// sentence instead of a half-finished package. Same URL rules as @electron/get, which
// electron-builder uses (ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'
const PROBE_MS = 15_000

/** The installed electron package's version, read from its package.json (never its index.js). */
export function electronVersion(fromDir = process.cwd()) {
  const manifest = createRequire(join(fromDir, 'package.json')).resolve('electron/package.json')
  return JSON.parse(readFileSync(manifest, 'utf8')).version
}

/** The zip electron-builder downloads for this platform. */
export function electronZipUrl({
  version,
  platform = process.platform,
  arch = process.arch,
  env = process.env,
}) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || DEFAULT_MIRROR
  const dir = (env.ELECTRON_CUSTOM_DIR || `v${version}`).replace(/\{\{\s*version\s*\}\}/g, version)
  return `${mirror}${dir}/electron-v${version}-${platform}-${arch}.zip`
}

/**
 * Asks (HEAD, no body) whether `url` can be downloaded. Resolves { ok: true } or
 * { ok: false, reason } with the network error or HTTP status in a few words.
 */
export async function probeDownload(url, timeoutMs = PROBE_MS) {
  // A ref'd timer (AbortSignal.timeout's is not): undici can drop a request whose socket was
  // reset without settling it, and the process must not end with the question unanswered.
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: controller.signal,
    })
    return response.ok ? { ok: true } : { ok: false, reason: `HTTP ${response.status}` }
  } catch (error) {
    if (controller.signal.aborted)
      return { ok: false, reason: `no answer in ${timeoutMs / 1000} s` }
    return { ok: false, reason: error.cause?.code ?? error.cause?.message ?? error.message }
  } finally {
    clearTimeout(timer)
  }
}
