import { describe, expect, it } from 'vitest'
import type { KeyChord } from './keymap'
import {
  adjacentRoom,
  appCommandOf,
  composerCommandOf,
  isContextMenuKey,
  isMacPlatform,
  shortcutSheet,
} from './keymap'

const chord = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
})

describe('appCommandOf', () => {
  it('maps Ctrl chords elsewhere and Cmd chords on macOS', () => {
    expect(appCommandOf(chord('k', { ctrlKey: true }), false)).toBe('quick-switcher')
    expect(appCommandOf(chord('k', { metaKey: true }), true)).toBe('quick-switcher')
    expect(appCommandOf(chord('k', { metaKey: true }), false)).toBeNull()
    expect(appCommandOf(chord('k', { ctrlKey: true }), true)).toBeNull()
    expect(appCommandOf(chord('k'), false)).toBeNull()
  })
  it('tells room search from search everywhere, whatever the case of the key', () => {
    expect(appCommandOf(chord('f', { ctrlKey: true }), false)).toBe('search-room')
    expect(appCommandOf(chord('F', { ctrlKey: true, shiftKey: true }), false)).toBe('search-all')
    expect(appCommandOf(chord('F', { metaKey: true, shiftKey: true }), true)).toBe('search-all')
  })
  it('opens the shortcuts sheet with Mod+/ (with or without Shift)', () => {
    expect(appCommandOf(chord('/', { ctrlKey: true }), false)).toBe('shortcuts')
    expect(appCommandOf(chord('?', { ctrlKey: true, shiftKey: true }), false)).toBe('shortcuts')
  })
  it('moves between rooms with Alt+arrows, unread ones with Shift too', () => {
    expect(appCommandOf(chord('ArrowUp', { altKey: true }), false)).toBe('previous-room')
    expect(appCommandOf(chord('ArrowDown', { altKey: true }), true)).toBe('next-room')
    expect(appCommandOf(chord('ArrowUp', { altKey: true, shiftKey: true }), false)).toBe(
      'previous-unread-room',
    )
    expect(appCommandOf(chord('ArrowDown', { altKey: true, shiftKey: true }), false)).toBe(
      'next-unread-room',
    )
    expect(appCommandOf(chord('ArrowDown', { altKey: true, ctrlKey: true }), false)).toBeNull()
    expect(appCommandOf(chord('ArrowDown'), false)).toBeNull()
  })
  it('leaves chords with an extra modifier alone', () => {
    expect(appCommandOf(chord('k', { ctrlKey: true, altKey: true }), false)).toBeNull()
    expect(appCommandOf(chord('k', { ctrlKey: true, metaKey: true }), false)).toBeNull()
  })
})

describe('composerCommandOf', () => {
  const idle = { empty: false, editing: false }
  it('sends on Enter; Shift+Enter (and other modified Enters) stay a new line', () => {
    expect(composerCommandOf(chord('Enter'), idle)).toBe('send')
    expect(composerCommandOf(chord('Enter', { shiftKey: true }), idle)).toBeNull()
    expect(composerCommandOf(chord('Enter', { ctrlKey: true }), idle)).toBeNull()
  })
  it('never sends while an input method is composing', () => {
    expect(composerCommandOf({ ...chord('Enter'), isComposing: true }, idle)).toBeNull()
  })
  it('edits the last message on ↑ only in an empty composer that is not editing', () => {
    expect(composerCommandOf(chord('ArrowUp'), { empty: true, editing: false })).toBe('edit-last')
    expect(composerCommandOf(chord('ArrowUp'), { empty: false, editing: false })).toBeNull()
    expect(composerCommandOf(chord('ArrowUp'), { empty: true, editing: true })).toBeNull()
    expect(
      composerCommandOf(chord('ArrowUp', { altKey: true }), { empty: true, editing: false }),
    ).toBeNull()
  })
  it('cancels an edit on Esc, and only then', () => {
    expect(composerCommandOf(chord('Escape'), { empty: false, editing: true })).toBe('cancel-edit')
    expect(composerCommandOf(chord('Escape'), idle)).toBeNull()
  })
})

describe('isContextMenuKey', () => {
  it('is Shift+F10 or the Menu key', () => {
    expect(isContextMenuKey(chord('F10', { shiftKey: true }))).toBe(true)
    expect(isContextMenuKey(chord('ContextMenu'))).toBe(true)
    expect(isContextMenuKey(chord('F10'))).toBe(false)
    expect(isContextMenuKey(chord('F10', { shiftKey: true, ctrlKey: true }))).toBe(false)
  })
})

describe('adjacentRoom', () => {
  const rooms = [
    { key: 'a/1', unread: 0 },
    { key: 'a/2', unread: 3 },
    { key: 'a/3', unread: 0 },
    { key: 'a/4', unread: 1 },
  ]
  it('goes to the previous or next room, wrapping around', () => {
    expect(adjacentRoom(rooms, 'a/2', 1, false)).toBe('a/3')
    expect(adjacentRoom(rooms, 'a/4', 1, false)).toBe('a/1')
    expect(adjacentRoom(rooms, 'a/1', -1, false)).toBe('a/4')
  })
  it('starts at either end when no room is open', () => {
    expect(adjacentRoom(rooms, null, 1, false)).toBe('a/1')
    expect(adjacentRoom(rooms, null, -1, false)).toBe('a/4')
  })
  it('skips read rooms for the unread variant, and finds none when all are read', () => {
    expect(adjacentRoom(rooms, 'a/2', 1, true)).toBe('a/4')
    expect(adjacentRoom(rooms, 'a/4', 1, true)).toBe('a/2')
    expect(adjacentRoom(rooms, 'a/2', -1, true)).toBe('a/4')
    expect(adjacentRoom([{ key: 'x/1', unread: 0 }], null, 1, true)).toBeNull()
    expect(adjacentRoom([{ key: 'x/1', unread: 2 }], 'x/1', 1, true)).toBeNull()
    expect(adjacentRoom([], null, 1, false)).toBeNull()
  })
})

describe('shortcutSheet and the platform', () => {
  it("names the platform's keys", () => {
    expect(isMacPlatform('MacIntel')).toBe(true)
    expect(isMacPlatform('Linux x86_64')).toBe(false)
    const keys = (mac: boolean) =>
      shortcutSheet(mac)
        .flatMap((g) => g.items)
        .find((i) => i.label.startsWith('Jump to a room'))?.keys
    expect(keys(true)).toEqual(['⌘', 'K'])
    expect(keys(false)).toEqual(['Ctrl', 'K'])
  })
  it('lists every app command once', () => {
    const labels = shortcutSheet(false).flatMap((g) => g.items.map((i) => i.label))
    expect(new Set(labels).size).toBe(labels.length)
    expect(labels).toHaveLength(13)
  })
})
