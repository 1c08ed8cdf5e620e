/**
 * The local server's schema is the real backend's, exactly: printed (sorted), it equals the
 * committed introspection SDL — same types, fields, arguments, nullability and scalars.
 */
import type { GraphQLObjectType } from 'graphql'
import {
  buildSchema,
  GraphQLScalarType,
  lexicographicSortSchema,
  parse,
  printSchema,
  validate,
} from 'graphql'
import { describe, expect, it } from 'vitest'
import { buildEduSphereSchema, readEduSphereSdl } from './graphql-schema'
import { attachResolvers } from './resolvers'

const printed = (schema: ReturnType<typeof buildSchema>) =>
  printSchema(lexicographicSortSchema(schema))

describe('the server schema', () => {
  const contract = buildSchema(readEduSphereSdl())
  const served = attachResolvers(buildEduSphereSchema())

  it('prints identically to src/shared/edusphere.graphql', () => {
    expect(printed(served)).toBe(printed(contract))
  })

  it('installs behaviour for the four custom scalars', () => {
    for (const name of ['UUID', 'DateTime', 'GenericScalar', 'Upload']) {
      const scalar = served.getType(name)
      expect(scalar).toBeInstanceOf(GraphQLScalarType)
      expect((scalar as GraphQLScalarType).serialize).not.toBe(
        (contract.getType(name) as GraphQLScalarType).serialize,
      )
    }
  })

  it('has a resolver for every query and mutation', () => {
    for (const root of [served.getQueryType(), served.getMutationType()]) {
      for (const field of Object.values((root as GraphQLObjectType).getFields()))
        expect(field.resolve, `${root!.name}.${field.name}`).toBeTypeOf('function')
    }
  })

  it('refuses what the real server refuses: no UserType.email, no joinRoom(roomId)', () => {
    const errors = (query: string) => validate(served, parse(query)).map((e) => e.message)
    expect(errors('{ me { email } }')).toEqual(['Cannot query field "email" on type "UserType".'])
    expect(errors('mutation { joinRoom(roomId: "x") { room { id } } }')).toContain(
      'Unknown argument "roomId" on field "Mutation.joinRoom".',
    )
    expect(
      errors('mutation { joinRoom(hostSlug: "alice", roomSlug: "general") { room { id } } }'),
    ).toEqual([])
  })

  it('detects drift: a schema with one extra field does not print the same', () => {
    const extra = buildEduSphereSchema(
      readEduSphereSdl().replace('type UserType {', 'type UserType {\n  email: String!'),
    )
    expect(printed(extra)).not.toBe(printed(contract))
  })
})
