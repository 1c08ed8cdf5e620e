/**
 * Locale-aware formatting for the message list. Intl formatters are expensive to build, so each is
 * created once per locale and reused for every row. Callers pass the user's locale (formatLocale in
 * i18n.ts); without one, Intl uses the page's default.
 */
import { t } from '../i18n'

const cache = new Map<string, Intl.DateTimeFormat>()

/** A cached formatter; `name` identifies the options so no key is serialised per call. */
function formatter(
  name: string,
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = locale === undefined ? name : `${name}|${locale}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    cache.set(key, f)
  }
  return f
}

/** Local wall-clock time of a message, e.g. "14:05" or "2:05 PM". */
export function formatTime(epochMs: number, locale?: string): string {
  return formatter('time', locale, { hour: 'numeric', minute: '2-digit' }).format(epochMs)
}

/** The full timestamp shown on hover: date, time with seconds, and time zone. */
export function formatFullTimestamp(epochMs: number, locale?: string): string {
  return formatter('full', locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(epochMs)
}

/** A calendar day in local time as a comparable number (yyyymmdd). */
export function localDayKey(epochMs: number): number {
  const d = new Date(epochMs)
  return d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate()
}

/** Label of a day separator: "Today", "Yesterday", or the full date. */
export function formatDayLabel(epochMs: number, nowMs: number, locale?: string): string {
  const day = localDayKey(epochMs)
  if (day === localDayKey(nowMs)) return t('day.today')
  const yesterday = new Date(nowMs)
  yesterday.setDate(yesterday.getDate() - 1)
  if (day === localDayKey(yesterday.getTime())) return t('day.yesterday')
  const sameYear = new Date(epochMs).getFullYear() === new Date(nowMs).getFullYear()
  return formatter(sameYear ? 'day' : 'day-year', locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(epochMs)
}

/**
 * Builds, for `locale`, every formatter a history row uses. The first Intl number format a page
 * builds costs about 40 ms in Chromium (its number data is loaded then) and the first date format
 * several more; a catalogue plural with `#` (the room header's participants) and the rows' times
 * need them, so without this the first room the user opens would wait for them. Called once the
 * window is idle after start-up.
 */
export function warmFormatters(locale: string, nowMs: number = Date.now()): void {
  formatTime(nowMs, locale)
  formatFullTimestamp(nowMs, locale)
  formatDayLabel(nowMs - 7 * 86_400_000, nowMs, locale)
  new Intl.NumberFormat(locale).format(2)
  new Intl.PluralRules(locale).select(2)
}

/** Up to two initials for an avatar placeholder ("alice" → "A", "Mary Ann" → "MA"). */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter((w) => w.length > 0)
  if (words.length === 0) return '?'
  const first = [...words[0]!][0] ?? '?'
  const second = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : ''
  return (first + second).toUpperCase()
}

/** Unread counts above 99 read as "99+", as badges do everywhere. */
export function badgeCount(n: number): string {
  return n > 99 ? '99+' : String(n)
}

/** A stable hue (0–359) per name, so each author's initials avatar keeps its colour. */
export function hueOf(name: string): number {
  let h = 0
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0
  return h % 360
}
