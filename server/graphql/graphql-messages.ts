/**
 * graphql-core (Python) words its errors like graphql-js but quotes names with single quotes:
 * `Unknown argument 'username' on field 'Mutation.tokenAuth'.` This rewrites graphql-js messages
 * of the request-level kinds (syntax, validation, variable coercion) the way graphql-core prints
 * them. In validation messages a literal from the query keeps its double quotes, because
 * graphql-core prints it as GraphQL (`found "abc"`); variable values are Python reprs (`'abc'`).
 */
import type { GraphQLError, GraphQLFormattedError } from 'graphql'

/** Which stage produced the message. */
export type RequestErrorKind = 'syntax' | 'validation' | 'variables'

const QUOTED = /(found |value: )?"((?:[^"\\]|\\.)*)"/g

/** The graphql-core wording of a graphql-js message. */
export function graphqlCoreMessage(message: string, kind: RequestErrorKind): string {
  // graphql-js misspells its token-limit error ("more that"); graphql-core spells it right.
  if (kind === 'syntax')
    message = message.replace('Document contains more that ', 'Document contains more than ')
  return message.replace(QUOTED, (whole, prefix: string | undefined, inner: string) =>
    kind === 'validation' && prefix !== undefined ? whole : `${prefix ?? ''}'${inner}'`,
  )
}

/** A request-level GraphQLError as JSON, worded like graphql-core. */
export function coreErrorJson(error: GraphQLError, kind: RequestErrorKind): GraphQLFormattedError {
  return { ...error.toJSON(), message: graphqlCoreMessage(error.message, kind) }
}
