/**
 * The folder boundaries of eslint.config.mjs, probed: for each forbidden import a probe file is
 * written into the folder it concerns (a temporary name, removed afterwards) and linted with
 * ESLint's Node API, which must reject it with the boundary rule; allowed imports must lint clean.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..')

interface Probe {
  /** What the probe shows, as the test name. */
  title: string
  /** Folder the probe file goes into, repo-relative. */
  dir: string
  code: string
  /** The rule expected to reject it; undefined for an import that must pass. */
  rule?: 'boundaries/imports' | 'no-restricted-globals'
  /** Text the error must mention (the zone's name). */
  mentions?: string
  ext?: 'ts' | 'vue'
}

const valueImport = (spec: string) =>
  `import * as target from '${spec}'\nexport const probe = target\n`
const typeImport = (spec: string) =>
  `import type * as target from '${spec}'\nexport type Probe = typeof target\n`

const rejected: Probe[] = [
  {
    title: 'server -> src/main',
    dir: 'server',
    code: valueImport('../src/main/core/clock'),
    mentions: 'server',
  },
  {
    title: 'server -> renderer',
    dir: 'server',
    code: valueImport('../src/renderer/src/lib/format'),
    mentions: 'server',
  },
  {
    title: 'server (nested) -> preload, even type-only',
    dir: 'server/auth',
    code: typeImport('../../src/preload/bridge'),
    mentions: 'server',
  },
  {
    title: 'shared -> main',
    dir: 'src/shared',
    code: valueImport('../main/core/clock'),
    mentions: 'shared',
  },
  {
    title: 'shared -> renderer',
    dir: 'src/shared',
    code: valueImport('../renderer/src/lib/format'),
    mentions: 'shared',
  },
  {
    title: 'shared -> preload',
    dir: 'src/shared',
    code: typeImport('../preload/bridge'),
    mentions: 'shared',
  },
  {
    title: 'shared -> server',
    dir: 'src/shared',
    code: valueImport('../../server/db'),
    mentions: 'shared',
  },
  {
    title: 'shared -> node:fs',
    dir: 'src/shared',
    code: valueImport('node:fs'),
    mentions: 'shared',
  },
  { title: 'shared -> ws', dir: 'src/shared', code: valueImport('ws'), mentions: 'shared' },
  { title: 'shared -> vue', dir: 'src/shared', code: valueImport('vue'), mentions: 'shared' },
  {
    title: 'shared uses process',
    dir: 'src/shared',
    code: 'export const env = process.env\n',
    rule: 'no-restricted-globals',
  },
  {
    title: 'core -> renderer',
    dir: 'src/main/core/chat',
    code: valueImport('../../../renderer/src/stores/rooms'),
    mentions: 'plain-Node core',
  },
  {
    title: 'core -> preload',
    dir: 'src/main/core',
    code: valueImport('../../preload/bridge'),
    mentions: 'plain-Node core',
  },
  {
    title: 'core -> Electron shell file',
    dir: 'src/main/core/shell',
    code: valueImport('../../window'),
    mentions: 'plain-Node core',
  },
  {
    title: 'core -> electron (type-only too)',
    dir: 'src/main/core',
    code: typeImport('electron'),
    mentions: 'plain-Node core',
  },
  {
    title: 'core -> vue',
    dir: 'src/main/core/session',
    code: valueImport('vue'),
    mentions: 'plain-Node core',
  },
  {
    title: 'core -> pinia',
    dir: 'src/main/core',
    code: valueImport('pinia'),
    mentions: 'plain-Node core',
  },
  {
    title: 'renderer -> bare fs',
    dir: 'src/renderer/src/lib',
    code: valueImport('fs'),
    mentions: 'renderer',
  },
  {
    title: 'renderer -> path',
    dir: 'src/renderer/src/stores',
    code: valueImport('path'),
    mentions: 'renderer',
  },
  {
    title: 'renderer -> node:crypto',
    dir: 'src/renderer/src',
    code: valueImport('node:crypto'),
    mentions: 'renderer',
  },
  {
    title: 'renderer -> main',
    dir: 'src/renderer/src/lib',
    code: valueImport('../../../main/core/clock'),
    mentions: 'renderer',
  },
  {
    title: 'renderer -> preload',
    dir: 'src/renderer/src/api',
    code: valueImport('../../../preload/bridge'),
    mentions: 'renderer',
  },
  {
    title: 'renderer -> server',
    dir: 'src/renderer/src/stores',
    code: typeImport('../../../../server/db'),
    mentions: 'renderer',
  },
  {
    title: 'renderer -> electron',
    dir: 'src/renderer/src',
    code: valueImport('electron'),
    mentions: 'renderer',
  },
  {
    title: 'renderer uses Buffer',
    dir: 'src/renderer/src/lib',
    code: "export const b = Buffer.from('x')\n",
    rule: 'no-restricted-globals',
  },
  {
    title: 'renderer component -> fs',
    dir: 'src/renderer/src/components/common',
    ext: 'vue',
    code: `<script setup lang="ts">\nimport { readFileSync } from 'fs'\nconst probe = readFileSync\n</script>\n<template><p>{{ probe }}</p></template>\n`,
    mentions: 'renderer',
  },
  {
    title: 'preload -> value from the contract (zod schemas)',
    dir: 'src/preload',
    code: valueImport('../shared/ipc-contract'),
    mentions: 'preload',
  },
  { title: 'preload -> ws', dir: 'src/preload', code: valueImport('ws'), mentions: 'preload' },
  {
    title: 'preload -> main',
    dir: 'src/preload',
    code: typeImport('../main/ipc'),
    mentions: 'preload',
  },
  {
    title: 'preload -> renderer',
    dir: 'src/preload',
    code: typeImport('../renderer/src/api/bridge'),
    mentions: 'preload',
  },
  {
    title: 'preload bridge uses require',
    dir: 'src/preload',
    code: "export const e = require('electron')\n",
    rule: 'no-restricted-globals',
  },
  {
    title: 'electron from core tests',
    dir: 'src/main/core/test-support',
    code: valueImport('electron'),
    mentions: 'electron',
  },
  {
    title: 'electron from main test-support',
    dir: 'src/main/test-support',
    code: valueImport('electron'),
    mentions: 'electron',
  },
  {
    title: 'electron from the server',
    dir: 'server',
    code: valueImport('electron'),
    mentions: 'electron',
  },
  {
    title: 'electron from tools',
    dir: 'tools',
    code: valueImport('electron'),
    mentions: 'electron',
  },
  {
    title: 'electron from web e2e',
    dir: 'e2e/web',
    code: valueImport('electron'),
    mentions: 'electron',
  },
  {
    title: 'electron from shared',
    dir: 'src/shared',
    code: valueImport('electron'),
    mentions: 'electron',
  },
]

