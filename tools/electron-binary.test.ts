import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { electronPackageDir, findElectronBinary, platformExecutable } from './electron-binary.mjs'

// A stand-in electron package on disk: the real one has no binary on this machine, and touching
// its index.js would start a download.
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function fakeBinary(at: string): void {
  mkdirSync(join(at, '..'), { recursive: true })
  writeFileSync(at, '#!/bin/sh\n')
  chmodSync(at, 0o755)
}

describe('findElectronBinary', () => {
  it('finds the installed package without loading it', () => {
    expect(electronPackageDir()).toMatch(/node_modules[/\\]electron$/)
  })

  it('reports a package whose binary was never downloaded', () => {
    expect(findElectronBinary({ env: {}, packageDir: dir })).toEqual({
      path: null,
      reason: 'node_modules/electron/path.txt is missing, so it was never downloaded',
    })
  })

  it('reports path.txt without the dist folder', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron')
    expect(findElectronBinary({ env: {}, packageDir: dir }).reason).toMatch(/missing from/)
  })

  it('finds dist/<path.txt> when it is there', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron')
    fakeBinary(join(dir, 'dist', 'electron'))
    expect(findElectronBinary({ env: {}, packageDir: dir })).toEqual({
      path: join(dir, 'dist', 'electron'),
      reason: null,
    })
  })

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, and says when it is wrong', () => {
    const override = join(dir, 'override')
    expect(
      findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, packageDir: dir })
        .reason,
    ).toMatch(/ELECTRON_OVERRIDE_DIST_PATH has no Electron executable/)
    fakeBinary(join(override, platformExecutable()))
    expect(
      findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, packageDir: dir }).path,
    ).toBe(join(override, platformExecutable()))
  })

  it('does not count a non-executable file as a binary', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron')
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), 'not a program')
    chmodSync(join(dir, 'dist', 'electron'), 0o644)
    expect(findElectronBinary({ env: {}, packageDir: dir }).path).toBeNull()
  })

  it('reports a missing package', () => {
    expect(findElectronBinary({ env: {}, packageDir: null }).reason).toBe(
      'the electron package is not installed',
    )
  })

  it('knows each platform executable name', () => {
    expect(platformExecutable('linux')).toBe('electron')
    expect(platformExecutable('win32')).toBe('electron.exe')
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron')
  })
})
