// `npm start`: build the app, start the local EduSphere server when no server is configured
// (EDUSPHERE_URL unset), and launch Electron with that server as the default. Plain Node ESM, so
// it runs before anything is built; it never require()s electron (that would try a download).
//
//   npm start [-- --no-build] [-- <extra Electron args, e.g. --hidden>]
//   EDUSPHERE_URL=https://edusphere.example.org npm start   # use an existing server instead
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronBinary } from './electron-binary.mjs'
import { packageBin } from './package-bin.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SERVER_READY_MS = 30_000

function say(message) {
  console.log(`[start] ${message}`)
}

/** Where Electron keeps this app's userData, so the demo server's data lives beside it. */
function userDataDir() {
  const home = homedir()
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'))
  return join(base, 'EduSphere Desktop')
}

function build() {
  say('building the app (electron-vite build)…')
  const cli = packageBin('electron-vite', 'electron-vite', root)
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('[start] The build failed (see above), so the app was not started.')
    process.exit(result.status ?? 1)
  }
}

/** Starts `server/cli.ts` on a free port and resolves with its URL once it is listening. */
function startServer() {
  const dataDir = process.env.EDUSPHERE_SERVER_DATA_DIR ?? join(userDataDir(), 'local-server')
  mkdirSync(dataDir, { recursive: true })
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli.ts',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolvePromise, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(
        new Error(
          `the local server did not report it was listening within ${SERVER_READY_MS / 1000} s`,
        ),
      )
    }, SERVER_READY_MS)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk.replace(/^(?=.)/gm, '[server] '))
      output += chunk
      const match = /listening on (http:\/\/[^\s]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise({ child, url: match[1], dataDir })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the local server exited with code ${code} before it was ready`))
    })
  })
}

/** Stops the server child and waits for it (it flushes its database on SIGTERM). */
function stopServer(server) {
  if (!server || server.child.exitCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    server.child.once('exit', () => resolvePromise())
    server.child.kill('SIGTERM')
  })
}

async function main() {
  const args = process.argv.slice(2)
  const skipBuild = args.includes('--no-build')
  const electronArgs = args.filter((a) => a !== '--no-build')
  if (!skipBuild) build()

  let server = null
  let serverUrl = process.env.EDUSPHERE_URL || null
  if (!serverUrl) {
    try {
      server = await startServer()
    } catch (error) {
      console.error(`[start] Could not start the local EduSphere server: ${error.message}.`)
      process.exit(1)
    }
    serverUrl = server.url
    say(`local server at ${serverUrl} (sign in as alice@example.com / pass-1234)`)
  }

  const electron = findElectronBinary()
  if (!electron.path) {
    await stopServer(server)
    console.error(
      `The Electron binary is not installed and cannot be downloaded here (${electron.reason}): ` +
        'run `npx electron --version` once on a machine with internet access, or set ' +
        'ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron build, then run `npm start` again ' +
        '(`npm run server` alone still serves the local EduSphere server for other clients).',
    )
    process.exit(1)
  }

  say(`launching Electron (${electron.path})`)
  const app = spawn(electron.path, [root, ...electronArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, EDUSPHERE_DEFAULT_SERVER: serverUrl },
  })
  const forward = (signal) => () => app.kill(signal)
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  app.once('error', async (error) => {
    await stopServer(server)
    console.error(`[start] Electron could not be started: ${error.message}.`)
    process.exit(1)
  })
  app.once('exit', async (code, signal) => {
    await stopServer(server)
    process.exit(code ?? (signal ? 1 : 0))
  })
}

await main()
