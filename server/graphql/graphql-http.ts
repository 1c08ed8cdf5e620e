/**
 * POST/GET /graphql/ as graphene-django's GraphQLView answers it: `{"errors": [...], "data": ...}`,
 * 400 for requests that never reached execution, ASCII-only compact JSON.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql'
import type { GraphQLError } from 'graphql'
import { execute, getOperationAST, parse, specifiedRules, validate } from 'graphql'
import type { IncomingMessage } from 'node:http'
import { z } from 'zod'
import { authenticateToken, requestToken } from '../auth/request-auth'
import type { ServerContext } from '../context'
import { coreErrorJson, graphqlCoreMessage } from './graphql-messages'
import type { GraphQLLimits } from './graphql-limits'
import {
  chargeResponseSize,
  DEFAULT_GRAPHQL_LIMITS,
  maxAliasesRule,
  maxDepthRule,
  ResponseBudget,
} from './graphql-limits'
import { buildEduSphereSchema } from './graphql-schema'
import type { GqlContext } from './resolver-context'
import { attachResolvers } from './resolvers'

/** What the view answers: status, JSON body and cookies to set. */
export interface GraphQLHttpResult {
  status: number
  body: string
  setCookies: string[]
}

const ParamsSchema = z.object({
  query: z.string().optional().nullable(),
  variables: z.record(z.string(), z.unknown()).optional().nullable(),
  operationName: z.string().optional().nullable(),
})
type Params = z.infer<typeof ParamsSchema>

/** JSON.stringify with Python's ensure_ascii: non-ASCII only ever appears inside strings. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  )
}

function failure(status: number, message: string): GraphQLHttpResult {
  return { status, body: asciiJson({ errors: [{ message }] }), setCookies: [] }
}

/** Builds the executable schema once and returns the request handler. */
export function createGraphQLView(
  server: ServerContext,
  limits: GraphQLLimits = DEFAULT_GRAPHQL_LIMITS,
) {
  const schema: GraphQLSchema = chargeResponseSize(attachResolvers(buildEduSphereSchema()))
  const limitRules = [maxAliasesRule(limits.maxAliases), maxDepthRule(limits.maxDepth)]

  /**
   * Runs one request. `rawBody` is null for GET (params come from the query string), or the
   * already decoded request of a multipart upload.
   */
  return async function run(
    req: IncomingMessage,
    rawBody: string | null | { decoded: unknown },
    search: URLSearchParams,
  ): Promise<GraphQLHttpResult> {
    let input: unknown
    if (rawBody !== null && typeof rawBody === 'object') input = rawBody.decoded
    else if (rawBody === null) {
      let variables: unknown = undefined
      try {
        variables = search.has('variables') ? JSON.parse(search.get('variables')!) : undefined
      } catch {
        return failure(400, 'Variables are invalid JSON.')
      }
      input = { query: search.get('query'), variables, operationName: search.get('operationName') }
    } else {
      try {
        input = JSON.parse(rawBody)
      } catch {
        return failure(400, 'POST body sent invalid JSON.')
      }
    }
    if (Array.isArray(input)) return failure(400, 'Batch GraphQL requests are not enabled.')
    const checked = ParamsSchema.safeParse(input)
    if (!checked.success) return failure(400, 'Variables are invalid JSON.')
    const params: Params = checked.data
    if (!params.query) return failure(400, 'Must provide query string.')

    let document: DocumentNode
    try {
      document = parse(params.query, { maxTokens: limits.maxTokens })
    } catch (error) {
      return failure(400, graphqlCoreMessage((error as GraphQLError).message, 'syntax'))
    }
    // The cheap caps first: the standard rules are quadratic on repeated fields.
    const limitErrors = validate(schema, document, limitRules)
    const validationErrors = limitErrors.length
      ? limitErrors
      : validate(schema, document, specifiedRules)
    if (validationErrors.length > 0)
      return {
        status: 400,
        body: asciiJson({ errors: validationErrors.map((e) => coreErrorJson(e, 'validation')) }),
        setCookies: [],
      }
    const operation = getOperationAST(document, params.operationName ?? undefined)
    if (rawBody === null && operation?.operation === 'mutation')
      return failure(405, 'Can only perform a mutation operation from a POST request.')

    const context: GqlContext = {
      server,
      req,
      auth: authenticateToken(server, requestToken(req)),
      setCookies: [],
      budget: new ResponseBudget(limits.maxResponseBytes),
    }
    const result = await execute({
      schema,
      document,
      contextValue: context,
      variableValues: params.variables ?? undefined,
      operationName: params.operationName ?? undefined,
    })
    if (context.budget.exceeded)
      return {
        status: 200,
        body: asciiJson({ errors: [{ message: context.budget.error().message }], data: null }),
        setCookies: context.setCookies,
      }
    const errors = result.errors ?? []
    // Errors without a path never reached a resolver (bad variables, unknown operation): 400.
    if (errors.some((e) => !e.path))
      return {
        status: 400,
        body: asciiJson({ errors: errors.map((e) => coreErrorJson(e, 'variables')) }),
        setCookies: [],
      }
    // A bad attached token fails every field on its own: `data` keeps one null per field.
    const data: unknown = result.data ?? null
    const body = errors.length ? { errors: errors.map((e) => e.toJSON()), data } : { data }
    return { status: 200, body: asciiJson(body), setCookies: context.setCookies }
  }
}
