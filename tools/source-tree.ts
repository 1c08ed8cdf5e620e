/**
 * The project's source tree as data: its source files, and the graph of relative imports between
 * them (read with the TypeScript compiler's pre-processor, .vue files through their <script>
 * blocks). Used by source-tree.test.ts to keep folders small and the import graph acyclic.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** Repository root. */
export const repoRoot = resolve(__dirname, '..')

/** Top-level folders holding code. */
export const SOURCE_ROOTS = ['src', 'server', 'bench', 'soak', 'tools', 'e2e']

const CODE = /\.(ts|mts|cts|vue|mjs|cjs)$/
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results'])

const toPosix = (path: string) => path.split(sep).join('/')

/** Every code file under the source roots, repo-relative with forward slashes. */
export function codeFiles(root = repoRoot): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(path)
      } else if (CODE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) {
        found.push(toPosix(relative(root, path)))
      }
    }
  }
  for (const top of SOURCE_ROOTS) if (existsSync(join(root, top))) walk(join(root, top))
  return found.sort()
}

/** Source files in the folder-size sense: non-test .ts and .vue. */
export function isSourceFile(file: string): boolean {
  return /\.(ts|vue)$/.test(file) && !/\.(test|spec)\.ts$/.test(file) && !file.endsWith('.d.ts')
}

/** Folder -> how many source files it holds directly. */
export function folderSizes(files: string[]): Map<string, number> {
  const sizes = new Map<string, number>()
  for (const file of files.filter(isSourceFile)) {
    const dir = dirname(file)
    sizes.set(dir, (sizes.get(dir) ?? 0) + 1)
  }
  return sizes
}

function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.vue')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

const EXTENSIONS = ['', '.ts', '.vue', '.mts', '.mjs', '.cjs', '/index.ts']

function resolveImport(from: string, specifier: string, known: Set<string>): string | undefined {
  const base = toPosix(join(dirname(from), specifier))
  for (const ext of EXTENSIONS) if (known.has(base + ext)) return base + ext
  // `./x.mjs` written for a TypeScript source `./x.mts`, `./x.js` for `./x.ts`
  const swapped = base.replace(/\.mjs$/, '.mts').replace(/\.js$/, '.ts')
  return known.has(swapped) ? swapped : undefined
}

/** File -> the files it imports (relative imports that resolve to a code file; types included). */
export function importGraph(files: string[], root = repoRoot): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const text = scriptOf(file, readFileSync(join(root, file), 'utf8'))
    const { importedFiles } = ts.preProcessFile(text, true, true)
    const targets = importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveImport(file, spec, known))
      .filter((t): t is string => t !== undefined)
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** The import cycles: strongly connected components with more than one file, or a self-import. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const cycles: string[][] = []
  let next = 0
  for (const start of graph.keys()) {
    if (index.has(start)) continue
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      const edges = graph.get(frame.node) ?? []
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!
        if (!index.has(to)) {
          index.set(to, next)
          low.set(to, next++)
          stack.push(to)
          onStack.add(to)
          work.push({ node: to, edge: 0 })
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        const selfImport = (graph.get(frame.node) ?? []).includes(frame.node)
        if (component.length > 1 || selfImport) cycles.push(component.sort())
      }
    }
  }
  return cycles
}
