/**
 * Limits that keep one request from blocking the whole server (GraphQL and sockets share one event
 * loop): a token cap while parsing, alias and depth caps before the standard validation (whose
 * overlapping-fields rule is quadratic), and a response-size budget while executing. No client of
 * the real backend comes near them: the app's operations use no aliases and nest 3 levels at most.
 */
import type {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLFieldResolver,
  GraphQLSchema,
  SelectionSetNode,
  ValidationContext,
} from 'graphql'
import { defaultFieldResolver, GraphQLError, isObjectType, Kind } from 'graphql'

/** The caps; see EduSphereServerOptions.graphqlLimits. */
export interface GraphQLLimits {
  /** Lexical tokens in one document (graphql-core's `max_tokens`). */
  maxTokens: number
  /** Aliased fields in one document, fragments included. */
  maxAliases: number
  /** Deepest field below the top level (graphene's depth_limit_validator counts the same way). */
  maxDepth: number
  /** Estimated JSON size of one response's data. */
  maxResponseBytes: number
}

export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxTokens: 5000,
  maxAliases: 30,
  maxDepth: 10,
  maxResponseBytes: 5 * 1024 * 1024,
}

/** "5 MB (5242880 bytes)" for whole megabytes, else the byte count. */
function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return Number.isInteger(mb) ? `${mb} MB (${bytes} bytes)` : `${bytes} bytes`
}

/** Counts every aliased field of the document (an alias is how one field is asked for twice). */
export function maxAliasesRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0
    return {
      Field(node) {
        if (node.alias) count++
      },
      Document: {
        leave() {
          if (count > max)
            context.reportError(
              new GraphQLError(`The document uses ${count} aliases; at most ${max} are allowed.`),
            )
        },
      },
    }
  }
}

/**
 * graphene's depth_limit_validator, except that introspection fields count too: this schema has
 * no cycle deeper than 3 levels, so `__type { ofType { ofType … } }` is what nests without end.
 */
export function maxDepthRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of context.getDocument().definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition)

    /** True when some field sits deeper than `max`; `seen` stops fragment cycles (reported elsewhere). */
    const tooDeep = (set: SelectionSetNode, depth: number, seen: Set<string>): boolean => {
      if (depth > max) return true
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.selectionSet && tooDeep(selection.selectionSet, depth + 1, seen))
            return true
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (tooDeep(selection.selectionSet, depth, seen)) return true
        } else {
          const name = selection.name.value
          const fragment = fragments.get(name)
          if (!fragment || seen.has(name)) continue
          seen.add(name)
          const deep = tooDeep(fragment.selectionSet, depth, seen)
          seen.delete(name)
          if (deep) return true
        }
      }
      return false
    }

    return {
      OperationDefinition(node) {
        // Top-level fields are at depth 0.
        const deep = tooDeep(node.selectionSet, 0, new Set())
        if (deep) {
          const name = node.name?.value ?? 'anonymous'
          context.reportError(
            new GraphQLError(`'${name}' exceeds maximum operation depth of ${max}.`, {
              nodes: [node],
            }),
          )
        }
        return false
      },
    }
  }
}

/** Per-request size accounting; `exceeded` turns every later resolver into an immediate error. */
export class ResponseBudget {
  private used = 0
  exceeded = false
  constructor(readonly maxBytes: number) {}

  /** Adds a field's estimated JSON size; throws once the budget is spent. */
  charge(bytes: number): void {
    this.used += bytes
    if (this.used > this.maxBytes) {
      this.exceeded = true
      throw this.error()
    }
  }

  error(): GraphQLError {
    return new GraphQLError(
      `The response would be larger than ${describeBytes(this.maxBytes)}; ask for fewer fields or items.`,
    )
  }
}

/** A rough JSON size of a resolved value: exact enough to stop an 18 MB answer near 5 MB. */
function estimateBytes(value: unknown): number {
  if (typeof value === 'string') return value.length + 2
  if (Array.isArray(value)) return 2 + value.length
  if (value === null || value === undefined) return 4
  if (typeof value === 'object') return 2
  return 8
}

/**
 * Wraps every field of the schema's own types (introspection is bounded by the depth and alias
 * rules) so each resolved value is charged to `context.budget` before graphql-js goes deeper.
 */
export function chargeResponseSize(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, { budget?: ResponseBudget }> =
        field.resolve ?? defaultFieldResolver
      const key = field.name.length + 4
      field.resolve = (source, args, context, info) => {
        const budget = context.budget
        if (!budget) return resolve(source, args, context, info)
        if (budget.exceeded) throw budget.error()
        const value: unknown = resolve(source, args, context, info)
        if (value instanceof Promise)
          return value.then((v: unknown) => {
            budget.charge(key + estimateBytes(v))
            return v
          })
        budget.charge(key + estimateBytes(value))
        return value
      }
    }
  }
  return schema
}
