/** The language setting drives the words main itself produces (errors, notifications, tray). */
import { afterEach, describe, expect, it } from 'vitest'
import { setTextLocale, text } from '../../../../shared/i18n'
import { createSettingsIntents } from './settings-intents'

afterEach(() => setTextLocale({ messages: 'en', format: 'en' }))

describe('settings intents and the language', () => {
  it("main's errors follow the saved language, a change, and the OS for 'system'", () => {
    const saved: string[] = []
    const settings = createSettingsIntents({
      initial: {
        messageNotifications: true,
        mentionNotifications: true,
        logLevel: 'info',
        locale: 'de',
        systemLocale: 'en-US',
      },
      onChanged: (s) => saved.push(s.locale),
    })
    expect(() => settings.openExternal('file:///etc/passwd')).toThrow(
      'Nur http- und https-Links können geöffnet werden.',
    )
    expect(settings.updateSettings({ locale: 'en' })).toMatchObject({
      locale: 'en',
      systemLocale: 'en-US',
    })
    expect(() => settings.openExternal('file:///etc/passwd')).toThrow(
      'Only http and https links can be opened.',
    )
    createSettingsIntents({
      initial: {
        messageNotifications: true,
        mentionNotifications: true,
        logLevel: 'info',
        locale: 'system',
        systemLocale: 'de-CH',
      },
    })
    expect(text('error.notOwn', { action: 'edit' })).toBe(
      'Du kannst nur deine eigenen Nachrichten bearbeiten.',
    )
    // Swiss digit grouping: the OS's regional format, the chosen language's words.
    expect(text('notify.groupTitle', { count: 1200, room: 'Mathe' })).toBe(
      `${(1200).toLocaleString('de-CH')} neue Nachrichten in Mathe`,
    )
    expect(saved).toEqual(['en'])
  })
})
