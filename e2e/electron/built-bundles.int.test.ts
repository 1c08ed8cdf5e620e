/**
 * The built bundles, loaded the way Electron loads them (the binary cannot run here): the preload
 * in a `node:vm` context that offers only what a sandboxed preload gets, and the main bundle
 * against the recording stand-in for the `electron` module. The build goes to a temporary folder
 * so it never rewrites out/ under another suite.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { APP_ENTRY_URL } from '../../src/main/core/shell/app-origin'
import { app, fakeElectronModule, recorder } from '../../src/main/test-support/fake-electron'
import type { ChatApi, Result, SessionSnapshot } from '../../src/shared/ipc-contract'
import { invokeChannelNames } from '../../src/shared/ipc-contract'
import { eventsChannel, invokeMethods } from '../../src/shared/ipc-methods'
import { packageBin } from '../../tools/package-bin.mjs'

const root = resolve(__dirname, '../..')
let base: string
let outDir: string
let profile: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'edusphere-bundles-'))
  outDir = join(base, 'out')
  // The unpackaged app finds its icons at out/main/../../build, as in the repository.
  symlinkSync(join(root, 'build'), join(base, 'build'), 'junction')
  profile = mkdtempSync(join(tmpdir(), 'edusphere-bundles-profile-'))
  execFileSync(
    process.execPath,
    [packageBin('electron-vite', 'electron-vite', root), 'build', '--outDir', outDir],
    {
      cwd: root,
      stdio: 'pipe',
    },
  )
}, 180_000)

afterAll(() => {
  rmSync(base, { recursive: true, force: true })
  rmSync(profile, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// The preload, as Electron's sandboxed renderer runs it.

/** Node modules a sandboxed preload may require besides `electron` (Electron's sandbox docs). */
const SANDBOX_MODULES = ['events', 'timers', 'url']

interface PreloadWorld {
  /** What the page sees on `window`. */
  mainWorld: Record<string, unknown>
  required: string[]
  invoked: [string, unknown[]][]
  listeners: Map<string, Set<(event: unknown, payload: unknown) => void>>
}

function runSandboxedPreload(file: string): PreloadWorld {
  const world: PreloadWorld = { mainWorld: {}, required: [], invoked: [], listeners: new Map() }
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        world.mainWorld[key] = api
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        world.invoked.push([channel, args])
        return Promise.resolve({ ok: true, value: channel })
      },
      on(channel: string, listener: (event: unknown, payload: unknown) => void) {
        let set = world.listeners.get(channel)
        if (!set) world.listeners.set(channel, (set = new Set()))
        set.add(listener)
      },
      removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
        world.listeners.get(channel)?.delete(listener)
      },
    },
  }
  const nodeRequire = createRequire(file)
  const sandboxRequire = (id: string): unknown => {
    world.required.push(id)
    if (id === 'electron') return electron
    const bare = id.replace(/^node:/, '')
    if (SANDBOX_MODULES.includes(bare)) return nodeRequire(`node:${bare}`)
    throw new Error(`module not found: ${id}`)
  }
  // Electron's sandboxed process object, reduced to its plain fields.
  const sandboxProcess = {
    platform: process.platform,
    arch: process.arch,
    env: {},
    argv: [],
    sandboxed: true,
    contextIsolated: true,
    type: 'renderer',
  }
  // Only JavaScript's own globals: no require, module, __dirname, Buffer or process on the global.
  const context = vm.createContext({})
  // The wrapper Electron's sandboxed renderer puts around a preload script.
  const wrapper = vm.runInContext(
    `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${readFileSync(file, 'utf8')}\n})`,
    context,
    { filename: file },
  ) as (...args: unknown[]) => void
  const module = { exports: {} }
  wrapper(
    sandboxRequire,
    sandboxProcess,
    Buffer,
    vm.runInContext('globalThis', context),
    setImmediate,
    clearImmediate,
    module.exports,
    module,
  )
  return world
}

