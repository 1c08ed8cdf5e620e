/**
 * Finds user-facing words written as literals instead of catalogue keys: in .vue templates (text,
 * the attributes people read — aria-label, placeholder, title, alt, label — and string literals
 * inside interpolations and those attributes' bindings) and in scripts (a phrase: two words, or
 * text ending in an ellipsis). Keys passed to t()/text()/translate() and comparisons
 * (`kind === 'error'`) are code, not words. Non-words (symbols, numbers, one letter) and product
 * names pass.
 */
import ts from 'typescript'
import { parse as parseSfc } from 'vue/compiler-sfc'

export interface Literal {
  /** Where: `template`, `attribute aria-label`, `script`. */
  where: string
  text: string
}

/** Names read the same in every language. */
const NAMES = new Set(['EduSphere', 'EduSphere Desktop'])
/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'placeholder',
  'title',
  'alt',
  'label',
  'aria-description',
])
/** Calls whose first string argument is a message key. */
const KEY_CALLS = new Set(['t', 'text', 'translate', '$t'])

/** A word of two or more letters, i.e. something to translate. */
function hasWord(text: string): boolean {
  const trimmed = text.trim()
  return /\p{L}{2,}/u.test(trimmed) && !NAMES.has(trimmed)
}

/** A phrase, the bar for script literals (single words there are usually identifiers). */
function isPhrase(text: string): boolean {
  const trimmed = text.trim()
  // Message keys (`area.key`), selectors and markup are code.
  if (NAMES.has(trimmed) || /^[a-z][\w-]*(\.[\w-]+)+$/i.test(trimmed)) return false
  if (/[[\]=<>{}]/.test(trimmed)) return false
  return /\p{L}{2,}\S*\s+\S*\p{L}{2,}/u.test(trimmed) || /\p{L}{2,}…$/u.test(trimmed)
}

function isKeyArgument(node: ts.Node): boolean {
  const call = node.parent
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node) return false
  const callee = call.expression
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ''
  return KEY_CALLS.has(name)
}

function isComparisonOperand(node: ts.Node): boolean {
  const parent = node.parent
  if (!parent || !ts.isBinaryExpression(parent)) return false
  const op = parent.operatorToken.kind
  return (
    op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    op === ts.SyntaxKind.EqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsToken
  )
}

/** String literals of `code` (a TS module or one template expression) that read as words. */
export function scriptLiterals(code: string, strict: boolean, where = 'script'): Literal[] {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true)
  const found: Literal[] = []
  const judge = strict ? hasWord : isPhrase
  const visit = (node: ts.Node): void => {
    // Module names, types and keys are code.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) return
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const propertyKey =
        node.parent && ts.isPropertyAssignment(node.parent) && node.parent.name === node
      const elementKey = node.parent && ts.isElementAccessExpression(node.parent)
      if (
        !propertyKey &&
        !elementKey &&
        !isKeyArgument(node) &&
        !isComparisonOperand(node) &&
        judge(node.text)
      )
        found.push({ where, text: node.text })
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      const joined = parts.join(' ')
      if (judge(joined) && parts.some((p) => /\p{L}{2,}/u.test(p)))
        found.push({ where, text: parts.join('${…}') })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

interface TemplateNode {
  type: number
  content?: string | { content: string }
  children?: TemplateNode[]
  props?: Array<{
    type: number
    name: string
    value?: { content: string }
    arg?: { content: string }
    exp?: { content: string }
  }>
}

// @vue/compiler-core node types.
const ELEMENT = 1
const TEXT = 2
const INTERPOLATION = 5
const ATTRIBUTE = 6
const DIRECTIVE = 7

/** Every user-facing literal of one single-file component. */
export function vueLiterals(source: string): Literal[] {
  const { descriptor } = parseSfc(source)
  const found: Literal[] = []
  for (const block of [descriptor.script, descriptor.scriptSetup])
    if (block) found.push(...scriptLiterals(block.content, false))
  const walk = (node: TemplateNode): void => {
    if (node.type === TEXT && typeof node.content === 'string' && hasWord(node.content))
      found.push({ where: 'template', text: node.content.trim() })
    if (node.type === INTERPOLATION && typeof node.content === 'object')
      found.push(...scriptLiterals(node.content.content, true, 'interpolation'))
    if (node.type === ELEMENT)
      for (const prop of node.props ?? []) {
        if (prop.type === ATTRIBUTE && READ_ATTRIBUTES.has(prop.name) && prop.value)
          if (hasWord(prop.value.content))
            found.push({ where: `attribute ${prop.name}`, text: prop.value.content })
        if (
          prop.type === DIRECTIVE &&
          prop.name === 'bind' &&
          prop.arg &&
          READ_ATTRIBUTES.has(prop.arg.content) &&
          prop.exp
        )
          found.push(...scriptLiterals(prop.exp.content, true, `attribute ${prop.arg.content}`))
      }
    for (const child of node.children ?? []) walk(child)
  }
  if (descriptor.template?.ast) walk(descriptor.template.ast as unknown as TemplateNode)
  return found
}
