/**
 * Every keyboard shortcut of the app in one place: which key chord does what (app-wide and in the
 * composer), what the shortcuts sheet lists, and which room Alt+↑/↓ moves to. Pure: components
 * pass the keyboard event in and act on the answer. "Mod" is Cmd on macOS and Ctrl elsewhere.
 */
import { t } from '../i18n'

/** The fields of a KeyboardEvent the keymap reads. */
export interface KeyChord {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/** App-wide commands. */
export type AppCommand =
  | 'quick-switcher'
  | 'previous-room'
  | 'next-room'
  | 'previous-unread-room'
  | 'next-unread-room'
  | 'search-room'
  | 'search-all'
  | 'shortcuts'

/** What a key does in the composer. */
export type ComposerCommand = 'send' | 'edit-last' | 'cancel-edit'

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform)
}

/** Mod (and no other of Ctrl/Cmd/Alt) is down. */
function modOnly(e: KeyChord, mac: boolean): boolean {
  return (mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey) && !e.altKey
}

/** The app-wide command a key chord stands for, or null. */
export function appCommandOf(e: KeyChord, mac: boolean): AppCommand | null {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  if (modOnly(e, mac)) {
    if (key === 'k' && !e.shiftKey) return 'quick-switcher'
    if (key === 'f') return e.shiftKey ? 'search-all' : 'search-room'
    // '/' with or without Shift: some layouts need Shift for it ('?' on US ones).
    if (key === '/' || key === '?') return 'shortcuts'
    return null
  }
  if (e.altKey && !e.ctrlKey && !e.metaKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
    const up = key === 'ArrowUp'
    if (e.shiftKey) return up ? 'previous-unread-room' : 'next-unread-room'
    return up ? 'previous-room' : 'next-room'
  }
  return null
}

/** What a key does in the composer, given its state; null lets the textarea have it. */
export function composerCommandOf(
  e: KeyChord & { isComposing?: boolean },
  state: { empty: boolean; editing: boolean },
): ComposerCommand | null {
  // IME composition uses Enter to pick a candidate: never send then.
  if (e.isComposing) return null
  const plain = !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey
  if (e.key === 'Enter' && plain) return 'send'
  if (e.key === 'ArrowUp' && plain && state.empty && !state.editing) return 'edit-last'
  if (e.key === 'Escape' && state.editing) return 'cancel-edit'
  return null
}

/** Shift+F10 or the Menu key: open the context menu of what has focus. */
export function isContextMenuKey(e: KeyChord): boolean {
  return (
    e.key === 'ContextMenu' ||
    (e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey)
  )
}

/**
 * The room Alt(+Shift)+↑/↓ goes to: the previous or next one in the sidebar's order, wrapping
 * around; with `unreadOnly`, the nearest one with unread messages. Null when there is none.
 */
export function adjacentRoom<R extends { key: string; unread: number }>(
  rooms: readonly R[],
  activeKey: string | null,
  direction: 1 | -1,
  unreadOnly: boolean,
): string | null {
  const n = rooms.length
  if (n === 0) return null
  const at = rooms.findIndex((r) => r.key === activeKey)
  // With no room open, ↓ starts at the first room and ↑ at the last.
  const start = at < 0 ? (direction === 1 ? -1 : n) : at
  for (let step = 1; step <= n; step++) {
    const room = rooms[(((start + direction * step) % n) + n) % n]!
    if (room.key === activeKey) continue
    if (!unreadOnly || room.unread > 0) return room.key
  }
  return null
}

export interface ShortcutGroup {
  title: string
  items: { keys: string[]; label: string }[]
}

/** The shortcuts sheet's content, with the platform's key names. */
export function shortcutSheet(mac: boolean): ShortcutGroup[] {
  const mod = mac ? '⌘' : 'Ctrl'
  const alt = mac ? '⌥' : 'Alt'
  return [
    {
      title: t('keys.groupNavigation'),
      items: [
        { keys: [mod, 'K'], label: t('keys.quickSwitcher') },
        { keys: [alt, '↑'], label: t('keys.previousRoom') },
        { keys: [alt, '↓'], label: t('keys.nextRoom') },
        { keys: [alt, 'Shift', '↑'], label: t('keys.previousUnreadRoom') },
        { keys: [alt, 'Shift', '↓'], label: t('keys.nextUnreadRoom') },
      ],
    },
    {
      title: t('keys.groupSearch'),
      items: [
        { keys: [mod, 'F'], label: t('keys.searchRoom') },
        { keys: [mod, 'Shift', 'F'], label: t('keys.searchAll') },
      ],
    },
    {
      title: t('keys.groupMessages'),
      items: [
        { keys: ['Enter'], label: t('keys.send') },
        { keys: ['Shift', 'Enter'], label: t('keys.newLine') },
        { keys: ['↑'], label: t('keys.editLast') },
        { keys: ['Esc'], label: t('keys.cancelEdit') },
        { keys: ['Shift', 'F10'], label: t('keys.messageActions') },
      ],
    },
    { title: t('keys.groupHelp'), items: [{ keys: [mod, '/'], label: t('keys.showShortcuts') }] },
  ]
}
