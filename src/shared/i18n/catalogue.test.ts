/** The catalogues stay complete: same keys, same arguments, every message parses, German is German. */
import { describe, expect, it } from 'vitest'
import { APP_LOCALES, catalogues, effectiveLocale, translate } from './index'
import { argumentNames } from './icu'

/** What differs between two catalogues: keys one lacks, and messages whose arguments differ. */
function catalogueDifferences(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = []
  for (const key of Object.keys(a)) if (!(key in b)) problems.push(`missing in second: ${key}`)
  for (const key of Object.keys(b)) if (!(key in a)) problems.push(`missing in first: ${key}`)
  for (const key of Object.keys(a)) {
    if (!(key in b)) continue
    const left = argumentNames(a[key]!).join(',')
    const right = argumentNames(b[key]!).join(',')
    if (left !== right) problems.push(`arguments of ${key}: {${left}} vs {${right}}`)
  }
  return problems
}

describe('catalogues', () => {
  it('every locale has exactly the keys and arguments of English', () => {
    for (const locale of APP_LOCALES)
      expect(catalogueDifferences(catalogues.en, catalogues[locale]), locale).toEqual([])
  })

  it('the check fails on a missing key and on a differing argument', () => {
    const en = { 'a.one': 'Hello {name}', 'a.two': 'Bye' }
    expect(catalogueDifferences(en, { 'a.one': 'Hallo {name}' })).toEqual([
      'missing in second: a.two',
    ])
    expect(catalogueDifferences(en, { 'a.one': 'Hallo {nom}', 'a.two': 'Tschüss' })).toEqual([
      'arguments of a.one: {name} vs {nom}',
    ])
    expect(
      catalogueDifferences({ n: '{n, plural, one {# x} other {# xs}}' }, { n: '{n} x' }),
    ).toEqual([])
  })

  it('no message is empty, and German differs from English where there are words to translate', () => {
    const same = Object.keys(catalogues.en).filter(
      (k) =>
        catalogues.de[k as keyof typeof catalogues.en] ===
        catalogues.en[k as keyof typeof catalogues.en],
    )
    for (const locale of APP_LOCALES)
      for (const [key, message] of Object.entries(catalogues[locale]))
        expect(message.trim(), `${locale} ${key}`).not.toBe('')
    // Names, language names, pure placeholders and a few shared words read the same in both.
    expect(same.sort()).toEqual([
      'about.ok',
      'about.version',
      'app.name',
      'common.labelled',
      'connection.withReason',
      'keys.groupNavigation',
      'notify.messageTitle',
      'profile.name',
      'settings.languageDe',
      'settings.languageEn',
      'settings.languageSystem',
    ])
  })

  it('plurals follow each language (ICU, # is the count in the locale)', () => {
    expect(translate('en', 'room.participants', { count: 1 })).toBe('1 participant')
    expect(translate('en', 'room.participants', { count: 2 })).toBe('2 participants')
    expect(translate('de', 'room.participants', { count: 1 })).toBe('1 Mitglied')
    expect(translate('de', 'room.participants', { count: 1500 })).toBe('1.500 Mitglieder')
    expect(translate('en', 'browse.count', { count: 0 })).toBe('No rooms')
    expect(translate('de', 'browse.count', { count: 0 })).toBe('Keine Räume')
    expect(translate('de', 'tray.moreRooms', { count: 1 })).toBe('1 weiterer Raum…')
    expect(translate('de', 'tray.moreRooms', { count: 3 })).toBe('3 weitere Räume…')
    expect(translate('de', 'connection.failedAfter', { max: 5 })).toBe(
      'Verbindung nach 5 Versuchen fehlgeschlagen',
    )
  })
})

describe('effectiveLocale', () => {
  it('follows the OS unless the user chose a language', () => {
    expect(effectiveLocale('system', 'de-AT')).toEqual({ messages: 'de', format: 'de-AT' })
    expect(effectiveLocale('system', 'fr-FR')).toEqual({ messages: 'en', format: 'en' })
    expect(effectiveLocale('system', 'en-GB')).toEqual({ messages: 'en', format: 'en-GB' })
    expect(effectiveLocale('de', 'en-US')).toEqual({ messages: 'de', format: 'de' })
    expect(effectiveLocale('en', 'de-DE')).toEqual({ messages: 'en', format: 'en' })
    expect(effectiveLocale('system', 'de_CH')).toEqual({ messages: 'de', format: 'de-CH' })
  })

  it('a damaged OS locale falls back to a language, never throws', () => {
    expect(effectiveLocale('system', '')).toEqual({ messages: 'en', format: 'en' })
    expect(effectiveLocale('system', 'de-!!')).toEqual({ messages: 'de', format: 'de' })
  })
})
