import { afterEach, describe, expect, it } from 'vitest'
import { computed } from 'vue'
import { applyLocale, t } from './i18n'

describe('t', () => {
  afterEach(() => applyLocale('en', 'en-US'))

  it('formats catalogue sentences with plurals and numbers in the chosen language', () => {
    applyLocale('en', 'en-US')
    expect(t('room.participants', { count: 1 })).toBe('1 participant')
    expect(t('room.participants', { count: 1200 })).toBe('1,200 participants')
    applyLocale('de', 'de-DE')
    expect(t('room.participants', { count: 1200 })).toBe('1.200 Mitglieder')
  })

  it('is reactive: a computed that calls it follows a change of language', () => {
    applyLocale('en', 'en-US')
    const label = computed(() => t('history.beginning'))
    expect(label.value).toBe('Beginning of the room')
    applyLocale('de', 'de-DE')
    expect(label.value).not.toBe('Beginning of the room')
  })
})
