import { afterEach, describe, expect, it } from 'vitest'
import { setTextLocale } from '../../../shared/i18n'
import { manualCheckAnswer, updateMenuItem } from '../update/update-view'
import { aboutText } from './about'
import type { MenuNode } from './app-menu-model'
import { buildAppMenuModel, menuCommands } from './app-menu-model'
import { buildContextMenu } from './context-menu-model'
import type { ContextMenuInput } from './context-menu-model'
import { spellCheckLanguages } from './spellcheck'
import { nextZoom, restoredZoom, ZOOM_FACTORS, zoomPercent } from './zoom'
import { zoomCommandForKey } from './zoom-keys'
import type { KeyInput } from './zoom-keys'

const update = { label: 'Check for Updates…', enabled: true, command: 'check-for-updates' } as const

function submenu(nodes: MenuNode[], label: string): MenuNode[] {
  const found = nodes.find((n) => n.kind === 'submenu' && n.label.replace('&', '') === label)
  if (!found || found.kind !== 'submenu') throw new Error(`no ${label} menu`)
  return found.items
}
const roles = (nodes: MenuNode[]) => nodes.flatMap((n) => (n.kind === 'role' ? [n.role] : []))

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`has the standard Edit roles on ${platform}`, () => {
      const menu = buildAppMenuModel({
        platform,
        appName: 'EduSphere Desktop',
        devTools: false,
        update,
      })
      expect(roles(submenu(menu, 'Edit'))).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
      )
      expect(menuCommands(menu)).toEqual(
        expect.arrayContaining([
          'about',
          'check-for-updates',
          'open-logs-folder',
          'quit',
          'zoom-in',
          'zoom-out',
          'zoom-reset',
        ]),
      )
    })
  }

  it('puts About and updates in Help on Linux and Windows, in the app menu on macOS', () => {
    const linux = buildAppMenuModel({
      platform: 'linux',
      appName: 'EduSphere Desktop',
      devTools: false,
      update,
    })
    expect(menuCommands(submenu(linux, 'Help'))).toEqual([
      'about',
      'check-for-updates',
      'open-logs-folder',
    ])
    expect(menuCommands(submenu(linux, 'File'))).toEqual(['close-window', 'quit'])
    const mac = buildAppMenuModel({
      platform: 'darwin',
      appName: 'EduSphere Desktop',
      devTools: false,
      update,
    })
    expect(menuCommands(submenu(mac, 'EduSphere Desktop'))).toEqual([
      'about',
      'check-for-updates',
      'quit',
    ])
    expect(menuCommands(submenu(mac, 'Help'))).toEqual(['open-logs-folder'])
  })

  it('shows zoom keys in View, and the developer tools only when asked', () => {
    const dev = buildAppMenuModel({ platform: 'linux', appName: 'E', devTools: true, update })
    const view = submenu(dev, 'View')
    expect(
      view
        .filter((n) => n.kind === 'command')
        .map((n) => n.kind === 'command' && [n.label, n.accelerator]),
    ).toEqual([
      ['Actual Size', 'CmdOrCtrl+0'],
      ['Zoom In', 'CmdOrCtrl+Plus'],
      ['Zoom Out', 'CmdOrCtrl+-'],
    ])
    expect(roles(view)).toContain('toggleDevTools')
    expect(
      roles(
        submenu(
          buildAppMenuModel({ platform: 'linux', appName: 'E', devTools: false, update }),
          'View',
        ),
      ),
    ).not.toContain('toggleDevTools')
  })

  it('turns "Check for Updates…" into "Restart to Update" once a download is ready', () => {
    const ready = {
      label: 'Restart to Update (1.2.0)',
      enabled: true,
      command: 'restart-to-update',
    } as const
    const menu = buildAppMenuModel({
      platform: 'linux',
      appName: 'E',
      devTools: false,
      update: ready,
    })
    expect(submenu(menu, 'Help')).toContainEqual({
      kind: 'command',
      command: 'restart-to-update',
      label: 'Restart to Update (1.2.0)',
      enabled: true,
    })
  })
})

