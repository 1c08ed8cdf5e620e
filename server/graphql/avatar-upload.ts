/**
 * Checks an uploaded avatar like the real form does (Django ImageField, then the model's
 * FileExtensionValidator), plus a size limit so an upload cannot fill the disk. Only PNG and JPEG
 * are accepted: they are what the client displays, and content is verified by its signature.
 */
import { DjangoText } from './graphql-errors'
import type { FormCheck } from './graphql-errors'
import { isUploadedFile } from './uploads'

/** Largest avatar accepted. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024

/** Extensions accepted for an avatar file name. */
export const AVATAR_EXTENSIONS = ['png', 'jpg', 'jpeg'] as const

/** The text for an avatar over AVATAR_MAX_BYTES. */
export const AVATAR_TOO_LARGE = `The avatar is too large: at most ${AVATAR_MAX_BYTES / 1024 / 1024} MB (${AVATAR_MAX_BYTES} bytes) is accepted.`

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG = Buffer.from([0xff, 0xd8, 0xff])

function looksLikeImage(data: Buffer): boolean {
  const starts = (magic: Buffer) =>
    data.length > magic.length && data.subarray(0, magic.length).equals(magic)
  return starts(PNG) || starts(JPEG)
}

/** A checked avatar, ready to store. */
export interface AvatarFile {
  filename: string
  data: Buffer
}

/** Adds the avatar's problems to `form` (field `avatar`); returns the file when it is fine. */
export function checkAvatar(form: FormCheck, value: unknown): AvatarFile | null {
  if (!isUploadedFile(value)) {
    form.add('avatar', DjangoText.noFile)
    return null
  }
  if (value.truncated) {
    form.add('avatar', AVATAR_TOO_LARGE)
    return null
  }
  if (value.data.length === 0) {
    form.add('avatar', DjangoText.emptyFile)
    return null
  }
  if (!looksLikeImage(value.data)) {
    form.add('avatar', DjangoText.notAnImage)
    return null
  }
  const dot = value.filename.lastIndexOf('.')
  const ext = dot < 0 ? '' : value.filename.slice(dot + 1).toLowerCase()
  if (!(AVATAR_EXTENSIONS as readonly string[]).includes(ext)) {
    form.add('avatar', DjangoText.badExtension(ext, AVATAR_EXTENSIONS))
    return null
  }
  return { filename: value.filename, data: value.data }
}
