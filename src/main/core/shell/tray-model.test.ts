import { describe, expect, it } from 'vitest'
import { MAX_MENU_ROOMS, buildTrayModel, escapeMenuLabel } from './tray-model'
import type { TrayMenuItem, TrayState } from './tray-model'

const shell = { startAtLogin: false, startAtLoginSupported: true }
const signedOut: TrayState = {
  signedIn: false,
  rooms: [],
  unreadTotal: 0,
  connection: 'disconnected',
}
const twoRooms: TrayState = {
  signedIn: true,
  rooms: [
    { key: 'alice/general', name: 'General', unread: 3 },
    { key: 'bob/private', name: 'Private', unread: 0 },
  ],
  unreadTotal: 3,
  connection: 'connected',
}

function labels(items: TrayMenuItem[]): string[] {
  return items.map((i) => (i.kind === 'separator' ? '---' : i.label))
}

describe('buildTrayModel', () => {
  it('shows a signed-out tray with only Open, status, toggle, disabled Sign out and Quit', () => {
    const model = buildTrayModel(signedOut, shell)
    expect(model.icon).toBe('normal')
    expect(model.tooltip).toBe('EduSphere Desktop — signed out')
    expect(model.badgeCount).toBe(0)
    expect(labels(model.items)).toEqual([
      'Open EduSphere',
      '---',
      'Signed out',
      '---',
      'Start at login',
      'Sign out',
      '---',
      'Quit EduSphere',
    ])
    expect(model.items.find((i) => i.kind === 'action' && i.id === 'sign-out')).toMatchObject({
      enabled: false,
    })
  })

  it('lists joined rooms with their unread counts, in the given order', () => {
    const model = buildTrayModel(twoRooms, shell)
    expect(model.icon).toBe('unread')
    expect(model.tooltip).toBe('EduSphere Desktop — 3 unread messages')
    expect(model.badgeCount).toBe(3)
    expect(labels(model.items)).toEqual([
      'Open EduSphere',
      '---',
      'General (3)',
      'Private',
      '---',
      'Connected',
      '---',
      'Start at login',
      'Sign out',
      '---',
      'Quit EduSphere',
    ])
    const rooms = model.items.filter((i) => i.kind === 'room')
    expect(rooms.map((r) => r.kind === 'room' && r.roomKey)).toEqual([
      'alice/general',
      'bob/private',
    ])
  })

  it('uses singular wording for one unread message and the normal icon for none', () => {
    expect(buildTrayModel({ ...twoRooms, unreadTotal: 1 }, shell).tooltip).toBe(
      'EduSphere Desktop — 1 unread message',
    )
    const none = buildTrayModel({ ...twoRooms, unreadTotal: 0 }, shell)
    expect(none.icon).toBe('normal')
    expect(none.tooltip).toBe('EduSphere Desktop — no unread messages')
  })

  it('shows the disconnected icon and says so in the tooltip when the connection is down', () => {
    for (const connection of ['disconnected', 'failed'] as const) {
      const model = buildTrayModel({ ...twoRooms, connection }, shell)
      expect(model.icon).toBe('disconnected')
      expect(model.badgeCount).toBe(3)
    }
    expect(buildTrayModel({ ...twoRooms, connection: 'failed' }, shell).tooltip).toBe(
      'EduSphere Desktop — connection failed, 3 unread messages',
    )
    const connecting = buildTrayModel({ ...twoRooms, connection: 'connecting' }, shell)
    expect(connecting.icon).toBe('unread')
    expect(labels(connecting.items)).toContain('Connecting…')
  })

  it('says when a signed-in user has joined no rooms', () => {
    const model = buildTrayModel({ ...twoRooms, rooms: [], unreadTotal: 0 }, shell)
    expect(labels(model.items)).toContain('No joined rooms')
  })

  it('reflects and disables the Start at login toggle', () => {
    const on = buildTrayModel(twoRooms, { startAtLogin: true, startAtLoginSupported: true })
    expect(on.items.find((i) => i.kind === 'toggle')).toMatchObject({
      checked: true,
      enabled: true,
    })
    const unsupported = buildTrayModel(twoRooms, {
      startAtLogin: true,
      startAtLoginSupported: false,
    })
    expect(unsupported.items.find((i) => i.kind === 'toggle')).toMatchObject({
      checked: false,
      enabled: false,
    })
  })

  it('folds rooms beyond the limit into one "more rooms" entry', () => {
    const rooms = Array.from({ length: MAX_MENU_ROOMS + 3 }, (_, i) => ({
      key: `host/r${i}`,
      name: `Room ${i}`,
      unread: 0,
    }))
    const model = buildTrayModel({ ...twoRooms, rooms, unreadTotal: 0 }, shell)
    expect(model.items.filter((i) => i.kind === 'room')).toHaveLength(MAX_MENU_ROOMS)
    expect(model.items).toContainEqual({
      kind: 'action',
      id: 'open-more-rooms',
      label: '3 more rooms…',
      enabled: true,
    })
  })

  it('escapes ampersands, truncates long names, caps big counts, and survives bad numbers', () => {
    const model = buildTrayModel(
      {
        signedIn: true,
        rooms: [
          { key: 'a/qa', name: 'Q&A', unread: 150 },
          { key: 'a/long', name: 'x'.repeat(80), unread: Number.NaN },
          { key: 'a/blank', name: '', unread: -2 },
        ],
        unreadTotal: Number.POSITIVE_INFINITY,
        connection: 'connected',
      },
      shell,
    )
    const rooms = model.items.filter((i) => i.kind === 'room')
    expect(rooms.map((r) => r.kind === 'room' && r.label)).toEqual([
      'Q&&A (99+)',
      'x'.repeat(39) + '…',
      'a/blank',
    ])
    expect(model.badgeCount).toBe(0)
    expect(model.icon).toBe('normal')
  })
})

