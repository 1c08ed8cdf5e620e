/** The shape of the tree: small folders and an import graph without cycles. */
import { describe, expect, it } from 'vitest'
import { codeFiles, folderSizes, importCycles, importGraph } from './source-tree'

const MAX_FILES_PER_FOLDER = 15

describe('source tree', () => {
  const files = codeFiles()

  it(`no folder directly holds more than ${MAX_FILES_PER_FOLDER} source files (non-test .ts/.vue)`, () => {
    const sizes = folderSizes(files)
    expect(sizes.size).toBeGreaterThan(10)
    const crowded = [...sizes].filter(([, n]) => n > MAX_FILES_PER_FOLDER)
    expect(crowded).toEqual([])
  })

  it('has no import cycles (type-only imports included)', () => {
    const graph = importGraph(files)
    // The graph really is read: .ts and .vue edges both show up.
    expect(graph.get('server/index.ts')).toContain('server/store/db.ts')
    expect(graph.get('src/renderer/src/App.vue')?.some((f) => f.endsWith('.vue'))).toBe(true)
    expect(importCycles(graph)).toEqual([])
  })
})

describe('importCycles', () => {
  it('finds every cycle, self-imports included, and nothing else', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ])
    expect(importCycles(graph)).toEqual([['a', 'b', 'c'], ['e']])
  })

  it('walks a long chain without recursion', () => {
    const n = 50_000
    const graph = new Map(
      Array.from({ length: n }, (_, i) => [`m${i}`, i + 1 < n ? [`m${i + 1}`] : ['m0']]),
    )
    expect(importCycles(graph)[0]).toHaveLength(n)
  })
})
