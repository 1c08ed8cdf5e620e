// The Electron security audit: runs @doyensec/electronegativity over src/ and fails on any
// finding that tools/electronegativity.json does not accept with a reason, on any file it could
// not parse (unchecked code), and on any accepted exception that no longer matches (stale).
//
//   node tools/audit-electron.mjs [--config <file>]
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const configArg = process.argv.indexOf('--config')
const configFile =
  configArg > 0 && process.argv[configArg + 1]
    ? resolve(process.argv[configArg + 1])
    : join(root, 'tools', 'electronegativity.json')

/** The installed Electron's version, read from its package.json (loading the package would download it). */
function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
}

function loadConfig() {
  const config = JSON.parse(readFileSync(configFile, 'utf8'))
  const problems = []
  if (typeof config.input !== 'string') problems.push('"input" must be a path')
  for (const [i, e] of (config.exceptions ?? []).entries())
    if (!e.check || !e.file || !e.reason || e.reason.length < 20)
      problems.push(`exceptions[${i}] needs a check, a file and a real reason`)
  for (const [i, e] of (config.excludeChecks ?? []).entries())
    if (!e.check || !e.reason || e.reason.length < 20)
      problems.push(`excludeChecks[${i}] needs a check and a real reason`)
  if (problems.length) {
    console.error(`audit-electron: ${configFile}: ${problems.join('; ')}`)
    process.exit(2)
  }
  return config
}

/** The tool prints a line when its optional online lookups fail; offline that is expected noise. */
async function quietly(fn) {
  const log = console.log
  console.log = (...args) => {
    if (!/translations|releases/i.test(String(args[0]))) log(...args)
  }
  try {
    return await fn()
  } finally {
    console.log = log
  }
}

async function main() {
  const config = loadConfig()
  const run = require('@doyensec/electronegativity')
  const input = resolve(root, config.input)
  const result = await quietly(() =>
    run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion(),
      excludeFromScan: (config.excludeChecks ?? []).map((e) => e.check),
    }),
  )
  const exceptions = config.exceptions ?? []
  const used = new Set()
  const findings = result.issues.filter((issue) => {
    const i = exceptions.findIndex((e) => e.check === issue.id && e.file === issue.file)
    if (i >= 0) used.add(i)
    return i < 0
  })
  const unparsed = result.errors.filter((e) => !e.tolerable)
  const stale = exceptions.filter((_, i) => !used.has(i))

  for (const f of findings)
    console.error(
      `finding ${f.id} ${join(config.input, f.file)}:${f.location.line}:${f.location.column} ` +
        `[${f.severity.name}/${f.confidence.name}] ${f.description}\n    ${f.sample ?? ''}`,
    )
  for (const e of unparsed) console.error(`unparsed ${e.file}: ${e.message}`)
  for (const e of stale)
    console.error(`stale exception ${e.check} ${e.file}: it matches no finding any more; remove it`)
  const accepted = exceptions.length - stale.length
  const summary =
    `electronegativity: ${result.globalChecks + result.atomicChecks} checks over ${config.input}/, ` +
    `${findings.length} findings, ${accepted} accepted with reasons in ${relative(root, configFile)}`
  if (findings.length || unparsed.length || stale.length) {
    console.error(`${summary}; FAILED`)
    process.exit(1)
  }
  console.log(summary)
}

await main()