describe('buildTrayModel in German', () => {
  const de = { messages: 'de', format: 'de-DE' } as const

  it('labels the menu and words the tooltip with German plurals', () => {
    const model = buildTrayModel(twoRooms, shell, de)
    expect(model.tooltip).toBe('EduSphere Desktop – 3 ungelesene Nachrichten')
    expect(labels(model.items)).toEqual([
      'EduSphere öffnen',
      '---',
      'General (3)',
      'Private',
      '---',
      'Verbunden',
      '---',
      'Bei der Anmeldung starten',
      'Abmelden',
      '---',
      'EduSphere beenden',
    ])
    const one = buildTrayModel({ ...twoRooms, unreadTotal: 1 }, shell, de)
    expect(one.tooltip).toBe('EduSphere Desktop – 1 ungelesene Nachricht')
    const offline = buildTrayModel({ ...twoRooms, connection: 'failed', unreadTotal: 0 }, shell, de)
    expect(offline.tooltip).toBe(
      'EduSphere Desktop – Verbindung fehlgeschlagen, keine ungelesenen Nachrichten',
    )
    expect(buildTrayModel(signedOut, shell, de).tooltip).toBe('EduSphere Desktop – abgemeldet')
  })

  it('folds extra rooms into "weitere Räume" with the count in German digits', () => {
    const rooms = Array.from({ length: MAX_MENU_ROOMS + 1 }, (_, i) => ({
      key: `h/r${i}`,
      name: `Raum ${i}`,
      unread: 0,
    }))
    const more = (n: number): string | undefined => {
      const all = [...rooms, ...rooms.slice(0, n - 1).map((r) => ({ ...r, key: `${r.key}x` }))]
      const model = buildTrayModel({ ...twoRooms, rooms: all }, shell, de)
      const item = model.items.find((i) => i.kind === 'action' && i.id === 'open-more-rooms')
      return item && item.kind === 'action' ? item.label : undefined
    }
    expect(more(1)).toBe('1 weiterer Raum…')
    expect(more(3)).toBe('3 weitere Räume…')
  })
})

// Updates: the tray offers the restart only once an update is downloaded.
describe('tray update item', () => {
  it('offers "Restart to update" above Quit once an update is ready, and nothing before', () => {
    const without = buildTrayModel(signedOut, shell).items
    expect(without.some((i) => i.kind === 'action' && i.id === 'restart-to-update')).toBe(false)
    const items = buildTrayModel(signedOut, {
      ...shell,
      update: { label: 'Restart to Update (1.2.0)' },
    }).items
    expect(items.slice(-2)).toEqual([
      {
        kind: 'action',
        id: 'restart-to-update',
        label: 'Restart to Update (1.2.0)',
        enabled: true,
      },
      { kind: 'action', id: 'quit', label: 'Quit EduSphere', enabled: true },
    ])
  })
})

describe('escapeMenuLabel', () => {
  it('doubles every ampersand', () => {
    expect(escapeMenuLabel('R&D && more')).toBe('R&&D &&&& more')
  })
})

describe('mentions in the tray', () => {
  const withMentions: TrayState = {
    signedIn: true,
    rooms: [
      { key: 'alice/general', name: 'General', unread: 3, mentions: 1 },
      { key: 'bob/private', name: 'Private', unread: 2, mentions: 0 },
    ],
    unreadTotal: 5,
    mentionTotal: 1,
    connection: 'connected',
  }

  it('counts mentions per room and in the tooltip', () => {
    const model = buildTrayModel(withMentions, shell)
    expect(model.tooltip).toBe('EduSphere Desktop — 5 unread messages, 1 mention of you')
    const rooms = model.items.filter((i) => i.kind === 'room')
    expect(rooms.map((r) => r.label)).toEqual(['General (3, 1 @)', 'Private (2)'])
    expect(rooms.map((r) => (r.kind === 'room' ? r.mentions : -1))).toEqual([1, 0])
    expect(model.icon).toBe('unread')
  })

  it('never shows more mentions than unread messages, nor bad numbers', () => {
    const model = buildTrayModel(
      {
        ...withMentions,
        rooms: [{ key: 'a/b', name: 'B', unread: 1, mentions: 7 }],
        unreadTotal: 1,
        mentionTotal: Number.NaN,
      },
      shell,
    )
    expect(model.tooltip).toBe('EduSphere Desktop — 1 unread message')
    expect(labels(model.items)).toContain('B (1, 1 @)')
  })
})
