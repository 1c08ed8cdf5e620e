// Finds the Electron executable WITHOUT require('electron'): since Electron 45 that call downloads
// the binary on first use, which throws on machines without internet. Used by `npm start`
// (tools/start.mjs) and the Electron end-to-end specs, so both agree on when Electron exists.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const PLATFORM_EXECUTABLE = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
}

/** The executable's path inside an Electron dist directory for this platform. */
export function platformExecutable(platform = process.platform) {
  return PLATFORM_EXECUTABLE[platform] ?? 'electron'
}

function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false
    if (process.platform !== 'win32') accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Where the electron package is installed, resolved from `fromDir` (its package.json is read,
 * never its index.js, which is what would trigger the download).
 */
export function electronPackageDir(fromDir = process.cwd()) {
  try {
    return dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'))
  } catch {
    return null
  }
}

/**
 * Locates the Electron binary the way the electron package would (ELECTRON_OVERRIDE_DIST_PATH
 * first, then node_modules/electron/dist/<path.txt>) and says why when there is none.
 * Returns { path, reason }: exactly one of them is null.
 */
export function findElectronBinary({ env = process.env, packageDir = electronPackageDir() } = {}) {
  const pathFile = packageDir ? join(packageDir, 'path.txt') : null
  const relative =
    pathFile && existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable()
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const candidate = join(override, relative)
    return isExecutableFile(candidate)
      ? { path: candidate, reason: null }
      : {
          path: null,
          reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${candidate}`,
        }
  }
  if (!packageDir) return { path: null, reason: 'the electron package is not installed' }
  if (!pathFile || !existsSync(pathFile))
    return {
      path: null,
      reason: 'node_modules/electron/path.txt is missing, so it was never downloaded',
    }
  const candidate = join(packageDir, 'dist', relative)
  return isExecutableFile(candidate)
    ? { path: candidate, reason: null }
    : { path: null, reason: `the Electron binary is missing from ${join(packageDir, 'dist')}` }
}
