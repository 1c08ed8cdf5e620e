/**
 * The message catalogues and how a locale is chosen, for main and the renderer alike. The renderer
 * formats through vue-i18n (with icu.ts as its message compiler), main through `translate`, so a
 * sentence reads the same in a toast, the tray and a native notification.
 */
import { de } from './de'
import { en } from './en'
import type { MessageKey } from './en'
import { formatMessage } from './icu'
import type { MessageParams } from './icu'

export type { MessageKey } from './en'
export type { MessageParams } from './icu'

/** The languages the app speaks; the first is the fallback. */
export const APP_LOCALES = ['en', 'de'] as const
export type AppLocale = (typeof APP_LOCALES)[number]

/** The user's choice in settings: follow the OS, or one language. */
export type LocalePreference = 'system' | AppLocale

export const catalogues: Readonly<Record<AppLocale, Readonly<Record<MessageKey, string>>>> = {
  en,
  de,
}

function languageOf(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
}

/** The catalogue for a BCP 47 tag (`de-AT` → `de`); anything the app does not speak is English. */
export function catalogueLocale(tag: string): AppLocale {
  const language = languageOf(tag)
  return (APP_LOCALES as readonly string[]).includes(language) ? (language as AppLocale) : 'en'
}

export interface EffectiveLocale {
  /** Which catalogue the words come from. */
  messages: AppLocale
  /**
   * The tag Intl formats dates, times and numbers with: the OS's own (`de-CH`, `en-GB`) when it
   * speaks the chosen language, so regional conventions survive; else the language itself.
   */
  format: string
}

/** The locale in effect for a preference and the OS's locale (Electron's app.getLocale()). */
export function effectiveLocale(
  preference: LocalePreference,
  systemLocale: string,
): EffectiveLocale {
  const messages = preference === 'system' ? catalogueLocale(systemLocale) : preference
  let format: string = messages
  if (languageOf(systemLocale) === messages) {
    try {
      format = Intl.getCanonicalLocales(systemLocale.replace(/_/g, '-'))[0] ?? messages
    } catch {
      // Not a valid tag (a damaged environment): the language alone still formats correctly.
    }
  }
  return { messages, format }
}

/** One sentence of the catalogue of `locale`, formatted (ICU plurals, numbers in that locale). */
export function translate(
  locale: EffectiveLocale | AppLocale,
  key: MessageKey,
  params?: MessageParams,
): string {
  const { messages, format } =
    typeof locale === 'string' ? { messages: locale, format: locale } : locale
  return formatMessage(catalogues[messages][key], format, params)
}

/**
 * The language of the sentences this process produces where no screen is at hand to ask (main's
 * errors, shared helpers such as the server-address check). Each process shows one language at a
 * time, the user's: main sets it from the settings, the renderer from its i18n instance.
 */
let current: EffectiveLocale = { messages: 'en', format: 'en' }

export function setTextLocale(locale: EffectiveLocale): void {
  current = locale
}

export function textLocale(): EffectiveLocale {
  return current
}

/** `translate` in the process's current language. */
export function text(key: MessageKey, params?: MessageParams): string {
  return translate(current, key, params)
}
