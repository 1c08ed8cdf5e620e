/// <reference lib="dom" />
// Timeline of one room open (built renderer, fake ChatApi): every main-thread task from the click
// until the rows are painted, with what each task spent its time on (scripting, style, layout,
// paint). For renderer perf work, next to profile.ts.
//   node --import tsx bench/renderer/trace.ts [count] [windowed] [burst] [all] [dump]
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../playwright.config'
import { buildBench } from './build'
import { clickRoomAndWaitForRows } from './measure'
import { serveStatic } from '../../e2e/web/static-server'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tid: number
  pid: number
  args?: { data?: { functionName?: string; url?: string; type?: string } }
}

const CHILDREN = [
  'FunctionCall',
  'EvaluateScript',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'V8.GCScavenger',
  'MajorGC',
  'MinorGC',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'ParseHTML',
  'HitTest',
]

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000)
  const windowed = process.argv.includes('windowed')
  // `all`: every trace event inside a task, not just the main kinds (nested ones count twice).
  const all = process.argv.includes('all')
  // `burst`: the room is opened first; the trace covers a burst of 2,000 messages over 1 s (as
  // bench:renderer's), listing its tasks over 20 ms.
  const burst = process.argv.includes('burst')
  const built = await buildBench()
  const srv = await serveStatic(built.realDir)
  const browser = await chromium.launch(chromiumLaunchOptions)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
  await page.addInitScript(`window.__benchConfig = { count: ${count}, windowed: ${windowed} };`)
  await page.addInitScript(built.fakeApiSource)
  await page.goto(srv.url)
  await page.waitForSelector('.room-button')
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })),
  )
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8',
      'blink.user_timing',
      'disabled-by-default-v8.compile',
      'v8.execute',
      'blink',
      'renderer.scheduler',
    ],
  })
  let openMs = 0
  if (burst) {
    await page.evaluate(clickRoomAndWaitForRows)
    await page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })),
    )
  }
  await page.evaluate(() => performance.mark('click'))
  if (burst) {
    await page.evaluate(() => window.__bench!.burst(2000, 1000))
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)))
  } else openMs = await page.evaluate(clickRoomAndWaitForRows)
  await page.evaluate(() => performance.mark('shown'))
  const buffer = await browser.stopTracing()
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents
  const click = events.find((e) => e.name === 'click' && e.ph !== 'M')
  const shown = events.find((e) => e.name === 'shown' && e.ph !== 'M')
  if (!click || !shown) throw new Error('marks missing from the trace')
  const main = click.tid
  const inRange = events.filter(
    (e) => e.tid === main && e.pid === click.pid && e.ts >= click.ts - 2000 && e.ts <= shown.ts,
  )
  if (!burst) console.log(`open ${openMs.toFixed(1)} ms (${count} messages, windowed ${windowed})`)
  const minTaskUs = burst ? 20_000 : 500
  const tasks = inRange.filter(
    (e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > minTaskUs,
  )
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0)
    const inside = inRange.filter(
      (e) =>
        e.ph === 'X' &&
        e.ts >= task.ts &&
        e.ts < end &&
        e !== task &&
        (all || CHILDREN.includes(e.name)),
    )
    const sums = new Map<string, number>()
    for (const e of inside) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000)
    const what = [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, all ? 16 : 6)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')
    console.log(
      `+${((task.ts - click.ts) / 1000).toFixed(1).padStart(7)} ms  ${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${what}`,
    )
  }
  if (process.argv.includes('dump')) {
    const first = tasks[Number(process.env.TRACE_TASK ?? 0)]!
    for (const e of inRange)
      if (e.ts >= first.ts && e.ts <= first.ts + (first.dur ?? 0) && (e.dur ?? 0) > 300)
        console.log(
          `  +${((e.ts - first.ts) / 1000).toFixed(1).padStart(6)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ${e.name} ${JSON.stringify(e.args?.data ?? {}).slice(0, 120)}`,
        )
  }
  await browser.close()
  await srv.close()
}
void main()
