import { buildSchema, graphql, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { chargeResponseSize, maxAliasesRule, maxDepthRule, ResponseBudget } from './graphql-limits'

const schema = buildSchema(
  'type Query { list: [Item!] n: Int } type Item { s: String, item: Item }',
)
const errors = (query: string) =>
  validate(schema, parse(query), [maxAliasesRule(2), maxDepthRule(2)]).map((e) => e.message)

describe('alias and depth rules', () => {
  it('count aliases in fragments too', () => {
    expect(errors('{ a: n ...F } fragment F on Query { b: n c: n }')).toEqual([
      'The document uses 3 aliases; at most 2 are allowed.',
    ])
    expect(errors('{ a: n b: n }')).toEqual([])
  })

  it('measure depth through inline fragments and spreads, naming the operation', () => {
    expect(errors('{ list { item { s } } }')).toEqual([])
    expect(errors('query Q { list { item { item { s } } } }')).toEqual([
      "'Q' exceeds maximum operation depth of 2.",
    ])
    expect(
      errors('{ list { ... on Item { item { ...F } } } } fragment F on Item { item { s } }'),
    ).toEqual(["'anonymous' exceeds maximum operation depth of 2."])
  })

  it('terminate on a fragment cycle (the standard rules report it)', () => {
    expect(errors('{ list { ...F } } fragment F on Item { ...F }')).toEqual([])
  })
})

describe('response budget', () => {
  it('stops resolving once the budget is spent', async () => {
    let calls = 0
    const big = chargeResponseSize(
      buildSchema('type Query { list: [Item!] } type Item { s: String }'),
    )
    const rootValue = {
      list: () => Array.from({ length: 1000 }, () => ({ s: () => (calls++, 'x'.repeat(100)) })),
    }
    const budget = new ResponseBudget(10_000)
    const result = await graphql({
      schema: big,
      source: '{ list { s } }',
      rootValue,
      contextValue: { budget },
    })
    expect(budget.exceeded).toBe(true)
    expect(calls).toBeLessThan(100)
    expect(result.errors?.[0]?.message).toBe(
      'The response would be larger than 10000 bytes; ask for fewer fields or items.',
    )
  })
})