describe('zoom', () => {
  it('steps through the presets and stops at the ends', () => {
    expect(nextZoom(1, 'zoom-in')).toBe(1.1)
    expect(nextZoom(1.1, 'zoom-out')).toBe(1)
    expect(nextZoom(1.0999999, 'zoom-in')).toBe(1.25)
    expect(nextZoom(3, 'zoom-in')).toBe(3)
    expect(nextZoom(0.5, 'zoom-out')).toBe(0.5)
    expect(nextZoom(2.5, 'zoom-reset')).toBe(1)
    // A factor between presets goes to the neighbouring preset.
    expect(nextZoom(1.3, 'zoom-in')).toBe(1.5)
    expect(nextZoom(1.3, 'zoom-out')).toBe(1.25)
    expect(nextZoom(Number.NaN, 'zoom-in')).toBe(1)
  })

  it('walks every preset up and down', () => {
    let f = ZOOM_FACTORS[0] as number
    const up = [f]
    while (f < 3) up.push((f = nextZoom(f, 'zoom-in')))
    expect(up).toEqual([...ZOOM_FACTORS])
  })

  it('restores a remembered factor inside the presets range', () => {
    expect(restoredZoom(undefined)).toBe(1)
    expect(restoredZoom(1.25)).toBe(1.25)
    expect(restoredZoom(9)).toBe(3)
    expect(restoredZoom(0.1)).toBe(0.5)
    expect(zoomPercent(1.25)).toBe('125 %')
  })

  it('reads Ctrl/Cmd with + = − 0 and the keypad', () => {
    const key = (k: string, code: string, extra: Partial<KeyInput> = {}): KeyInput => ({
      type: 'keyDown',
      key: k,
      code,
      control: true,
      meta: false,
      alt: false,
      ...extra,
    })
    expect(zoomCommandForKey(key('=', 'Equal'), 'linux')).toBe('zoom-in')
    expect(zoomCommandForKey(key('+', 'Equal'), 'win32')).toBe('zoom-in')
    expect(zoomCommandForKey(key('+', 'NumpadAdd'), 'linux')).toBe('zoom-in')
    expect(zoomCommandForKey(key('-', 'Minus'), 'linux')).toBe('zoom-out')
    expect(zoomCommandForKey(key('-', 'NumpadSubtract'), 'linux')).toBe('zoom-out')
    expect(zoomCommandForKey(key('0', 'Digit0'), 'linux')).toBe('zoom-reset')
    expect(zoomCommandForKey(key('0', 'Digit0', { control: false, meta: true }), 'darwin')).toBe(
      'zoom-reset',
    )
    expect(
      zoomCommandForKey(key('0', 'Digit0', { control: false, meta: true }), 'linux'),
    ).toBeNull()
    expect(zoomCommandForKey(key('=', 'Equal', { type: 'keyUp' }), 'linux')).toBeNull()
    expect(zoomCommandForKey(key('=', 'Equal', { alt: true }), 'linux')).toBeNull()
    expect(zoomCommandForKey(key('a', 'KeyA'), 'linux')).toBeNull()
  })
})

describe('About', () => {
  it('lists the app, Electron, Chromium and Node versions', () => {
    const text = aboutText('EduSphere Desktop', {
      app: '0.1.0',
      electron: '38.1.0',
      chrome: '140.0.7339.41',
      node: '22.18.0',
      v8: '14.0',
      os: 'Linux 6.1 x64',
    })
    expect(text.message).toBe('EduSphere Desktop 0.1.0')
    expect(text.detail.split('\n')).toEqual([
      'Version: 0.1.0',
      'Electron: 38.1.0',
      'Chromium: 140.0.7339.41',
      'Node.js: 22.18.0',
      'V8: 14.0',
      'OS: Linux 6.1 x64',
    ])
  })
})

describe('spell-check languages', () => {
  const available = ['de', 'de-CH', 'en-GB', 'en-US', 'fr', 'pt-BR']
  it('follows the OS languages in order, as given or by base language', () => {
    expect(spellCheckLanguages(['de-CH', 'en-US'], available)).toEqual(['de-CH', 'en-US'])
    expect(spellCheckLanguages(['de-AT', 'fr-CA'], available)).toEqual(['de', 'fr'])
    expect(spellCheckLanguages(['pt-PT'], available)).toEqual(['pt-BR'])
    expect(spellCheckLanguages(['en_GB'], available)).toEqual(['en-GB'])
  })
  it('keeps at most three, without duplicates, and falls back to en-US', () => {
    expect(spellCheckLanguages(['de', 'de-DE', 'fr', 'en-US', 'pt-BR'], available)).toEqual([
      'de',
      'fr',
      'en-US',
    ])
    expect(spellCheckLanguages(['ja-JP'], available)).toEqual(['en-US'])
    expect(spellCheckLanguages([], [])).toEqual(['en-US'])
    expect(spellCheckLanguages(['ja'], ['fr'])).toEqual(['fr'])
  })
})

