/**
 * The packaging configuration (electron-builder.yml), checked through electron-builder's own loader
 * and schema validator, plus the icons it points at. Building real packages needs network access
 * to download Electron, so this is what CI can check here.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DESKTOP_ENTRY_ID } from '../src/main/core/shell/autostart'
import { PACKAGED_WINDOW_ICON, TRAY_DIR, TRAY_ICON_FILES } from '../src/main/core/shell/icon-files'
import { renderIcons } from './make-icons'

const root = resolve(__dirname, '..')
const requireHere = createRequire(join(root, 'package.json'))

interface FileSet {
  from?: string
  to?: string
}
interface BuilderConfig {
  appId?: string
  productName?: string
  executableName?: string
  /** Normalised by the loader to file sets with a `filter` list. */
  files?: (string | { filter?: string[] })[]
  asar?: boolean
  publish?: { provider?: string; owner?: string; repo?: string } | null
  extraResources?: FileSet[]
  extraMetadata?: Record<string, unknown>
  electronFuses?: Record<string, boolean>
  linux?: {
    target?: string[]
    category?: string
    icon?: string
    desktop?: { entry?: Record<string, string> }
  }
  win?: { target?: string[]; icon?: string }
  mac?: { target?: string[]; icon?: string; entitlements?: string; hardenedRuntime?: boolean }
  protocols?: { schemes: string[] }[]
}

let config: BuilderConfig
// The matcher electron-builder itself uses for `files` (a dependency of app-builder-lib).
const { minimatch } = requireHere('minimatch') as {
  minimatch(path: string, pattern: string, options: { dot: boolean }): boolean
}
const matchesGlob = (file: string, pattern: string): boolean =>
  minimatch(file, pattern, { dot: true })

beforeAll(async () => {
  // electron-builder's own loader and validator: the same checks `npm run dist` starts with.
  const { getConfig, validateConfiguration } = requireHere(
    'app-builder-lib/out/util/config/config',
  ) as {
    getConfig(dir: string, path: string, options: null): Promise<BuilderConfig>
    validateConfiguration(c: BuilderConfig, logger: unknown): Promise<void>
  }
  const { DebugLogger } = requireHere('builder-util') as {
    DebugLogger: new (on: boolean) => unknown
  }
  config = await getConfig(root, 'electron-builder.yml', null)
  await validateConfiguration(config, new DebugLogger(false))
})

function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file)
  expect(data.subarray(1, 4).toString('ascii'), `${file} is a PNG`).toBe('PNG')
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

/** electron-builder's `files` semantics: included when a positive pattern matches and no later negation does. */
function packaged(file: string, patterns: string[]): boolean {
  let included = false
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(file, pattern.slice(1))) included = false
    } else if (matchesGlob(file, pattern)) included = true
  }
  return included
}

describe('electron-builder.yml', () => {
  it('names the app consistently', () => {
    expect(config.appId).toBe('org.edusphere.desktop')
    expect(config.productName).toBe('EduSphere Desktop')
    expect(config.executableName).toBe(DESKTOP_ENTRY_ID)
    expect(config.extraMetadata?.desktopName).toBe(`${DESKTOP_ENTRY_ID}.desktop`)
    expect(config.linux?.desktop?.entry?.StartupWMClass).toBe(DESKTOP_ENTRY_ID)
    expect(config.linux?.desktop?.entry?.Name).toBe(config.productName)
  })

  it('builds AppImage and deb, NSIS and DMG', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.mac?.target).toEqual(['dmg'])
  })

  // Updates: electron-updater reads the feed (latest*.yml) from where the releases are published.
  it('publishes to GitHub releases, where the packaged app looks for updates', () => {
    expect(config.publish).toMatchObject({ provider: 'github', owner: expect.any(String) })
    expect(config.publish?.repo).toMatch(/^[\w.-]+$/)
  })

  it('files Linux under Network and Chat', () => {
    expect(config.linux?.category).toBe('Network')
    expect(config.linux?.desktop?.entry?.Categories?.split(';')).toEqual(
      expect.arrayContaining(['Network', 'Chat']),
    )
  })

  it('packs the built app and nothing of the sources, server, tests or tooling', () => {
    const patterns = (config.files ?? []).flatMap((f) =>
      typeof f === 'string' ? [f] : (f.filter ?? []),
    )
    expect(config.asar).toBe(true)
    for (const file of [
      'out/main/index.js',
      'out/main/store-writer.js',
      'out/main/chunks/writer-thread-0a1b2c3d.js',
      'out/preload/index.js',
      'out/renderer/index.html',
      'package.json',
    ])
      expect(packaged(file, patterns), file).toBe(true)
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
    const leaked = tracked.filter((f) => f !== 'package.json' && packaged(f, patterns))
    expect(leaked).toEqual([])
    for (const file of [
      'server/cli.ts',
      'server/index.ts',
      'e2e/electron/app.spec.ts',
      'bench/server/broadcast.ts',
      'src/main/index.ts',
      'out/main/index.test.js',
      'out/main/index.js.map',
      'tools/start.mjs',
    ])
      expect(packaged(file, patterns), file).toBe(false)
  })

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('registers the room deep-link scheme', () => {
    expect(config.protocols?.flatMap((p) => p.schemes)).toContain('edusphere')
  })

  it('ships the tray icons and window icon where the shell looks for them', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: `build/${TRAY_DIR}`, to: TRAY_DIR },
        { from: 'build/icons/256x256.png', to: PACKAGED_WINDOW_ICON },
      ]),
    )
  })

  it('points at icons and entitlements that exist, at the right sizes', () => {
    expect(pngSize(join(root, config.mac?.icon ?? 'missing'))).toEqual({ width: 512, height: 512 })
    expect(pngSize(join(root, config.win?.icon ?? 'missing'))).toEqual({ width: 512, height: 512 })
    const linuxIcons = join(root, config.linux?.icon ?? 'missing')
    expect(pngSize(join(linuxIcons, '512x512.png'))).toEqual({ width: 512, height: 512 })
    expect(pngSize(join(linuxIcons, '256x256.png'))).toEqual({ width: 256, height: 256 })
    expect(config.mac?.hardenedRuntime).toBe(true)
    expect(existsSync(join(root, config.mac?.entitlements ?? 'missing'))).toBe(true)
    for (const name of Object.values(TRAY_ICON_FILES)) {
      expect(pngSize(join(root, 'build', TRAY_DIR, name))).toEqual({ width: 16, height: 16 })
      expect(pngSize(join(root, 'build', TRAY_DIR, name.replace('.png', '@2x.png')))).toEqual({
        width: 32,
        height: 32,
      })
    }
  })
})

describe('tools/make-icons.ts', () => {
  // resvg renders build/svg/*.svg; allow for a busy shared machine.
  it('reproduces the committed icons byte for byte', { timeout: 60_000 }, () => {
    for (const [path, data] of renderIcons()) {
      const file = join(root, 'build', path)
      expect(existsSync(file), `${path} exists (run node --import tsx tools/make-icons.ts)`).toBe(
        true,
      )
      expect(readFileSync(file).equals(data), `${path} is up to date`).toBe(true)
    }
  })
})
