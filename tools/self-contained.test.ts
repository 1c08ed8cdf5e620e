/**
 * The repository stands alone: its files cite only what is inside it (docs/, the code), never
 * material a clone does not have, tracker numbers, or outside documents.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..')
const FOLDERS = [
  'README.md',
  'docs',
  'src',
  'server',
  'e2e',
  'tools',
  'bench',
  'soak',
  '.github',
  '.ci',
]
const BINARY = /\.(png|jpe?g|ico|icns|gif|woff2?)$/i
// This file names what it forbids; the patterns are assembled so it does not trip itself.
const SELF = relative(root, __filename).split(sep).join('/')

const files = execFileSync(
  'git',
  ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...FOLDERS],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\0')
  .filter((f) => f && !BINARY.test(f) && f !== SELF && existsSync(join(root, f)))

function hits(pattern: RegExp): string[] {
  const found: string[] = []
  for (const file of files)
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`)
      })
  return found
}

describe('the repository stands alone', () => {
  it('scans the files it should', () => {
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'docs/protocol.md', 'src/shared/frames.ts']),
    )
  })

  it('mentions no tracker numbers', () => {
    expect(hits(new RegExp(['iss', 'ue\\s*#?\\d'].join(''), 'i'))).toEqual([])
    // Not CSS colours (#000;) nor HTML entities (&#39;).
    expect(hits(/(^|[^&\w])#\d+\b(?!;)/)).toEqual([])
  })

  it('mentions no material outside the repository', () => {
    expect(hits(new RegExp(['the s', 'eed\\b'].join(''), 'i'))).toEqual([])
    expect(hits(new RegExp(['s', "eed's\\b"].join(''), 'i'))).toEqual([])
    expect(hits(/\.\.\/shared\/(spec|seed)\b/)).toEqual([])
  })

  it('cites protocol and architecture documents only as docs/…', () => {
    expect(hits(/(^|[^/\w])(protocol|architecture|style)\.md/)).toEqual(
      // The docs link each other by relative name.
      hits(/(^|[^/\w])(protocol|architecture)\.md/).filter((h) => h.startsWith('docs/')),
    )
  })

  it('has every relative path it mentions inside the repository', () => {
    const outside: string[] = []
    // The lint-boundary probes are written into other folders, so their paths resolve from there.
    for (const file of files.filter((f) => f !== 'tools/lint-boundaries.test.ts')) {
      const text = readFileSync(join(root, file), 'utf8')
      for (const [path] of text.matchAll(/(?:\.\.\/)+[\w@.-]+(?:\/[\w@.-]+)*/g)) {
        const target = resolve(root, dirname(file), path)
        if (target !== root && !target.startsWith(root + sep)) outside.push(`${file}: ${path}`)
      }
    }
    expect(outside).toEqual([])
  })

  it('links only to files that exist from the README and docs', () => {
    const broken: string[] = []
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(root, file), 'utf8')
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue
        if (!existsSync(resolve(root, dirname(file), target!))) broken.push(`${file}: ${target}`)
      }
    }
    expect(broken).toEqual([])
  })
})
