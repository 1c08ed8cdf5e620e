/**
 * Text that goes into a native notification comes from other people (names, message bodies) and
 * from the server (error texts), so it is made inert before the desktop shows it.
 */

/**
 * Bidi controls (embeddings, overrides, isolates, marks, the Arabic letter mark) and zero-width
 * characters: invisible, and able to make "exe.jpg" of "gpj.exe" or hide text inside a name.
 */
export const INVISIBLE_CONTROLS =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/gu

/** Other control characters (C0, DEL, C1): never meaningful in a notification. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/gu

const MARKUP: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes the characters a notification server's markup parser would act on. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => MARKUP[c] ?? c)
}

export interface SanitizeOptions {
  /** Longest result, in code points (before markup escaping), ellipsis included. */
  max: number
  /**
   * Escape markup: for Linux bodies, which the Desktop Notifications spec lets the server render
   * as markup (`<a href>`, `<b>`, `<img>`). Titles are plain text there, and so is everything on
   * Windows and macOS, where escaping would show `&lt;` literally.
   */
  markup: boolean
}

/**
 * Strips bidi and zero-width controls, turns other controls into spaces, collapses whitespace,
 * caps the length with an ellipsis (counting code points, so a surrogate pair is never split)
 * and escapes markup when asked to.
 */
export function sanitizeNotificationText(text: string, options: SanitizeOptions): string {
  const clean = text
    .replace(INVISIBLE_CONTROLS, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
  const chars = [...clean]
  const max = Math.max(1, options.max)
  const short =
    chars.length <= max
      ? clean
      : chars
          .slice(0, max - 1)
          .join('')
          .trimEnd() + '…'
  return options.markup ? escapeMarkup(short) : short
}