const allowed: Probe[] = [
  { title: 'server -> shared', dir: 'server', code: valueImport('../src/shared/frames') },
  {
    title: 'shared -> shared + zod',
    dir: 'src/shared',
    code: valueImport('./frames') + "import { z } from 'zod'\nexport const s = z.string()\n",
  },
  {
    title: 'core -> node built-ins, ws, shared',
    dir: 'src/main/core/chat',
    code: valueImport('node:fs') + "import WebSocket from 'ws'\nexport const W = WebSocket\n",
  },
  { title: 'Electron shell -> electron', dir: 'src/main', code: valueImport('electron') },
  {
    title: 'renderer -> vue + shared types',
    dir: 'src/renderer/src/lib',
    code:
      valueImport('vue') +
      "import type { ChatApi } from '../../../shared/ipc-contract'\nexport type Api = ChatApi\n",
  },
  {
    title: 'preload -> shared types + the value-free method map',
    dir: 'src/preload',
    code:
      valueImport('../shared/ipc-methods') +
      "import type { ChatApi } from '../shared/ipc-contract'\nexport type Api = ChatApi\n",
  },
  { title: 'Electron e2e -> electron types', dir: 'e2e/electron', code: typeImport('electron') },
]

const probes = [...rejected, ...allowed]
const fileOf = (probe: Probe, i: number) =>
  join(root, probe.dir, `lint-probe-${process.pid}-${i}.${probe.ext ?? 'ts'}`)

let results: Map<string, ESLint.LintResult>

beforeAll(async () => {
  const files = probes.map(fileOf)
  try {
    probes.forEach((probe, i) => writeFileSync(files[i]!, probe.code))
    const eslint = new ESLint({ cwd: root })
    const linted = await eslint.lintFiles(files)
    results = new Map(linted.map((r) => [r.filePath, r]))
  } finally {
    for (const file of files) rmSync(file, { force: true })
  }
}, 180_000)

afterAll(() => {
  for (const [i, probe] of probes.entries()) rmSync(fileOf(probe, i), { force: true })
})

const errorsOf = (probe: Probe) => {
  const result = results.get(fileOf(probe, probes.indexOf(probe)))
  if (!result) throw new Error(`no lint result for ${probe.title}`)
  return result.messages.filter((m) => m.severity === 2)
}

describe('lint rejects each forbidden import', () => {
  it.each(rejected.map((p) => [p.title, p] as const))('%s', (_title, probe) => {
    const errors = errorsOf(probe)
    const rule = probe.rule ?? 'boundaries/imports'
    const hits = errors.filter((m) => m.ruleId === rule)
    expect(hits, JSON.stringify(errors, null, 2)).not.toHaveLength(0)
    if (probe.mentions)
      expect(hits.map((m) => m.message).join('\n')).toContain(`${probe.mentions}:`)
  })
})

describe('lint accepts the allowed imports', () => {
  it.each(allowed.map((p) => [p.title, p] as const))('%s', (_title, probe) => {
    expect(errorsOf(probe)).toEqual([])
  })
})

describe('the preload’s method map stays value-free', () => {
  // The rule is keyed to the real file name, so this probe is linted as that path, not written.
  it('rejects a value import in src/shared/ipc-methods.ts, accepts a type import', async () => {
    const eslint = new ESLint({ cwd: root })
    const filePath = join(root, 'src/shared/ipc-methods.ts')
    const [bad] = await eslint.lintText(valueImport('./ipc-contract'), { filePath })
    const [good] = await eslint.lintText(typeImport('./ipc-contract'), { filePath })
    expect(bad!.messages.map((m) => m.message).join('\n')).toContain('value-free method map:')
    expect(good!.messages.filter((m) => m.severity === 2)).toEqual([])
  }, 60_000)
})
