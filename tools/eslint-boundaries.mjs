/**
 * A local ESLint rule, `boundaries/imports`: who may import what, by folder. Each zone names the
 * files it covers (a regex on the repo-relative path) and what they may not import. Relative
 * specifiers are resolved against the importing file, so a climb into main/ is caught from any depth,
 * which glob patterns on the raw specifier cannot do. Every zone covering a file applies.
 *
 * Zone options (all regexes are strings, matched against repo-relative paths without extension for
 * relative imports, and against the specifier itself for packages):
 *   files, except        which files the zone covers
 *   message              why the boundary exists (printed with each error)
 *   forbid               targets (paths or package names) that may not be imported
 *   builtins: false      no Node built-ins, bare (`fs`) or prefixed (`node:fs`)
 *   allowOnly            the only targets allowed; everything else is an error
 *   typeOnly             targets that may be imported with `import type` only; `typeOnlyExcept` lifts it
 *   valueImportsOnly     the zone ignores `import type` (erased at compile time, never loaded)
 */
import { isBuiltin } from 'node:module'
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const toPosix = (path) => path.split(sep).join('/')
const anyOf = (patterns) => (patterns ?? []).map((p) => new RegExp(p))
const matches = (regexes, text) => regexes.some((r) => r.test(text))

/** The repo-relative path (for relative specifiers) or the specifier (packages). */
function targetOf(filename, specifier) {
  if (!specifier.startsWith('.')) return { target: specifier, packageName: true }
  const absolute = resolve(dirname(filename), specifier)
  return {
    target: toPosix(relative(root, absolute)).replace(/\.(ts|mts|cts|vue|mjs|cjs|js)$/, ''),
    packageName: false,
  }
}

function compileZone(zone) {
  return {
    ...zone,
    files: new RegExp(zone.files),
    except: anyOf(zone.except),
    forbid: anyOf(zone.forbid),
    allowOnly: zone.allowOnly ? anyOf(zone.allowOnly) : undefined,
    typeOnly: anyOf(zone.typeOnly),
    typeOnlyExcept: anyOf(zone.typeOnlyExcept),
  }
}

/** Why `specifier` breaks `zone`, or undefined when it is fine. */
function violation(zone, filename, specifier, typeOnly) {
  if (typeOnly && zone.valueImportsOnly) return undefined
  const { target, packageName } = targetOf(filename, specifier)
  const builtin = packageName && isBuiltin(specifier)
  if (builtin && zone.builtins === false) return `Node built-in '${specifier}'`
  if (matches(zone.forbid, target)) return `'${specifier}'`
  if (zone.allowOnly && !matches(zone.allowOnly, target))
    return `'${specifier}' (not on the allow list)`
  if (!typeOnly && matches(zone.typeOnly, target) && !matches(zone.typeOnlyExcept, target))
    return `a value import of '${specifier}' (only \`import type\` is allowed)`
  return undefined
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Folder boundaries: which folders and packages each part of the tree may import.',
    },
    schema: [{ type: 'array', items: { type: 'object' } }],
    messages: { crossed: '{{zone}}: {{what}} crosses the boundary. {{why}}' },
  },
  create(context) {
    const file = toPosix(relative(root, context.filename))
    const zones = (context.options[0] ?? [])
      .map(compileZone)
      .filter((z) => z.files.test(file) && !matches(z.except, file))
    if (zones.length === 0) return {}

    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== 'string') return
      for (const zone of zones) {
        const what = violation(zone, context.filename, source.value, typeOnly)
        if (what)
          context.report({
            node,
            messageId: 'crossed',
            data: { zone: zone.name, what, why: zone.message },
          })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
    }
  },
}

/** The plugin, registered as `boundaries` in eslint.config.mjs. */
export default { meta: { name: 'boundaries' }, rules: { imports: importsRule } }
