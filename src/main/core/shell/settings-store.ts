/**
 * The shell's persisted settings (`settings.json` in userData): message and mention notifications,
 * the language, the window's last bounds, the server origins the user allowed over plain http,
 * the log level and each window's zoom. Pure Node. A damaged file never crashes the app or blocks
 * startup: each
 * field that fails validation falls back to its default, and the reason is reported once.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Settings } from '../../../shared/ipc-contract'
import { LOG_LEVELS } from '../../../shared/ipc-contract'
import { checkServerUrl, transportOf } from '../../../shared/server-url'
import type { TransportConsent } from '../session/transport-consent'
import type { Rect } from './window-bounds'

/** Everything the shell persists. */
export interface ShellSettings extends Omit<Settings, 'systemLocale'> {
  window: { bounds: Rect; maximized: boolean } | null
  /**
   * Origins the user confirmed "Connect without encryption" for. Main owns this list: the renderer
   * cannot write it, only a sign-in carrying the user's confirmation adds to it.
   */
  unencryptedServers: string[]
  // Logs, zoom and updates.
  /** Zoom factor (1 is 100 %) of each window, by window name. */
  zoomFactors: Record<string, number>
}

/** What a fresh install starts with. */
export const DEFAULT_SETTINGS: ShellSettings = {
  messageNotifications: true,
  locale: 'system',
  mentionNotifications: true,
  window: null,
  unencryptedServers: [],
  // Logs, zoom and updates.
  logLevel: 'info',
  zoomFactors: {},
}

/** A stored entry counts only if it is exactly a plain-http, non-loopback origin. */
function isUnencryptedOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const checked = checkServerUrl(value)
  return checked.ok && checked.origin === value && transportOf(value) === 'unencrypted'
}

const RectSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().positive(),
  height: z.number().finite().positive(),
})

// Field by field, so one bad value does not cost the user their other settings.
const FileSchema = z.object({
  messageNotifications: z.boolean().catch(DEFAULT_SETTINGS.messageNotifications),
  locale: z.enum(['system', 'en', 'de']).catch(DEFAULT_SETTINGS.locale),
  mentionNotifications: z.boolean().catch(DEFAULT_SETTINGS.mentionNotifications),
  window: z
    .object({ bounds: RectSchema, maximized: z.boolean().catch(false) })
    .nullable()
    .catch(null),
  unencryptedServers: z
    .array(z.unknown())
    .catch([])
    .transform((list) => [...new Set(list.filter(isUnencryptedOrigin))].slice(0, 1000)),
  // Logs, zoom and updates.
  logLevel: z.enum(LOG_LEVELS).catch(DEFAULT_SETTINGS.logLevel),
  zoomFactors: z
    .record(z.string().regex(/^[\w-]{1,40}$/), z.number().finite().min(0.25).max(5))
    .catch({}),
})

/** The settings parsed from the file's text, and what was wrong with it (null when nothing). */
export function parseSettings(text: string | null): {
  settings: ShellSettings
  problem: string | null
} {
  if (text === null) return { settings: { ...DEFAULT_SETTINGS }, problem: null }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return {
      settings: { ...DEFAULT_SETTINGS },
      problem: `settings file is not valid JSON (${(e as Error).message}); using defaults`,
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: { ...DEFAULT_SETTINGS },
      problem: 'settings file is not an object; using defaults',
    }
  }
  const record = raw as Record<string, unknown>
  const parsed = FileSchema.parse({
    messageNotifications: record.messageNotifications ?? DEFAULT_SETTINGS.messageNotifications,
    locale: record.locale ?? DEFAULT_SETTINGS.locale,
    mentionNotifications: record.mentionNotifications ?? DEFAULT_SETTINGS.mentionNotifications,
    window: record.window ?? null,
    unencryptedServers: record.unencryptedServers ?? [],
    logLevel: record.logLevel ?? DEFAULT_SETTINGS.logLevel,
    zoomFactors: record.zoomFactors ?? {},
  })
  const fields = [
    'messageNotifications',
    'locale',
    'mentionNotifications',
    'window',
    'unencryptedServers',
    'logLevel',
    'zoomFactors',
  ] as const
  const dropped = fields.filter(
    (k) => record[k] !== undefined && JSON.stringify(record[k]) !== JSON.stringify(parsed[k]),
  )
  return {
    settings: parsed,
    problem: dropped.length ? `ignored invalid settings: ${dropped.join(', ')}` : null,
  }
}

/** A settings store bound to one file. */
export interface SettingsStore {
  get(): ShellSettings
  /** Applies a change, persists it, and returns the new settings. */
  update(patch: Partial<ShellSettings>): ShellSettings
}

/**
 * Opens the store at `file`. `report` hears about a damaged file or a failed write (the app keeps
 * running on the in-memory value; the next successful write repairs the file).
 */
export function openSettingsStore(file: string, report: (problem: string) => void): SettingsStore {
  let text: string | null = null
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      report(`cannot read settings (${(e as Error).message}); using defaults`)
  }
  const loaded = parseSettings(text)
  if (loaded.problem) report(loaded.problem)
  let current = loaded.settings

  function persist(): void {
    // Write-then-rename, so a crash mid-write never leaves a truncated file behind.
    const tmp = `${file}.${process.pid}.tmp`
    try {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(tmp, JSON.stringify(current, null, 2) + '\n', { mode: 0o600 })
      renameSync(tmp, file)
    } catch (e) {
      report(`cannot save settings (${(e as Error).message})`)
    }
  }

  return {
    get: () => current,
    update(patch) {
      current = { ...current, ...patch }
      persist()
      return current
    },
  }
}

/** The plain-http consent of the chat core, kept in (and persisted with) these settings. */
export function transportConsentFrom(store: SettingsStore): TransportConsent {
  return {
    has: (origin) => store.get().unencryptedServers.includes(origin),
    add(origin) {
      const list = store.get().unencryptedServers
      if (!list.includes(origin)) store.update({ unencryptedServers: [...list, origin] })
    },
  }
}
