import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { graphqlCoreMessage } from './graphql-messages'

describe('graphql-core wording', () => {
  const schema = buildSchema(
    'type Query { n(x: Int): Int } type Mutation { tokenAuth(email: String!, password: String!): Int }',
  )
  const messages = (query: string) =>
    validate(schema, parse(query)).map((e) => graphqlCoreMessage(e.message, 'validation'))

  it('quotes names with single quotes in validation messages', () => {
    expect(messages('mutation { tokenAuth(username: "a", password: "b") }')).toEqual([
      "Unknown argument 'username' on field 'Mutation.tokenAuth'.",
      "Field 'tokenAuth' argument 'email' of type 'String!' is required, but it was not provided.",
    ])
    expect(messages('{ nope }')).toEqual(["Cannot query field 'nope' on type 'Query'."])
  })

  it('keeps a query literal in double quotes, as graphql-core prints it as GraphQL', () => {
    expect(messages('{ n(x: "abc") }')).toEqual(['Int cannot represent non-integer value: "abc"'])
  })

  it('quotes tokens of syntax errors and values of variable errors with single quotes', () => {
    expect(graphqlCoreMessage('Syntax Error: Expected Name, found "}".', 'syntax')).toBe(
      "Syntax Error: Expected Name, found '}'.",
    )
    expect(
      graphqlCoreMessage(
        'Variable "$x" got invalid value "abc"; Int cannot represent non-integer value: "abc"',
        'variables',
      ),
    ).toBe("Variable '$x' got invalid value 'abc'; Int cannot represent non-integer value: 'abc'")
  })
})
