/**
 * The accessibility check of the web e2e: axe-core (WCAG 2.x A and AA rules plus best practices)
 * on the page as it is now. Any screen's spec can call `expectNoSeriousViolations(page, label)`
 * once the screen is on show; the check fails on every serious or critical violation and lists
 * each with its rule, the offending elements and what axe says to fix.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import type axe from 'axe-core'
import type { AxeResults, NodeResult, Result } from 'axe-core'

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
/** Where the page loads axe from: its own origin, the only one the page's CSP lets scripts come from. */
const AXE_PATH = '/__e2e__/axe.min.js'
const routed = new WeakSet<Page>()

/** The impacts that fail the check; minor and moderate findings are reported, not fatal. */
const FATAL = new Set(['serious', 'critical'])

/** One line per offending element: enough to find it and to know what to change. */
function describeNode(node: NodeResult): string {
  const target = node.target.map(String).join(' ')
  const why = node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''
  return `    ${target}\n      ${node.html.slice(0, 160)}\n      ${why}`
}

function describe(violations: readonly Result[]): string {
  return violations
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map(describeNode).join('\n')}`,
    )
    .join('\n')
}

/**
 * Puts axe into the page once. The page runs under the app's real CSP (script-src 'self'), which
 * refuses an inline script tag, so the tag loads axe from the page's own origin, answered here.
 */
async function ensureAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return
  if (!routed.has(page)) {
    routed.add(page)
    await page.route(`**${AXE_PATH}`, (route) =>
      route.fulfill({ body: axeSource, contentType: 'text/javascript' }),
    )
  }
  await page.addScriptTag({ url: AXE_PATH })
}

/** Runs axe on the whole document and returns its results. */
export async function runAxe(page: Page): Promise<AxeResults> {
  await ensureAxe(page)
  return page.evaluate(() =>
    window.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    }),
  )
}

/**
 * Fails when axe finds a serious or critical violation on the page; `label` names the screen in
 * the failure message (e.g. "room list, dark").
 */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await runAxe(page)
  const fatal = results.violations.filter((v) => FATAL.has(v.impact ?? ''))
  const minor = results.violations.filter((v) => !FATAL.has(v.impact ?? ''))
  // Lesser findings do not fail the run but stay visible in the report.
  if (minor.length > 0)
    test.info().annotations.push({ type: `axe: ${label}`, description: describe(minor) })
  expect(fatal, `axe on ${label}:\n${describe(fatal)}`).toEqual([])
}

declare global {
  interface Window {
    axe: typeof axe
  }
}
