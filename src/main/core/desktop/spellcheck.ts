/**
 * Spell-check languages from the OS: each preferred language the spell checker has a dictionary
 * for, tried as given (de-CH) and then by its base language (de, or the first de-* available),
 * in the user's order, at most `max` (every language costs memory and download).
 */

/** The dictionaries to use; falls back to `fallback` when none of the OS languages has one. */
export function spellCheckLanguages(
  preferred: readonly string[],
  available: readonly string[],
  max = 3,
  fallback = 'en-US',
): string[] {
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]))
  const chosen: string[] = []
  for (const raw of preferred) {
    const tag = raw.replace(/_/g, '-').toLowerCase()
    const base = tag.split('-')[0] ?? tag
    const match =
      byLower.get(tag) ??
      byLower.get(base) ??
      available.find((a) => a.toLowerCase().startsWith(`${base}-`))
    if (match && !chosen.includes(match)) chosen.push(match)
    if (chosen.length >= max) break
  }
  if (chosen.length) return chosen
  return byLower.has(fallback.toLowerCase()) || available.length === 0
    ? [fallback]
    : [available[0]!]
}
