// `npm run dist`: installers for this OS with electron-builder (electron-builder.yml). Plain Node
// ESM. Checks first that the Electron runtime can be downloaded, so a machine without that access
// gets one sentence and exit code 1 instead of a stack trace halfway through packaging.
//
//   npm run dist [-- <extra electron-builder flags>]
import { spawnSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronVersion, electronZipUrl, probeDownload } from './electron-download.mjs'
import { packageBin } from './package-bin.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function run(command, args, what) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32' && command === 'npm',
  })
  if (result.status !== 0) {
    console.error(`[dist] ${what} failed (see above).`)
    return result.status ?? 1
  }
  return 0
}

async function main() {
  const version = electronVersion(root)
  const url = electronZipUrl({ version })
  const probe = await probeDownload(url)
  if (!probe.ok) {
    console.error(
      `npm run dist needs to download Electron ${version} from ${url} and cannot reach it ` +
        `(${probe.reason}): run it on a machine with internet access, or set ELECTRON_MIRROR ` +
        'to a mirror of the Electron releases that this machine can reach.',
    )
    process.exit(1)
  }
  const built = run(
    process.execPath,
    [packageBin('electron-vite', 'electron-vite', root), 'build'],
    'The build',
  )
  if (built) process.exit(built)
  const builderCli = packageBin('electron-builder', 'electron-builder', root)
  const packaged = run(
    process.execPath,
    [
      builderCli,
      '--config',
      'electron-builder.yml',
      '--publish',
      'never',
      ...process.argv.slice(2),
    ],
    'Packaging',
  )
  // electron-builder rebuilt keytar in node_modules for Electron's ABI; put the Node build back so
  // `npm test` and `npm run server` keep working in this checkout.
  const restored = run('npm', ['rebuild', 'keytar'], 'Rebuilding keytar for Node')
  process.exit(packaged || restored)
}

await main()
