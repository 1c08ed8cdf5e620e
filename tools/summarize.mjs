// Adds up the steps and the test runners' JSON reports into one closing line: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null)

for (const line of readFileSync('test-results/steps.txt', 'utf8').split('\n').filter(Boolean)) {
  const [verdict, name] = line.split(' ')
  // Runner steps are counted by their tests below; a runner that failed to report counts once.
  if (name === 'vitest' && read('test-results/vitest.json')) continue
  if (name === 'playwright' && read('test-results/playwright.json')) continue
  if (verdict === 'pass') passed++
  else failed++
}

const vitest = read('test-results/vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests + (vitest.numFailedTestSuites ?? 0)
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0)
}
const pw = read('test-results/playwright.json')
if (pw) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0)
  failed += pw.stats.unexpected ?? 0
  skipped += pw.stats.skipped ?? 0
  failed += (pw.errors ?? []).length
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
