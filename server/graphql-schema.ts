/** The GraphQL schema, with graphene's type names and nullability for the fields clients use. */
import { buildSchema, GraphQLError, GraphQLScalarType, Kind } from 'graphql'
import type { GraphQLSchema } from 'graphql'
import { isUuid } from '../src/shared/frames'
import { toPythonIsoformat } from './python-format'

const SDL = /* GraphQL */ `
  scalar UUID
  scalar DateTime
  scalar GenericScalar

  type UserType {
    id: ID!
    username: String!
    email: String!
    name: String
    avatar: String!
  }
  type TopicType {
    id: ID!
    name: String!
  }
  type RoomType {
    id: UUID!
    host: UserType
    topic: TopicType
    name: String!
    slug: String!
    description: String
    participants: [UserType!]!
    created: DateTime!
    updated: DateTime!
  }
  type MessageType {
    id: UUID!
    user: UserType!
    room: RoomType!
    body: String!
    edited: Boolean!
    created: DateTime!
    updated: DateTime!
  }

  type ObtainJSONWebToken {
    payload: GenericScalar!
    refreshExpiresIn: Int!
    success: Boolean
    user: UserType
    token: String!
  }
  type Refresh {
    payload: GenericScalar!
    refreshExpiresIn: Int!
    token: String!
  }
  type Verify {
    payload: GenericScalar!
  }
  type DeleteJSONWebTokenCookie {
    deleted: Boolean!
  }
  type JoinRoom {
    room: RoomType
  }
  type CreateRoom {
    room: RoomType
  }
  type RegisterUser {
    user: UserType
  }

  type Query {
    me: UserType
    roomsParticipatedByUser(userSlug: String!): [RoomType]
    rooms(hostSlug: String, search: String, topic: String): [RoomType]
    room(hostSlug: String!, roomSlug: String!): RoomType
    messages(hostSlug: String!, roomSlug: String!): [MessageType]
    topics: [TopicType]
  }
  type Mutation {
    tokenAuth(email: String!, password: String!): ObtainJSONWebToken
    verifyToken(token: String): Verify
    refreshToken(token: String): Refresh
    deleteToken: DeleteJSONWebTokenCookie
    joinRoom(hostSlug: String!, roomSlug: String!): JoinRoom
    createRoom(name: String!, topic: String, description: String): CreateRoom
    registerUser(email: String!, username: String!, name: String, password: String!): RegisterUser
  }
`

const UUIDScalar = new GraphQLScalarType({
  name: 'UUID',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (!isUuid(value)) throw new GraphQLError(`badly formed hexadecimal UUID string`)
    return value.toLowerCase()
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isUuid(ast.value))
      throw new GraphQLError('badly formed hexadecimal UUID string')
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

/** Builds the schema with its custom scalars installed; resolvers are attached separately. */
export function buildEduSphereSchema(): GraphQLSchema {
  const schema = buildSchema(SDL)
  const scalars = [UUIDScalar, DateTimeScalar, GenericScalar]
  for (const scalar of scalars) {
    const target = schema.getType(scalar.name) as GraphQLScalarType
    target.serialize = scalar.serialize
    target.parseValue = scalar.parseValue
    target.parseLiteral = scalar.parseLiteral
  }
  return schema
}
