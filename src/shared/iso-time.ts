/** Parsing of the server's Python `isoformat()` timestamps into epoch microseconds. */

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?$/

/**
 * Parses a Python `isoformat()` timestamp (`2026-11-25T17:58:00.657039+00:00`, fraction optional)
 * into epoch microseconds, so that ordering keeps the server's precision. Null when malformed.
 */
export function parseIsoMicros(text: string): number | null {
  const m = ISO_RE.exec(text)
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m
  const date = new Date(Date.UTC(2000, +mo! - 1, +d!, +h!, +mi!, +s!))
  // setUTCFullYear, not Date.UTC's year: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(+y!)
  const ms = date.getTime()
  if (Number.isNaN(ms)) return null
  // Reject overflowed fields such as 2026-02-31 or 25:00.
  if (date.getUTCMonth() !== +mo! - 1 || date.getUTCDate() !== +d! || date.getUTCHours() !== +h!)
    return null
  if (+mi! > 59 || +s! > 59) return null
  let offsetMin = 0
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1
    offsetMin = sign * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6))
  }
  const micros = Number(frac.padEnd(6, '0') || '0')
  return (ms - offsetMin * 60_000) * 1000 + micros
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48
  const b = text.charCodeAt(i + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/**
 * The last two texts parsed and their values. A `new` frame's `created` and `updated` are parsed
 * when the frame is validated and again when it becomes a message: the second time is a lookup.
 */
let recentText = ''
let recentValue: number | null = null
let earlierText = ''
let earlierValue: number | null = null

/**
 * parseIsoMicros without the regex, for the hot path of incoming frames: the same result for
 * every input, because anything but the plain common shape (year >= 1970, valid fields) is
 * handed to parseIsoMicros itself.
 */
export function fastIsoMicros(text: string): number | null {
  if (text === recentText) return recentValue
  if (text === earlierText) return earlierValue
  const value = parseCommonIso(text)
  earlierText = recentText
  earlierValue = recentValue
  recentText = text
  recentValue = value
  return value
}

function parseCommonIso(text: string): number | null {
  const len = text.length
  if (
    len < 19 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return parseIsoMicros(text)
  const hi = twoDigits(text, 0)
  const lo = twoDigits(text, 2)
  const mo = twoDigits(text, 5)
  const d = twoDigits(text, 8)
  const h = twoDigits(text, 11)
  const mi = twoDigits(text, 14)
  const sec = twoDigits(text, 17)
  const y = hi * 100 + lo
  if (hi < 0 || lo < 0 || y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23)
    return parseIsoMicros(text)
  if (mi < 0 || mi > 59 || sec < 0 || sec > 59) return parseIsoMicros(text)
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  if (d > DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0)) return parseIsoMicros(text)
  let i = 19
  let micros = 0
  if (i < len && text.charCodeAt(i) === 46) {
    let digits = 0
    for (i++; i < len && digits < 6; i++, digits++) {
      const c = text.charCodeAt(i) - 48
      if (c < 0 || c > 9) break
      micros = micros * 10 + c
    }
    if (digits === 0) return parseIsoMicros(text)
    for (; digits < 6; digits++) micros *= 10
  }
  let offsetMin = 0
  if (i < len) {
    const z = text.charCodeAt(i)
    if (z === 90 && i + 1 === len) offsetMin = 0
    else if ((z === 43 || z === 45) && i + 6 === len && text.charCodeAt(i + 3) === 58) {
      const oh = twoDigits(text, i + 1)
      const om = twoDigits(text, i + 4)
      if (oh < 0 || om < 0) return parseIsoMicros(text)
      offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om)
    } else return parseIsoMicros(text)
  }
  const ms = ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offsetMin) * 60_000 + sec * 1000
  return ms * 1000 + micros
}

/**
 * Days since 1970-01-01 of a valid proleptic Gregorian date (H. Hinnant's days_from_civil):
 * what Date.UTC computes, in a few integer operations instead of a call into the runtime.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** Epoch milliseconds of a Python isoformat timestamp, or null. */
export function parseIsoTimestamp(text: string): number | null {
  const us = fastIsoMicros(text)
  return us === null ? null : Math.floor(us / 1000)
}
