/**
 * scrypt password hashes: `scrypt$N$r$p$salt$hash`, never a plain password on disk. Each hash keeps
 * its own parameters, so hashes made at an older cost still verify (and are upgraded by the caller
 * on the next successful sign-in).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** OWASP's scrypt cost for new hashes (N=2^17, r=8, p=1): 128 MiB and about a second of work. */
export const SCRYPT_COST = 2 ** 17
const R = 8
const P = 1
const KEY_LENGTH = 32
/** Largest N accepted from a stored hash (1 GiB at r=8): a corrupt row must not exhaust memory. */
const MAX_STORED_COST = 2 ** 20

/** One hash's scrypt parameters. */
export interface ScryptParams {
  N: number
  r: number
  p: number
}

/** Runs scrypt; replaceable so tests can count the runs. */
export type DeriveFn = (password: string, salt: Buffer, params: ScryptParams) => Promise<Buffer>

/** The real scrypt, with `maxmem` sized for the parameters (Node's 32 MiB default is too small). */
export const scryptDerive: DeriveFn = (password, salt, { N, r, p }) =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })

export interface PasswordHasherOptions {
  /** N for new hashes. Default SCRYPT_COST; tests pass a lower one to stay fast. */
  cost?: number
  derive?: DeriveFn
  /** scrypt runs at once (each holds 128·N·r bytes); more wait their turn. Default 2. */
  maxConcurrent?: number
}

interface ParsedHash {
  params: ScryptParams
  salt: Buffer
  key: Buffer
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0
  if (!powerOfTwo || N > MAX_STORED_COST) return null
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16)
    return null
  const salt = Buffer.from(parts[4]!, 'base64')
  const key = Buffer.from(parts[5]!, 'base64')
  if (salt.length === 0 || key.length === 0) return null
  return { params: { N, r, p }, salt, key }
}

function format({ N, r, p }: ScryptParams, salt: Buffer, key: Buffer): string {
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** Hashes and verifies passwords at one configured cost. */
export class PasswordHasher {
  readonly params: ScryptParams
  /**
   * A well-formed hash of no password (random salt and key, at the current parameters): verifying
   * an unknown account against it costs the same scrypt run as a wrong password.
   */
  readonly dummyHash: string
  private readonly derive: DeriveFn
  private readonly maxConcurrent: number
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(opts: PasswordHasherOptions = {}) {
    this.params = { N: opts.cost ?? SCRYPT_COST, r: R, p: P }
    this.derive = opts.derive ?? scryptDerive
    this.maxConcurrent = opts.maxConcurrent ?? 2
    this.dummyHash = format(this.params, randomBytes(16), randomBytes(KEY_LENGTH))
  }

  /** Hashes a password with a fresh random salt. Async so sign-ins never stall the chat loop. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16)
    return format(this.params, salt, await this.run(password, salt, this.params))
  }

  /** True when `password` matches the stored hash; false (without scrypt) for a malformed one. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored)
    if (!parsed) return false
    const key = await this.run(password, parsed.salt, parsed.params)
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
  }

  /** True when a hash is weaker than what this hasher makes (never true for a stronger one). */
  needsUpgrade(stored: string): boolean {
    const parsed = parseHash(stored)
    if (!parsed) return false
    const { N, r, p } = parsed.params
    return N * r * p < this.params.N * this.params.r * this.params.p
  }

  private async run(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
    // A finishing run hands its slot straight to the next waiter, so at most maxConcurrent run.
    if (this.running >= this.maxConcurrent)
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.running++
    try {
      return await this.derive(password, salt, params)
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}
