/**
 * The renderer's vue-i18n instance and THE way components and stores get words: `t(key, params)`.
 * Messages are ICU MessageFormat (plurals as `{n, plural, one {…} other {…}}`), formatted by the
 * same formatter main uses (shared/i18n/icu.ts) through vue-i18n message functions, so the
 * catalogues in shared/i18n serve both processes unchanged. `t` reads the reactive locale, so a
 * template or computed that calls it re-renders when the language changes.
 */
import { ref } from 'vue'
import { createI18n } from 'vue-i18n'
import type { MessageContext } from 'vue-i18n'
import {
  APP_LOCALES,
  catalogues,
  effectiveLocale,
  setTextLocale,
  textLocale,
} from '../../shared/i18n'
import type { AppLocale, LocalePreference, MessageKey, MessageParams } from '../../shared/i18n'
import { formatMessage } from '../../shared/i18n/icu'

type MessageFunctions = Record<string, (ctx: MessageContext) => string>

/**
 * Each catalogue string as a vue-i18n message function (a documented message form) that formats
 * it with icu.ts; numbers inside use the regional format tag of the moment.
 */
function asMessageFunctions(catalogue: Readonly<Record<string, string>>): MessageFunctions {
  const out: MessageFunctions = {}
  for (const [key, source] of Object.entries(catalogue))
    out[key] = (ctx) => formatMessage(source, textLocale().format, ctx.values as MessageParams)
  return out
}

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: Object.fromEntries(
    APP_LOCALES.map((locale) => [locale, asMessageFunctions(catalogues[locale])]),
  ),
  // A missing key is a bug the catalogue test catches; the key itself is shown meanwhile.
  missingWarn: false,
  fallbackWarn: false,
})

/**
 * The BCP 47 tag dates, times and numbers are formatted with (lib/format.ts): reactive, so a
 * timestamp re-renders in the new convention when the language changes.
 */
export const formatLocale = ref('en')

/**
 * A sentence of the catalogue in the current language. It reads vue-i18n's reactive locale, so a
 * template or computed that calls it re-renders when the language changes, and formats the
 * catalogue's sentence directly, as the message functions above do: vue-i18n's own `t` builds a
 * message context per call, which made the few words of each history row a tenth of its cost.
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const locale = i18n.global.locale.value as AppLocale
  const source = catalogues[locale]?.[key] ?? catalogues.en[key]
  // A key missing everywhere shows as itself (as vue-i18n does); the catalogue test catches it.
  if (source === undefined) return key
  return formatMessage(source, textLocale().format, params ?? {})
}

/** Switches the window to the user's language (from settings; the OS's when 'system'). */
export function applyLocale(preference: LocalePreference, systemLocale: string): void {
  const locale = effectiveLocale(preference, systemLocale)
  // Shared helpers (the server-address check) word their answers in this language too.
  setTextLocale(locale)
  formatLocale.value = locale.format
  i18n.global.locale.value = locale.messages
  // Screen readers pick their voice by the page's language.
  if (typeof document !== 'undefined') document.documentElement.lang = locale.format
}

/** The OS's locale as the page knows it, until main's settings arrive. */
export function browserLocale(): string {
  return typeof navigator === 'undefined' ? 'en' : (navigator.language ?? 'en')
}
