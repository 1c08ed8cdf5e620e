/**
 * django-graphql-jwt's mutations: tokenAuth, refreshToken, verifyToken, deleteToken and
 * deleteRefreshToken, with its error texts and cookies (docs/protocol.md §2).
 */
import { GraphQLError } from 'graphql'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import { JWT_COOKIE } from '../auth/request-auth'
import { nowSeconds } from '../context'
import { expiredCookie, parseCookies, serializeCookie } from '../auth/cookies'
import { csrfCookie, newCsrfSecret } from '../auth/csrf'
import { signJwt, verifyJwt } from '../auth/jwt'
import { tooManyAttemptsText } from '../auth/sign-in-throttle'
import type { JwtPayload } from '../auth/jwt'
import type { GqlContext } from './resolver-context'

/** Name of graphql-jwt's refresh-token cookie (long-running refresh tokens; unused here). */
export const REFRESH_COOKIE = 'JWT-refresh-token'

/** Issues a token's response fields and the cookies tokenAuth/refreshToken set. */
function issueToken(ctx: GqlContext, email: string, origIat: number) {
  const { server } = ctx
  const payload: JwtPayload = { email, exp: nowSeconds(server) + server.tokenTtl, origIat }
  const token = signJwt(payload, server.secret)
  ctx.setCookies.push(
    serializeCookie(JWT_COOKIE, token, {
      maxAge: server.tokenTtl,
      httpOnly: true,
      sameSite: 'Lax',
    }),
    // Django's rotate_token: the old CSRF secret stops matching the client's new cookie.
    csrfCookie(newCsrfSecret()),
  )
  return { token, payload, refreshExpiresIn: origIat + server.refreshTtl }
}

/** The token argument, else the JWT cookie, else graphql-jwt's "Token is required". */
function tokenArgument(ctx: GqlContext, args: Record<string, unknown>): string {
  const token =
    typeof args.token === 'string' && args.token !== ''
      ? args.token
      : parseCookies(ctx.req.headers.cookie).get(JWT_COOKIE)
  if (!token) throw new GraphQLError(GraphQLErrorText.tokenRequired)
  return token
}

function verifiedPayload(ctx: GqlContext, token: string): JwtPayload {
  const result = verifyJwt(token, ctx.server.secret, nowSeconds(ctx.server))
  if (!result.ok) throw new GraphQLError(result.error)
  return result.payload
}

export async function tokenAuth(ctx: GqlContext, args: Record<string, unknown>) {
  const { store, passwords, signIns } = ctx.server
  const email = String(args.email)
  const password = String(args.password)
  const attempt = signIns.attempt(email, ctx.req.socket.remoteAddress ?? '')
  if (!attempt.allowed)
    throw new GraphQLError(tooManyAttemptsText(attempt.retryAfterMs), {
      extensions: { code: 'TOO_MANY_ATTEMPTS' },
    })
  const user = store.userByEmail(email)
  // An unknown email runs the same scrypt as a wrong password: timing tells no one who has an account.
  const ok = await passwords.verify(password, user?.password ?? passwords.dummyHash)
  if (!ok || !user) throw new GraphQLError(GraphQLErrorText.invalidCredentials)
  attempt.succeeded()
  if (passwords.needsUpgrade(user.password))
    store.setPassword(user.id, await passwords.hash(password))
  return { ...issueToken(ctx, user.email, nowSeconds(ctx.server)), success: true, user }
}

export function refreshToken(ctx: GqlContext, args: Record<string, unknown>) {
  const payload = verifiedPayload(ctx, tokenArgument(ctx, args))
  if (!ctx.server.store.userByEmail(payload.email)) throw new GraphQLError('Invalid payload')
  if (nowSeconds(ctx.server) > payload.origIat + ctx.server.refreshTtl)
    throw new GraphQLError(GraphQLErrorText.refreshExpired)
  return issueToken(ctx, payload.email, payload.origIat)
}

export function verifyToken(ctx: GqlContext, args: Record<string, unknown>) {
  return { payload: verifiedPayload(ctx, tokenArgument(ctx, args)) }
}

/** Clears the JWT cookie; `deleted` says whether the request carried one. */
export function deleteToken(ctx: GqlContext) {
  const had = parseCookies(ctx.req.headers.cookie).has(JWT_COOKIE)
  ctx.setCookies.push(expiredCookie(JWT_COOKIE))
  return { deleted: had }
}

/** Clears the refresh-token cookie; the real server answers `deleted: false`. */
export function deleteRefreshToken(ctx: GqlContext) {
  ctx.setCookies.push(expiredCookie(REFRESH_COOKIE))
  return { deleted: false }
}