describe('the built preload in a sandboxed-preload context', () => {
  let world: PreloadWorld
  beforeAll(() => {
    world = runSandboxedPreload(join(outDir, 'preload/index.js'))
  })

  it('requires nothing but electron', () => {
    expect(world.required).toEqual(['electron'])
  })

  it("exposes exactly the contract's ChatApi as window.edusphere, and nothing else", () => {
    expect(Object.keys(world.mainWorld)).toEqual(['edusphere'])
    const api = world.mainWorld.edusphere as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...Object.values(invokeMethods), 'onEvents'].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('sends each method on its own channel with its arguments', async () => {
    const api = world.mainWorld.edusphere as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >
    for (const [channel, method] of Object.entries(invokeMethods)) {
      await expect(api[method]!('a', 2)).resolves.toEqual({ ok: true, value: channel })
      expect(world.invoked.at(-1)).toEqual([channel, ['a', 2]])
    }
    expect(world.invoked).toHaveLength(invokeChannelNames.length)
  })

  it('delivers event batches and unsubscribes for real', () => {
    const api = world.mainWorld.edusphere as unknown as ChatApi
    const received: unknown[] = []
    const off = api.onEvents((events) => received.push(events))
    const [listener] = world.listeners.get(eventsChannel) ?? []
    listener!({ sender: 'main' }, [{ kind: 'room-removed', roomKey: 'a/b' }])
    expect(received).toEqual([[{ kind: 'room-removed', roomKey: 'a/b' }]])
    off()
    expect(world.listeners.get(eventsChannel)?.size).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// The main bundle against the electron stand-in.

/**
 * Loads a CommonJS bundle like Node would, except that `electron` is the stand-in; the bundle's
 * own chunks (`./chunks/…`, code shared with the store's writer thread) load the same way.
 */
function loadMainBundle(file: string, loaded = new Map<string, unknown>()): unknown {
  const known = loaded.get(file)
  if (known) return known
  // The packaged app resolves its dependencies (ws, zod, keytar) from node_modules beside out/.
  const appRequire = createRequire(join(root, 'package.json'))
  const require = (id: string): unknown => {
    if (id === 'electron') return fakeElectronModule
    if (id.startsWith('.')) return loadMainBundle(resolve(dirname(file), id), loaded)
    return appRequire(id)
  }
  const wrapper = vm.runInThisContext(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
  }) as (...args: unknown[]) => void
  const module = { exports: {} }
  loaded.set(file, module.exports)
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file))
  loaded.set(file, module.exports)
  return module.exports
}

describe('the built main bundle against the electron stand-in', () => {
  beforeAll(async () => {
    process.env.EDUSPHERE_USER_DATA_DIR = profile
    process.env.EDUSPHERE_SECRET_STORE = 'memory'
    // Nobody listens there: nothing in this test signs in.
    process.env.EDUSPHERE_DEFAULT_SERVER = 'http://127.0.0.1:9'
    loadMainBundle(join(outDir, 'main/index.js'))
    app.becomeReady()
    await vi.waitFor(() => expect(recorder.windows).toHaveLength(1), { timeout: 20_000 })
  })

  afterAll(async () => {
    if (recorder.exitCode === null) app.quit()
    await vi.waitFor(() => expect(recorder.exitCode).toBe(0), { timeout: 10_000 })
  })

  it('registers exactly the IPC channels of the contract', () => {
    expect([...recorder.ipcHandlers.keys()].sort()).toEqual([...invokeChannelNames].sort())
  })

  it('finds its tray icons', () => {
    expect(recorder.trays).toHaveLength(1)
    expect(existsSync(recorder.trays[0]!.images[0]!)).toBe(true)
  })

  it('loads the built preload and answers a trusted call', async () => {
    const win = recorder.windows[0]!
    const prefs = win.options.webPreferences as {
      preload: string
      sandbox: boolean
      contextIsolation: boolean
    }
    expect(prefs.preload).toBe(join(outDir, 'preload/index.js'))
    expect(existsSync(prefs.preload)).toBe(true)
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true })
    const handler = recorder.ipcHandlers.get('session:get-state')!
    const trusted = {
      senderFrame: { url: APP_ENTRY_URL, parent: null },
      sender: { id: win.webContents.id },
    }
    const result = (await handler(trusted)) as Result<SessionSnapshot>
    expect(result).toMatchObject({ ok: true, value: { status: 'signed-out' } })
    const stranger = {
      senderFrame: { url: 'https://evil.example/', parent: null },
      sender: { id: win.webContents.id },
    }
    expect(await handler(stranger)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  // Logs and desktop conventions, as the packaged main wires them.
  it('logs to main.log in the logs folder and spell-checks in the OS languages', () => {
    const log = readFileSync(join(profile, 'logs', 'main.log'), 'utf8')
    expect(log).toMatch(/ INFO {2}\[main\] EduSphere Desktop 0\.1\.0 starting /)
    expect(recorder.spellCheckerLanguages).toEqual(['de-CH', 'en-US'])
  })

  it('has Edit roles, zoom, About, updates and "Open Logs Folder" in its menu', async () => {
    type Item = {
      label?: string
      role?: string
      enabled?: boolean
      click?: () => unknown
      submenu?: Item[]
    }
    const menu = (recorder.appMenu as { template: Item[] }).template
    const sub = (label: string) => menu.find((m) => m.label === label)?.submenu ?? []
    expect(
      sub('&Edit')
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
    expect(
      sub('&View')
        .map((i) => i.label)
        .filter(Boolean),
    ).toEqual(['Actual Size', 'Zoom In', 'Zoom Out'])
    const help = sub('&Help')
    // A development build never checks for updates: the item is there, greyed out.
    expect(help.find((i) => i.label === 'Check for Updates…')?.enabled).toBe(false)
    expect(help.some((i) => i.label === 'About EduSphere Desktop')).toBe(true)
    await help.find((i) => i.label === 'Open Logs Folder')!.click!()
    await vi.waitFor(() => expect(recorder.openedPaths).toEqual([join(profile, 'logs')]))
  })
})
