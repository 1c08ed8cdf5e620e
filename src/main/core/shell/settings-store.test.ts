import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  openSettingsStore,
  parseSettings,
  transportConsentFrom,
} from './settings-store'

describe('parseSettings', () => {
  it('gives defaults for a missing file, with no complaint', () => {
    expect(parseSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, problem: null })
  })

  it('reads a valid file', () => {
    const window = { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true }
    const { settings, problem } = parseSettings(
      JSON.stringify({ messageNotifications: false, window }),
    )
    expect(problem).toBeNull()
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, messageNotifications: false, window })
  })

  // Logs, zoom and updates.
  it('reads the log level and zoom factors, dropping what is out of range', () => {
    const ok = parseSettings(JSON.stringify({ logLevel: 'debug', zoomFactors: { main: 1.25 } }))
    expect(ok.problem).toBeNull()
    expect(ok.settings).toMatchObject({ logLevel: 'debug', zoomFactors: { main: 1.25 } })
    const bad = parseSettings(JSON.stringify({ logLevel: 'trace', zoomFactors: { main: 40 } }))
    expect(bad.settings).toMatchObject({ logLevel: 'info', zoomFactors: {} })
    expect(bad.problem).toBe('ignored invalid settings: logLevel, zoomFactors')
  })

  it('reads the origins confirmed for plain http, dropping anything else', () => {
    const { settings, problem } = parseSettings(
      JSON.stringify({
        unencryptedServers: [
          'http://edu.example.org',
          'http://edu.example.org:8080',
          'https://secure.example.org',
          'http://localhost:8000',
          'http://edu.example.org/path',
          'javascript:alert(1)',
          42,
        ],
      }),
    )
    expect(settings.unencryptedServers).toEqual([
      'http://edu.example.org',
      'http://edu.example.org:8080',
    ])
    expect(problem).toMatch(/unencryptedServers/)
  })

  it('a non-list of confirmed origins falls back to none', () => {
    const { settings, problem } = parseSettings(JSON.stringify({ unencryptedServers: 'all' }))
    expect(settings.unencryptedServers).toEqual([])
    expect(problem).toMatch(/unencryptedServers/)
  })

  it('falls back to defaults on bad JSON and says why', () => {
    const { settings, problem } = parseSettings('{"messageNotifications": fal')
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(problem).toMatch(/not valid JSON/)
  })

  it('falls back to defaults when the file holds a non-object', () => {
    for (const text of ['null', '[]', '42', '"x"']) {
      const { settings, problem } = parseSettings(text)
      expect(settings).toEqual(DEFAULT_SETTINGS)
      expect(problem).toMatch(/not an object/)
    }
  })

  it('keeps the good fields when one is bad', () => {
    const { settings, problem } = parseSettings(
      JSON.stringify({
        messageNotifications: false,
        window: { bounds: { x: 'left', y: 0, width: 800, height: 600 } },
      }),
    )
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, messageNotifications: false, window: null })
    expect(problem).toBe('ignored invalid settings: window')
  })

  it('reads the language, and falls back to the OS for one the app does not speak', () => {
    expect(parseSettings(JSON.stringify({ locale: 'de' })).settings.locale).toBe('de')
    const { settings, problem } = parseSettings(JSON.stringify({ locale: 'fr' }))
    expect(settings.locale).toBe('system')
    expect(problem).toBe('ignored invalid settings: locale')
  })

  it('ignores unknown keys without complaint', () => {
    const { settings, problem } = parseSettings(JSON.stringify({ theme: 'dark' }))
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(problem).toBeNull()
  })
})

describe('openSettingsStore', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edusphere-settings-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('persists updates and reads them back', () => {
    const file = join(dir, 'nested', 'settings.json')
    const problems: string[] = []
    const store = openSettingsStore(file, (p) => problems.push(p))
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    store.update({ messageNotifications: false })
    const reopened = openSettingsStore(file, (p) => problems.push(p))
    expect(reopened.get().messageNotifications).toBe(false)
    expect(problems).toEqual([])
  })

  it('survives a corrupt file and repairs it on the next write', () => {
    const file = join(dir, 'settings.json')
    writeFileSync(file, '\u0000\u0001garbage')
    const problems: string[] = []
    const store = openSettingsStore(file, (p) => problems.push(p))
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(problems).toHaveLength(1)
    store.update({ messageNotifications: false })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ messageNotifications: false })
  })

  it('keeps working in memory when the file cannot be written', () => {
    // A directory where the file should be makes both the read and the rename fail.
    const file = join(dir, 'settings.json')
    mkdirSync(file)
    const problems: string[] = []
    const store = openSettingsStore(file, (p) => problems.push(p))
    expect(store.update({ messageNotifications: false }).messageNotifications).toBe(false)
    expect(store.get().messageNotifications).toBe(false)
    expect(problems.some((p) => p.startsWith('cannot save settings'))).toBe(true)
  })

  it('remembers a plain-http confirmation per origin across restarts', () => {
    const file = join(dir, 'settings.json')
    const consent = transportConsentFrom(openSettingsStore(file, () => undefined))
    expect(consent.has('http://edu.example.org')).toBe(false)
    consent.add('http://edu.example.org')
    consent.add('http://edu.example.org')
    const reopened = openSettingsStore(file, () => undefined)
    expect(reopened.get().unencryptedServers).toEqual(['http://edu.example.org'])
    const again = transportConsentFrom(reopened)
    expect(again.has('http://edu.example.org')).toBe(true)
    expect(again.has('http://edu.example.org:8080')).toBe(false)
  })
})