describe('context menu', () => {
  const flags = {
    canUndo: true,
    canRedo: false,
    canCut: true,
    canCopy: true,
    canPaste: true,
    canSelectAll: true,
  }
  const input = (extra: Partial<ContextMenuInput>): ContextMenuInput => ({
    isEditable: true,
    misspelledWord: '',
    dictionarySuggestions: [],
    selectionText: '',
    editFlags: flags,
    ...extra,
  })
  it('offers spelling suggestions and Add to Dictionary for a misspelled word in the composer', () => {
    const items = buildContextMenu(
      input({
        misspelledWord: 'helo',
        dictionarySuggestions: ['hello', 'help', 'held', 'hero', 'halo', 'hell'],
      }),
    )
    expect(items.slice(0, 6)).toEqual([
      ...['hello', 'help', 'held', 'hero', 'halo'].map((word) => ({ kind: 'suggestion', word })),
      { kind: 'add-to-dictionary', word: 'helo', label: 'Add to Dictionary' },
    ])
    expect(items).toContainEqual({ kind: 'role', role: 'redo', label: 'Redo', enabled: false })
    expect(buildContextMenu(input({ misspelledWord: 'qzx' }))[0]).toEqual({
      kind: 'note',
      label: 'No Guesses Found',
    })
  })
  it('offers Copy for selected text outside a field, and nothing otherwise', () => {
    expect(buildContextMenu(input({ isEditable: false, selectionText: 'some text' }))).toEqual([
      { kind: 'role', role: 'copy', label: 'Copy', enabled: true },
    ])
    expect(buildContextMenu(input({ isEditable: false }))).toEqual([])
  })
})

describe('in German', () => {
  afterEach(() => setTextLocale({ messages: 'en', format: 'en' }))
  it('words the menu, the right-click menu, About and updates in the language of the moment', () => {
    setTextLocale({ messages: 'de', format: 'de-DE' })
    const update = updateMenuItem({ kind: 'ready', version: '1.2.0' })
    const menu = buildAppMenuModel({
      platform: 'linux',
      appName: 'EduSphere Desktop',
      devTools: false,
      update,
    })
    expect(menu.map((n) => n.kind === 'submenu' && n.label)).toEqual([
      '&Datei',
      '&Bearbeiten',
      '&Ansicht',
      '&Fenster',
      '&Hilfe',
    ])
    expect(submenu(menu, 'Hilfe').map((n) => n.kind === 'command' && n.label)).toEqual([
      'Über EduSphere Desktop',
      'Neu starten und aktualisieren (1.2.0)',
      false,
      'Protokollordner öffnen',
    ])
    const context = buildContextMenu({
      isEditable: false,
      misspelledWord: '',
      dictionarySuggestions: [],
      selectionText: 'Hallo',
      editFlags: {
        canUndo: false,
        canRedo: false,
        canCut: false,
        canCopy: true,
        canPaste: false,
        canSelectAll: true,
      },
    })
    expect(context).toEqual([{ kind: 'role', role: 'copy', label: 'Kopieren', enabled: true }])
    const about = aboutText('EduSphere Desktop', {
      app: '0.1.0',
      electron: '38.1.0',
      chrome: '140.0',
      node: '22.18.0',
      v8: '14.0',
      os: 'Linux 6.1 x64',
    })
    expect([about.title, about.buttons, about.detail.split('\n').at(-1)]).toEqual([
      'Über EduSphere Desktop',
      ['OK', 'Kopieren'],
      'Betriebssystem: Linux 6.1 x64',
    ])
    expect(manualCheckAnswer({ kind: 'off', reason: 'development-build' })).toEqual({
      kind: 'info',
      message: 'Updates sind ausgeschaltet',
      detail: 'Dies ist ein Entwicklungs-Build.',
    })
  })
})
