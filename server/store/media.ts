/**
 * Demo media: the demo users' avatars, drawn from SVG (demo-avatar.ts) and rendered to PNG by
 * resvg (a devDependency: only the local server uses it), so the repo holds no binaries.
 */
import { Resvg } from '@resvg/resvg-js'
import { avatarSvg } from './demo-avatar'

/** Rendered size: sharp at the app's 36 px avatars on a 2× screen and in the profile header. */
export const DEMO_AVATAR_SIZE = 128

/** Demo media path → whose avatar it is. */
const DEMO_AVATARS: Record<string, string> = {
  'avatars/bob.png': 'bob',
}
const cache = new Map<string, Buffer>()

/** `name`'s demo avatar as a PNG. */
export function avatarPng(name: string, size = DEMO_AVATAR_SIZE): Buffer {
  return new Resvg(avatarSvg(name), {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng()
}

/** The bytes of a media file, or null when there is none. */
export function mediaFile(path: string): Buffer | null {
  const name = DEMO_AVATARS[path]
  if (!name) return null
  let png = cache.get(path)
  if (!png) {
    png = avatarPng(name)
    cache.set(path, png)
  }
  return png
}
