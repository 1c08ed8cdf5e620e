/**
 * Demo avatars as SVG: a simple face (hair, eyes, smile, shoulders) on a coloured disc, its colours
 * and hair style picked from the user name, so each demo user is recognisable at a glance. Shapes
 * only, no text: the rendered PNG is the same on every machine, whatever fonts it has.
 */

const BACKGROUNDS = [
  '#3b82f6',
  '#10b981',
  '#f59e0b',
  '#8b5cf6',
  '#ef4444',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
]
const SKIN = ['#f8d5b8', '#e8b894', '#c68c62', '#8d5a3b']
const HAIR = ['#2b1d14', '#5a3825', '#b7791f', '#1f2937']
const SHIRTS = ['#1e3a8a', '#3f3f46', '#065f46', '#7c2d12']

const HAIR_STYLES = [
  // Short.
  'M19 28c0-10 6-15 13-15s13 5 13 15c-3-4-7-6.5-13-6.5S22 24 19 28z',
  // Longer, to the jaw.
  'M18 31c-1-12 5-18 14-18s15 6 14 18l-2.5 7c0-8-1.5-13-3.5-15.5-4 3-10 4-16 3-2 3-3 7-3.5 12.5z',
]

/** A stable small hash of a name (FNV-1a), to pick the same look on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0
  return h
}

const pick = <T>(list: readonly T[], h: number, shift: number): T =>
  list[(h >>> shift) % list.length]!

/** The avatar of `name` as an SVG document (64×64 user units). */
export function avatarSvg(name: string): string {
  const h = hash(name)
  const skin = pick(SKIN, h, 3)
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">',
    '<clipPath id="disc"><circle cx="32" cy="32" r="32"/></clipPath>',
    '<g clip-path="url(#disc)">',
    `<rect width="64" height="64" fill="${pick(BACKGROUNDS, h, 0)}"/>`,
    `<path d="M9 66c0-14 10-21.5 23-21.5S55 52 55 66z" fill="${pick(SHIRTS, h, 9)}"/>`,
    `<rect x="27" y="36" width="10" height="10" rx="4" fill="${skin}"/>`,
    `<circle cx="32" cy="28.5" r="13" fill="${skin}"/>`,
    `<path d="${pick(HAIR_STYLES, h, 11)}" fill="${pick(HAIR, h, 6)}"/>`,
    '<circle cx="27" cy="29.5" r="1.7" fill="#1f2937"/>',
    '<circle cx="37" cy="29.5" r="1.7" fill="#1f2937"/>',
    '<path d="M27.5 34.5q4.5 3.8 9 0" stroke="#1f2937" stroke-width="1.7" fill="none" stroke-linecap="round"/>',
    '</g>',
    '</svg>',
  ].join('')
}
