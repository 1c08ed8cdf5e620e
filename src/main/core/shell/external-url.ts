/** Which links may leave the app for the user's browser: http(s) only, nothing with credentials. */

/** The normalised URL to hand to shell.openExternal, or null when it must not be opened. */
export function safeExternalUrl(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 2048) return null
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // user:pass@host links are a classic way to disguise where a link goes.
  if (url.username || url.password || !url.hostname) return null
  return url.href
}
