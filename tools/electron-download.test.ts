import { describe, expect, it } from 'vitest'
import { electronVersion, electronZipUrl } from './electron-download.mjs'

describe('electronZipUrl', () => {
  it("is GitHub's release asset by default", () => {
    expect(electronZipUrl({ version: '45.5.0', platform: 'linux', arch: 'x64', env: {} })).toBe(
      'https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip',
    )
  })

  it('follows ELECTRON_MIRROR and ELECTRON_CUSTOM_DIR like @electron/get', () => {
    const env = {
      ELECTRON_MIRROR: 'https://mirror.example/electron/',
      ELECTRON_CUSTOM_DIR: '{{ version }}',
    }
    expect(electronZipUrl({ version: '45.5.0', platform: 'win32', arch: 'arm64', env })).toBe(
      'https://mirror.example/electron/45.5.0/electron-v45.5.0-win32-arm64.zip',
    )
  })

  it('reads the installed version without loading electron', () => {
    expect(electronVersion()).toMatch(/^\d+\.\d+\.\d+/)
  })
})
