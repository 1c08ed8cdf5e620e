/**
 * Who the saved sign-in belongs to (id, username, name, avatar), per server and email, so that a
 * start without network can open the account's store and show it. The token stays in the
 * keychain; this file holds no secret. `<dir>/stores/profiles.json`, 0600 in the 0700 folder,
 * written atomically (temp file + rename). A missing or unreadable file is an empty cache.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { normalizeOrigin, STORE_DIR_MODE, STORE_FILE_MODE } from './store-files'

export const CachedProfileSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable(),
  avatarUrl: z.string().nullable(),
})
export type CachedProfile = z.infer<typeof CachedProfileSchema>

/** The port the session uses (a memory one in tests). */
export interface ProfileCache {
  get(origin: string, email: string): CachedProfile | null
  set(origin: string, email: string, profile: CachedProfile): void
  delete(origin: string, email: string): void
}

const FileSchema = z.record(z.string(), CachedProfileSchema)

const keyOf = (origin: string, email: string) =>
  `${normalizeOrigin(origin)} ${email.trim().toLowerCase()}`

/** The cache in `<dir>/stores/profiles.json`; failures to write are reported, never thrown. */
export function createProfileCache(
  dir: string,
  onError: (error: unknown) => void = () => undefined,
): ProfileCache {
  const folder = path.join(dir, 'stores')
  const file = path.join(folder, 'profiles.json')
  const read = (): Record<string, CachedProfile> => {
    try {
      const parsed = FileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
      return parsed.success ? parsed.data : {}
    } catch {
      return {}
    }
  }
  const write = (all: Record<string, CachedProfile>): void => {
    try {
      fs.mkdirSync(folder, { recursive: true, mode: STORE_DIR_MODE })
      const temp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(temp, JSON.stringify(all), { mode: STORE_FILE_MODE })
      fs.renameSync(temp, file)
    } catch (error) {
      onError(error)
    }
  }
  return {
    get: (origin, email) => read()[keyOf(origin, email)] ?? null,
    set(origin, email, profile) {
      write({ ...read(), [keyOf(origin, email)]: profile })
    },
    delete(origin, email) {
      const all = read()
      delete all[keyOf(origin, email)]
      write(all)
    },
  }
}

/** A cache that lives as long as the process (tests, and the default). */
export function createMemoryProfileCache(): ProfileCache {
  const all = new Map<string, CachedProfile>()
  return {
    get: (origin, email) => all.get(keyOf(origin, email)) ?? null,
    set: (origin, email, profile) => void all.set(keyOf(origin, email), profile),
    delete: (origin, email) => void all.delete(keyOf(origin, email)),
  }
}
