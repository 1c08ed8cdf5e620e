/**
 * HS256 JSON Web Tokens with django-graphql-jwt's payload `{email, exp, origIat}` and its error
 * texts. Tiny on purpose: one algorithm, one key, constant-time signature check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'

/** What a token carries (integer Unix seconds). */
export interface JwtPayload {
  email: string
  exp: number
  origIat: number
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

const PayloadSchema = z.object({
  email: z.string().min(1),
  exp: z.number().int(),
  origIat: z.number().int(),
})
const HeaderSchema = z.object({ alg: z.literal('HS256') })

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest()
}

/** Signs a payload into a compact JWT. */
export function signJwt(payload: JwtPayload, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(payload))}`
  return `${body}.${sign(body, secret).toString('base64url')}`
}

/** Why a token was refused, as the real server words it. */
export type JwtFailure =
  | typeof GraphQLErrorText.decodingError
  | typeof GraphQLErrorText.signatureExpired
  | 'Invalid payload'

/** Verify result: the payload, or the server's error text. */
export type JwtResult = { ok: true; payload: JwtPayload } | { ok: false; error: JwtFailure }

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

/**
 * Verifies signature then expiry (PyJWT's order: a forged expired token is a decoding error).
 * `nowSeconds` is compared like PyJWT: expired once `exp <= now`.
 */
export function verifyJwt(token: string, secret: string, nowSeconds: number): JwtResult {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, error: GraphQLErrorText.decodingError }
  const [head, body, sig] = parts as [string, string, string]
  if (!HeaderSchema.safeParse(parseJson(head)).success)
    return { ok: false, error: GraphQLErrorText.decodingError }
  const expected = sign(`${head}.${body}`, secret)
  const given = Buffer.from(sig, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, error: GraphQLErrorText.decodingError }
  const raw = parseJson(body)
  const exp = (raw as { exp?: unknown } | undefined)?.exp
  if (typeof exp === 'number' && exp <= nowSeconds)
    return { ok: false, error: GraphQLErrorText.signatureExpired }
  const payload = PayloadSchema.safeParse(raw)
  if (!payload.success) return { ok: false, error: 'Invalid payload' }
  return { ok: true, payload: payload.data }
}
