import { afterEach, describe, expect, it } from 'vitest'
import {
  badgeCount,
  formatDayLabel,
  formatFullTimestamp,
  formatTime,
  hueOf,
  initialsOf,
  localDayKey,
  warmFormatters,
} from './format'

describe('format', () => {
  const noon = new Date(2026, 10, 25, 12, 5, 9).getTime()

  it('formats local time and a full timestamp with seconds', () => {
    expect(formatTime(noon, 'en-GB')).toBe('12:05')
    const full = formatFullTimestamp(noon, 'en-GB')
    expect(full).toContain('25 November 2026')
    expect(full).toContain('12:05:09')
  })

  it('labels today, yesterday and older days', () => {
    const yesterday = new Date(2026, 10, 24, 23, 59).getTime()
    const older = new Date(2026, 10, 2, 8, 0).getTime()
    const lastYear = new Date(2025, 0, 2, 8, 0).getTime()
    expect(formatDayLabel(noon, noon)).toBe('Today')
    expect(formatDayLabel(yesterday, noon)).toBe('Yesterday')
    expect(formatDayLabel(older, noon, 'en-US')).toBe('Monday, November 2')
    expect(formatDayLabel(lastYear, noon, 'en-US')).toBe('Thursday, January 2, 2025')
  })

  it('compares local calendar days', () => {
    expect(localDayKey(noon)).toBe(20261125)
    expect(localDayKey(new Date(2026, 10, 25, 0, 0).getTime())).toBe(20261125)
  })

  it('makes initials from usernames and names, including emoji', () => {
    expect(initialsOf('alice')).toBe('A')
    expect(initialsOf('Mary Ann Smith')).toBe('MS')
    expect(initialsOf('jean-luc')).toBe('JL')
    expect(initialsOf('  ')).toBe('?')
    expect(initialsOf('😀 x')).toBe('😀X')
  })

  it('caps badges and gives stable hues', () => {
    expect(badgeCount(5)).toBe('5')
    expect(badgeCount(100)).toBe('99+')
    expect(hueOf('bob')).toBe(hueOf('bob'))
    expect(hueOf('bob')).toBeGreaterThanOrEqual(0)
    expect(hueOf('bob')).toBeLessThan(360)
  })

  describe('warmFormatters', () => {
    const Original = Intl.DateTimeFormat
    afterEach(() => {
      Intl.DateTimeFormat = Original
    })

    it('builds every date formatter a row needs, so rendering rows builds none', () => {
      let built = 0
      Intl.DateTimeFormat = class extends Original {
        constructor(...args: ConstructorParameters<typeof Original>) {
          super(...args)
          built++
        }
      } as typeof Original
      const now = new Date(2026, 6, 15, 12, 0).getTime()
      warmFormatters('fr-CA', now)
      expect(built).toBeGreaterThan(0)
      built = 0
      formatTime(noon, 'fr-CA')
      formatFullTimestamp(noon, 'fr-CA')
      formatDayLabel(new Date(2026, 6, 2, 8, 0).getTime(), now, 'fr-CA')
      expect(built).toBe(0)
    })
  })
})
