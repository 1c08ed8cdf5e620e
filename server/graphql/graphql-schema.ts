/**
 * The GraphQL schema, built from the real backend's introspected SDL (`src/shared/edusphere.graphql`)
 * so the local server offers exactly the real fields, arguments and nullability. Only the custom
 * scalars' behaviour is ours; resolvers are attached separately.
 */
import { buildSchema, GraphQLError, GraphQLScalarType, Kind } from 'graphql'
import type { GraphQLSchema } from 'graphql'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isUuid } from '../../src/shared/frames'
import { toPythonIsoformat } from '../python-format'

/** Where the contract lives (resolved from this file, so any working directory works). */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'src', 'shared', 'edusphere.graphql')

/** The real backend's SDL, as committed. */
export function readEduSphereSdl(): string {
  return readFileSync(SCHEMA_FILE, 'utf8')
}

/** Python's uuid.UUID() error for anything that is not 32 hex digits (with optional hyphens). */
const BAD_UUID = 'badly formed hexadecimal UUID string'

const UUIDScalar = new GraphQLScalarType({
  name: 'UUID',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (!isUuid(value)) throw new GraphQLError(BAD_UUID)
    return value.toLowerCase()
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isUuid(ast.value)) throw new GraphQLError(BAD_UUID)
    return ast.value.toLowerCase()
  },
})

/** Stored timestamps are epoch microseconds; the wire form is Python isoformat. */
const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (typeof value === 'number' ? toPythonIsoformat(value) : String(value)),
})

/** Any JSON value, passed through (graphene's GenericScalar, used for token payloads). */
const GenericScalar = new GraphQLScalarType({ name: 'GenericScalar', serialize: (value) => value })

/**
 * graphene-file-upload's Upload: the multipart layer puts the file where the variable was, and
 * the scalar passes it through. Anything else (a string in plain JSON variables) reaches the
 * resolver as-is, which then answers with Django's "No file was submitted" form error.
 */
const UploadScalar = new GraphQLScalarType({
  name: 'Upload',
  serialize: () => null,
  parseValue: (value) => value,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : null),
})

/** Builds the schema with its custom scalars installed; resolvers are attached separately. */
export function buildEduSphereSchema(sdl: string = readEduSphereSdl()): GraphQLSchema {
  const schema = buildSchema(sdl)
  for (const scalar of [UUIDScalar, DateTimeScalar, GenericScalar, UploadScalar]) {
    const target = schema.getType(scalar.name)
    if (!(target instanceof GraphQLScalarType))
      throw new Error(`the schema has no scalar ${scalar.name}`)
    target.serialize = scalar.serialize
    target.parseValue = scalar.parseValue
    target.parseLiteral = scalar.parseLiteral
  }
  return schema
}
