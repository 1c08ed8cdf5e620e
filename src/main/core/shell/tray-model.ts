/**
 * The tray as a pure function of app state: icon, tooltip, badge count and menu items. tray.ts
 * only turns this model into Electron objects, so everything the user sees here is unit-tested.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import { textLocale, translate } from '../../../shared/i18n'
import type { EffectiveLocale, MessageKey } from '../../../shared/i18n'

/** What the chat service reports for the tray (ChatService.trayState()). */
export interface TrayState {
  signedIn: boolean
  rooms: { key: RoomKey; name: string; unread: number; mentions?: number }[]
  unreadTotal: number
  /** Unread messages that mention the user, over all rooms. */
  mentionTotal?: number
  connection: 'connected' | 'connecting' | 'disconnected' | 'failed'
}

/** Shell-side inputs that are not chat state. */
export interface TrayShellState {
  startAtLogin: boolean
  /** False where the OS offers no login items we can set (then the toggle is disabled). */
  startAtLoginSupported: boolean
  // Updates: the downloaded update's "Restart to update" item (update-view.ts), when one is ready.
  update?: { label: string } | null
}

export type TrayIcon = 'normal' | 'unread' | 'disconnected'
export type TrayActionId = 'open' | 'sign-out' | 'quit' | 'open-more-rooms' | 'restart-to-update'

/** One menu line, independent of Electron. */
export type TrayMenuItem =
  | { kind: 'action'; id: TrayActionId; label: string; enabled: boolean }
  | { kind: 'room'; roomKey: RoomKey; label: string; unread: number; mentions: number }
  | { kind: 'status'; label: string }
  | { kind: 'toggle'; id: 'start-at-login'; label: string; checked: boolean; enabled: boolean }
  | { kind: 'separator' }

export interface TrayModel {
  icon: TrayIcon
  tooltip: string
  /** For app.setBadgeCount: 0 clears the badge. */
  badgeCount: number
  items: TrayMenuItem[]
}

/** The app's display name, used in the tooltip (a name: the same in every language). */
export const APP_DISPLAY_NAME = 'EduSphere Desktop'
/** Rooms listed before the rest are folded into "More rooms…". */
export const MAX_MENU_ROOMS = 12
const MAX_ROOM_LABEL = 40

/**
 * Menu labels treat `&` as a mnemonic marker on Windows and Linux, so a room called "Q&A" would
 * lose its ampersand; doubling it shows it literally.
 */
export function escapeMenuLabel(text: string): string {
  return text.replace(/&/g, '&&')
}

function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…'
}

function countLabel(n: number): string {
  return n > 99 ? '99+' : String(n)
}

/** `General (3)`, or `General (3, 1 @)` when some of them mention the user. */
function roomLabel(name: string, unread: number, mentions: number): string {
  if (!unread) return name
  return mentions
    ? `${name} (${countLabel(unread)}, ${countLabel(mentions)} @)`
    : `${name} (${countLabel(unread)})`
}

const STATUS_KEY: Record<TrayState['connection'], MessageKey> = {
  connected: 'tray.connected',
  connecting: 'tray.connecting',
  disconnected: 'tray.disconnected',
  failed: 'tray.failed',
}

function sanitizeCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}

/**
 * Computes the whole tray from the chat state and the shell's own state, in `locale` (main's
 * current language unless given).
 */
export function buildTrayModel(
  state: TrayState,
  shell: TrayShellState,
  locale: EffectiveLocale = textLocale(),
): TrayModel {
  const t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(locale, key, params)
  const unread = sanitizeCount(state.unreadTotal)
  const offline =
    state.signedIn && (state.connection === 'disconnected' || state.connection === 'failed')
  const icon: TrayIcon = offline
    ? 'disconnected'
    : state.signedIn && unread > 0
      ? 'unread'
      : 'normal'

  const app = APP_DISPLAY_NAME
  const mentions = Math.min(sanitizeCount(state.mentionTotal ?? 0), unread)
  const tooltip = !state.signedIn
    ? t('tray.signedOutTooltip', { app })
    : offline
      ? t('tray.offlineTooltip', {
          app,
          // Lower case mid-sentence in English; German nouns keep their capital.
          state:
            locale.messages === 'en'
              ? t(STATUS_KEY[state.connection]).toLowerCase()
              : t(STATUS_KEY[state.connection]),
          unread,
          mentions,
        })
      : t('tray.tooltip', { app, unread, mentions })

  const items: TrayMenuItem[] = [
    { kind: 'action', id: 'open', label: t('tray.open'), enabled: true },
  ]
  if (state.signedIn) {
    items.push({ kind: 'separator' })
    if (state.rooms.length === 0) items.push({ kind: 'status', label: t('tray.noRooms') })
    for (const room of state.rooms.slice(0, MAX_MENU_ROOMS)) {
      const n = sanitizeCount(room.unread)
      const m = Math.min(sanitizeCount(room.mentions ?? 0), n)
      const name = escapeMenuLabel(truncate(room.name || room.key, MAX_ROOM_LABEL))
      items.push({
        kind: 'room',
        roomKey: room.key,
        label: roomLabel(name, n, m),
        unread: n,
        mentions: m,
      })
    }
    const hidden = state.rooms.length - MAX_MENU_ROOMS
    if (hidden > 0)
      items.push({
        kind: 'action',
        id: 'open-more-rooms',
        label: t('tray.moreRooms', { count: hidden }),
        enabled: true,
      })
  }
  items.push(
    { kind: 'separator' },
    {
      kind: 'status',
      label: state.signedIn ? t(STATUS_KEY[state.connection]) : t('tray.signedOut'),
    },
    { kind: 'separator' },
    {
      kind: 'toggle',
      id: 'start-at-login',
      label: t('tray.startAtLogin'),
      checked: shell.startAtLoginSupported && shell.startAtLogin,
      enabled: shell.startAtLoginSupported,
    },
    { kind: 'action', id: 'sign-out', label: t('tray.signOut'), enabled: state.signedIn },
    { kind: 'separator' },
    // Updates: restarting is offered right above Quit, the other way to leave the app.
    ...(shell.update
      ? [
          {
            kind: 'action',
            id: 'restart-to-update',
            label: shell.update.label,
            enabled: true,
          } as const,
        ]
      : []),
    { kind: 'action', id: 'quit', label: t('tray.quit'), enabled: true },
  )
  return { icon, tooltip, badgeCount: state.signedIn ? unread : 0, items }
}
