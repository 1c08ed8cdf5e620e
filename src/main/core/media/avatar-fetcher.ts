/**
 * Main fetches avatars for the renderer (whose CSP allows images from the app itself only): from
 * the signed-in server's /media/ and nowhere else, without cookies or the token, no redirects,
 * at most 2 MB, PNG/JPEG/GIF/WebP only (declared AND sniffed from the bytes), kept in a bounded
 * LRU cache so a history full of one author's messages costs one request.
 */
import { mediaUrlOf } from './avatar-path'

/** The image types an avatar may have (SVG is not one: it can carry script). */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type AvatarType = (typeof AVATAR_TYPES)[number]

/** An avatar's bytes with their sniffed type, or why there is none. */
export type AvatarResult =
  { ok: true; type: AvatarType; body: Uint8Array<ArrayBuffer> } | { ok: false; reason: string }

export interface AvatarFetcherOptions {
  /** The signed-in server's origin, or null when nobody is signed in. */
  origin: () => string | null
  fetch?: typeof fetch
  /** Epoch ms, for how long a failure is remembered. */
  now?: () => number
  maxBytes?: number
  maxEntries?: number
  maxCacheBytes?: number
  timeoutMs?: number
  /** A failed avatar is not asked for again within this time (each new row would ask). */
  failureTtlMs?: number
}

const MB = 1024 * 1024

const ascii = (bytes: Uint8Array, from: number, text: string): boolean =>
  [...text].every((c, i) => bytes[from + i] === c.charCodeAt(0))

/** The image type the bytes really are (magic numbers), or null. */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b))
    return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif'
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp'
  return null
}

interface Entry {
  result: AvatarResult
  bytes: number
  at: number
}

const fail = (reason: string): AvatarResult => ({ ok: false, reason })

/** Fetches and caches avatars of the signed-in server. */
export class AvatarFetcher {
  private readonly cache = new Map<string, Entry>()
  private readonly inflight = new Map<string, Promise<AvatarResult>>()
  private bytes = 0
  private readonly fetchImpl: typeof fetch
  private readonly now: () => number
  private readonly maxBytes: number
  private readonly maxEntries: number
  private readonly maxCacheBytes: number
  private readonly timeoutMs: number
  private readonly failureTtlMs: number

  constructor(private readonly opts: AvatarFetcherOptions) {
    this.fetchImpl = opts.fetch ?? fetch
    this.now = opts.now ?? Date.now
    // What the server itself accepts as an upload: a valid avatar is never refused.
    this.maxBytes = opts.maxBytes ?? 2 * MB
    this.maxEntries = opts.maxEntries ?? 256
    this.maxCacheBytes = opts.maxCacheBytes ?? 32 * MB
    this.timeoutMs = opts.timeoutMs ?? 10_000
    this.failureTtlMs = opts.failureTtlMs ?? 60_000
  }

  /** Cached entries (successes and remembered failures). */
  get size(): number {
    return this.cache.size
  }

  /** Bytes of image data held by the cache. */
  get cachedBytes(): number {
    return this.bytes
  }

  /** The avatar at a clean storage-relative path on the signed-in server. */
  get(path: string): Promise<AvatarResult> {
    const origin = this.opts.origin()
    if (!origin) return Promise.resolve(fail('nobody is signed in'))
    // The origin is part of the key: one server's avatar is never shown for another's path.
    const key = `${origin} ${path}`
    const hit = this.lookup(key)
    if (hit) return Promise.resolve(hit)
    let pending = this.inflight.get(key)
    if (!pending) {
      pending = this.download(mediaUrlOf(origin, path)).then((result) => {
        this.inflight.delete(key)
        this.store(key, result)
        return result
      })
      this.inflight.set(key, pending)
    }
    return pending
  }

  private lookup(key: string): AvatarResult | null {
    const entry = this.cache.get(key)
    if (!entry) return null
    this.cache.delete(key)
    if (!entry.result.ok && this.now() - entry.at > this.failureTtlMs) {
      this.bytes -= entry.bytes
      return null
    }
    this.cache.set(key, entry) // most recently used goes last
    return entry.result
  }

  private store(key: string, result: AvatarResult): void {
    const bytes = result.ok ? result.body.byteLength : 0
    const previous = this.cache.get(key)
    if (previous) this.bytes -= previous.bytes
    this.cache.delete(key)
    this.cache.set(key, { result, bytes, at: this.now() })
    this.bytes += bytes
    for (const [oldest, entry] of this.cache) {
      if (this.cache.size <= this.maxEntries && this.bytes <= this.maxCacheBytes) break
      this.cache.delete(oldest)
      this.bytes -= entry.bytes
    }
  }

  private async download(url: string): Promise<AvatarResult> {
    let response: Response
    try {
      response = await this.fetchImpl(url, {
        // A redirect could lead anywhere (a tracker): not followed. No cookies, no token.
        redirect: 'manual',
        credentials: 'omit',
        headers: { Accept: AVATAR_TYPES.join(', ') },
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      return fail(`cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`)
    }
    const refuse = (reason: string): AvatarResult => {
      void response.body?.cancel().catch(() => undefined)
      return fail(`${url}: ${reason}`)
    }
    if (response.status !== 200) return refuse(`HTTP ${response.status}`)
    const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
    if (!(AVATAR_TYPES as readonly string[]).includes(declared.toLowerCase()))
      return refuse(`not an image (${declared || 'no content type'})`)
    const length = Number(response.headers.get('content-length'))
    const tooLarge = `larger than ${this.maxBytes / MB} MB`
    if (length > this.maxBytes) return refuse(tooLarge)
    const body = await this.readCapped(response)
    if (body === 'too-large') return refuse(tooLarge)
    if (body === null) return fail(`${url}: the answer was cut off`)
    const type = sniffImageType(body)
    if (!type) return fail(`${url}: not a PNG, JPEG, GIF or WebP image`)
    return { ok: true, type, body }
  }

  /** Reads the body, stopping (and cancelling) as soon as it passes the cap. */
  private async readCapped(
    response: Response,
  ): Promise<Uint8Array<ArrayBuffer> | 'too-large' | null> {
    const reader = response.body?.getReader()
    if (!reader) return new Uint8Array()
    const chunks: Uint8Array[] = []
    let total = 0
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        total += value.byteLength
        if (total > this.maxBytes) {
          await reader.cancel().catch(() => undefined)
          return 'too-large'
        }
        chunks.push(value)
      }
    } catch {
      return null
    }
    const body = new Uint8Array(total)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.byteLength
    }
    return body
  }
}
