/** What every resolver receives: the server, the request, who sent it, and cookies to set. */
import { GraphQLError } from 'graphql'
import type { IncomingMessage } from 'node:http'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import type { RequestAuth } from '../auth/request-auth'
import type { ServerContext } from '../context'
import type { UserRow } from '../store/db'
import type { ResponseBudget } from './graphql-limits'

/** Per-request state the resolvers read and write (cookies to set on the response). */
export interface GqlContext {
  server: ServerContext
  req: IncomingMessage
  auth: RequestAuth
  setCookies: string[]
  /** What this response may still grow by (GraphQL limits). */
  budget: ResponseBudget
}

/** The signed-in user, or graphql-jwt's `login_required` failure. */
export function requireUser(ctx: GqlContext): UserRow {
  if (ctx.auth.kind !== 'user') throw new GraphQLError(GraphQLErrorText.permissionDenied)
  return ctx.auth.user
}
