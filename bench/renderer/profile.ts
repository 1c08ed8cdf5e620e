/// <reference lib="dom" />
// Profiler for renderer perf work: prints the top self-time functions (unminified build) while
// opening a room or during a burst.
//   node --import tsx bench/renderer/profile.ts [count] [open|burst] [windowed]
// `windowed`: the fake sends main's window (the newest 300 messages), as bench:renderer's
// "windowed 100k" scenario does. RESET_DELAY_MS=300 sends the history that much after the open,
// so the room view's mount and the rows' render show as separate stretches.
import { chromium } from 'playwright-core'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'
import { join, resolve } from 'node:path'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { chromiumLaunchOptions } from '../../playwright.config'
import { buildBench } from './build'
import { serveStatic } from '../../e2e/web/static-server'

async function main(): Promise<void> {
  const repo = resolve(import.meta.dirname, '../..')
  const out = join(tmpdir(), 'edusphere-bench-profile')
  await build({
    configFile: false,
    root: join(repo, 'src/renderer'),
    base: './',
    logLevel: 'error',
    plugins: [vue()],
    build: { outDir: out, emptyOutDir: true, minify: false },
  })
  const { fakeApiSource } = await buildBench()
  const srv = await serveStatic(out)
  const browser = await chromium.launch(chromiumLaunchOptions)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
  await page.addInitScript(
    `window.__benchConfig = { count: ${process.argv[2] ?? 10000}, windowed: ${process.argv[4] === 'windowed'}, resetDelayMs: ${Number(process.env.RESET_DELAY_MS ?? 0)} };`,
  )
  await page.addInitScript(fakeApiSource)
  await page.goto(srv.url)
  await page.waitForSelector('.room-button')
  // Let the app finish starting up, so the profile holds the open and nothing else.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)))
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await cdp.send('Profiler.start')
  const mode = process.argv[3] ?? 'open'
  if (mode === 'open') {
    await page.click('.room-button')
    await page.waitForSelector('.message')
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
  } else {
    await page.click('.room-button')
    await page.waitForSelector('.message')
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)))
    await cdp.send('Profiler.stop')
    await cdp.send('Profiler.start')
    await page.evaluate(() => window.__bench!.burst(2000, 1000))
  }
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: Array<{
        id: number
        callFrame: { functionName: string; url: string; lineNumber: number }
        hitCount?: number
      }>
      samples: number[]
      timeDeltas: number[]
    }
  }
  // PROFILE_OUT=file.cpuprofile keeps the raw profile (Chrome DevTools opens it).
  if (process.env.PROFILE_OUT) await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile))
  const self = new Map<string, number>()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(v.toFixed(1).padStart(8), k)
  // The longest busy stretches (no idle sample in between), each with its top self-time entries:
  // what a long task is made of.
  const stretches: Array<{ ms: number; top: Map<string, number> }> = []
  let cur: { ms: number; top: Map<string, number> } | null = null
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!
    const dt = (profile.timeDeltas[i] ?? 0) / 1000
    if (n.callFrame.functionName === '(idle)') {
      if (cur) stretches.push(cur)
      cur = null
      return
    }
    cur ??= { ms: 0, top: new Map() }
    cur.ms += dt
    const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`
    cur.top.set(key, (cur.top.get(key) ?? 0) + dt)
  })
  if (cur) stretches.push(cur)
  // Inclusive time per function over the busy stretches, in time order: which call trees a long
  // task is made of (self time alone hides a costly caller behind many cheap callees).
  const parent = new Map<number, number>()
  for (const n of profile.nodes as Array<{ id: number; children?: number[] }>)
    for (const c of n.children ?? []) parent.set(c, n.id)
  const spans: Array<{ at: number; ms: number; incl: Map<string, number> }> = []
  let span: { at: number; ms: number; incl: Map<string, number> } | null = null
  let clock = 0
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000
    clock += dt
    const n = byId.get(id)!
    if (n.callFrame.functionName === '(idle)') {
      if (span) spans.push(span)
      span = null
      return
    }
    span ??= { at: clock, ms: 0, incl: new Map() }
    span.ms += dt
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame
      if (!f.functionName || f.functionName.startsWith('(')) continue
      const key = `${f.functionName}:${f.lineNumber}`
      if (seen.has(key)) continue
      seen.add(key)
      span.incl.set(key, (span.incl.get(key) ?? 0) + dt)
    }
  })
  if (span) spans.push(span)
  console.log('\nBusy stretches over 5 ms in time order, top inclusive times:')
  for (const s of spans.filter((x) => x.ms > 5)) {
    const top = [...s.incl]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.PROFILE_TOP ?? 14))
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    console.log(
      `at ${s.at.toFixed(0).padStart(6)} ms, ${s.ms.toFixed(1)} ms:\n    ${top.join('\n    ')}`,
    )
  }
  console.log('\nLongest busy stretches:')
  for (const s of stretches.sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    const top = [...s.top]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.PROFILE_SELF ?? 6))
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    console.log(`${s.ms.toFixed(1).padStart(8)} ms: ${top.join(', ')}`)
  }
  await browser.close()
  await srv.close()
}
void main()
