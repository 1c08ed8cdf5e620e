/**
 * What an avatar upload must be before it leaves the computer: what the server's form accepts
 * (a PNG or JPEG of at most 2 MB, with a matching file name). The profile panel checks a picked
 * file with it at once; main checks again before the upload, whatever the renderer sent.
 */
import { text, textLocale } from './i18n'

/** The largest avatar accepted (the server's own limit). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024

/** File name endings the server accepts for an avatar. */
export const AVATAR_EXTENSIONS = ['png', 'jpg', 'jpeg'] as const

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]

/** The image type the bytes really are, from their signature; null when neither PNG nor JPEG. */
export function avatarTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const starts = (magic: number[]) =>
    bytes.length > magic.length && magic.every((b, i) => bytes[i] === b)
  if (starts(PNG)) return 'image/png'
  if (starts(JPEG)) return 'image/jpeg'
  return null
}

/** The refusal of a file of `size` bytes over the limit, its size in MB as the language writes it. */
export function avatarTooLarge(size: number): string {
  const mb = (size / 1024 / 1024).toLocaleString(textLocale().format, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  return text('avatar.tooLarge', { mb })
}

/** Why this file cannot be an avatar, in words that say what to pick instead; null when fine. */
export function avatarFileProblem(fileName: string, bytes: Uint8Array): string | null {
  if (bytes.byteLength === 0) return text('avatar.empty')
  if (bytes.byteLength > AVATAR_MAX_BYTES) return avatarTooLarge(bytes.byteLength)
  const dot = fileName.lastIndexOf('.')
  const ext = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase()
  if (!(AVATAR_EXTENSIONS as readonly string[]).includes(ext)) return text('avatar.extension')
  if (avatarTypeOf(bytes) === null) return text('avatar.notPicture')
  return null
}
