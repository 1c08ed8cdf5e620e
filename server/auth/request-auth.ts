/** Who a request is: django-graphql-jwt's credential lookup (header first, then the JWT cookie). */
import type { IncomingMessage } from 'node:http'
import type { ServerContext } from '../context'
import { nowSeconds } from '../context'
import { parseCookies } from './cookies'
import type { UserRow } from '../store/db'
import type { JwtPayload } from './jwt'
import { verifyJwt } from './jwt'

/** Name of the cookie that carries the JWT. */
export const JWT_COOKIE = 'JWT'

/** The outcome of reading a request's credentials. */
export type RequestAuth =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: UserRow; payload: JwtPayload }
  | { kind: 'invalid'; error: string }

/**
 * The token attached to a GraphQL request: `Authorization: JWT <token>`, else the JWT cookie.
 * Any other Authorization scheme (Bearer) is not ours, so the cookie is consulted instead.
 */
export function requestToken(req: IncomingMessage): string | null {
  const parts = (req.headers.authorization ?? '').split(/\s+/).filter(Boolean)
  if (parts.length === 2 && parts[0]!.toLowerCase() === 'jwt') return parts[1]!
  return parseCookies(req.headers.cookie).get(JWT_COOKIE) || null
}

/** Resolves a token to a user. A valid token of a deleted user is anonymous, as in graphql-jwt. */
export function authenticateToken(ctx: ServerContext, token: string | null): RequestAuth {
  if (token === null) return { kind: 'anonymous' }
  const verified = verifyJwt(token, ctx.secret, nowSeconds(ctx))
  if (!verified.ok) return { kind: 'invalid', error: verified.error }
  const user = ctx.store.userByEmail(verified.payload.email)
  return user ? { kind: 'user', user, payload: verified.payload } : { kind: 'anonymous' }
}
