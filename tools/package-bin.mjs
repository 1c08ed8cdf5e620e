// The path of a dependency's command-line script, read from its package.json `bin` field. A
// package's `exports` map may hide its bin file from require.resolve (electron-vite 5 does:
// ERR_PACKAGE_PATH_NOT_EXPORTED), but package.json is always exported.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The absolute path of `pkg`'s bin script `name` (default: the package name), resolved from `fromDir`. */
export function packageBin(pkg, name = pkg, fromDir = process.cwd()) {
  const manifest = createRequire(join(fromDir, 'package.json')).resolve(`${pkg}/package.json`)
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'))
  const relative = typeof bin === 'string' ? bin : bin?.[name]
  if (!relative) throw new Error(`${pkg} declares no "${name}" command in its package.json`)
  return join(dirname(manifest), relative)
}
