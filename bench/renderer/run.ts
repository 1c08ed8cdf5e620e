/**
 * Renderer benchmark (npm run bench:renderer): the built renderer in Debian Chromium with a fake
 * ChatApi, against a naive v-for baseline built from the same sources in the same run.
 *   node --import tsx bench/renderer/run.ts [--runs 3] [--naive-100k] [--json path]
 */
/// <reference lib="dom" />
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { cpus, loadavg } from 'node:os'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../playwright.config'
import { buildBench } from './build'
import { type BurstFigures, type OpenFigures, runScenario } from './measure'
import { serveStatic } from '../../e2e/web/static-server'

const TARGETS = { open100kMs: 300, speedupAt10k: 10, longTaskMs: 50, heap100kMb: 150 }
/** With main's window: a 100k room opens as its newest window, older pages on scroll-up. */
const WINDOWED_TARGETS = { openMs: 150, heapMb: 60 }
const BURST = 2000

const argv = process.argv.slice(2)
const naive100k = argv.includes('--naive-100k')
const runsIndex = argv.indexOf('--runs')
/** Each virtualized scenario runs this many times and reports medians: one run is noisy on a busy machine. */
const RUNS = Math.max(1, runsIndex >= 0 ? Number(argv[runsIndex + 1]) || 3 : 3)
const jsonIndex = argv.indexOf('--json')
const jsonPath = jsonIndex >= 0 ? argv[jsonIndex + 1] : 'test-results/bench-renderer.json'

const fmt = (n: number, digits = 1): string => n.toFixed(digits)

function openLine(label: string, f: OpenFigures): string {
  return `${label.padEnd(22)} open ${fmt(f.openMs).padStart(8)} ms   rows ${String(f.domRows).padStart(7)}   heap ${fmt(f.heapMb).padStart(7)} MB (${fmt(f.heapBeforeMb)} MB before opening)`
}
function burstLine(label: string, b: BurstFigures): string {
  return `${label.padEnd(22)} ${b.messages} msgs in ${b.batches} batches: longest task ${fmt(b.longestTaskMs)} ms (${b.longTasks} over 50 ms), longest frame gap ${fmt(b.longestFrameGapMs)} ms, rows ${b.domRowsAfter}, at bottom ${b.atBottom}`
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type Scenario = Awaited<ReturnType<typeof runScenario>>

/** Medians of every figure over several runs of one scenario. */
function medianOf(runs: Scenario[]): Scenario {
  const pick = <T, K extends keyof T>(list: T[], key: K): number =>
    median(list.map((x) => Number(x[key])))
  const opens = runs.map((r) => r.open)
  const bursts = runs.flatMap((r) => (r.burst ? [r.burst] : []))
  return {
    open: {
      openMs: pick(opens, 'openMs'),
      domRows: pick(opens, 'domRows'),
      heapMb: pick(opens, 'heapMb'),
      heapBeforeMb: pick(opens, 'heapBeforeMb'),
    },
    burst:
      bursts.length === 0
        ? null
        : {
            messages: bursts[0]!.messages,
            batches: pick(bursts, 'batches'),
            longestTaskMs: pick(bursts, 'longestTaskMs'),
            longTasks: pick(bursts, 'longTasks'),
            longestFrameGapMs: pick(bursts, 'longestFrameGapMs'),
            domRowsAfter: pick(bursts, 'domRowsAfter'),
            atBottom: bursts.every((b) => b.atBottom),
          },
  }
}

async function main(): Promise<void> {
  console.log('Building the renderer (virtualized and naive baseline)…')
  const built = await buildBench()
  const real = await serveStatic(built.realDir)
  const naive = await serveStatic(built.naiveDir)
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const base = { browser, fakeApiSource: built.fakeApiSource }
    const load = loadavg()[0]!
    console.log(
      `Chromium ${browser.version()}, ${cpus().length} CPUs, load average ${fmt(load, 2)}; measuring…`,
    )
    if (load > cpus().length)
      console.log('note: the machine is busy (load above CPU count): timings will read high.')
    // A warm-up run so the first measured open does not pay for cold caches.
    await runScenario({ ...base, url: real.url, count: 1000, burst: 0 })

    const repeat = async (count: number): Promise<Scenario> => {
      const runs: Scenario[] = []
      for (let i = 0; i < RUNS; i++)
        runs.push(await runScenario({ ...base, url: real.url, count, burst: BURST }))
      return medianOf(runs)
    }
    const v10k = await repeat(10_000)
    const v100k = await repeat(100_000)
    const windowedRuns: Scenario[] = []
    for (let i = 0; i < RUNS; i++)
      windowedRuns.push(
        await runScenario({ ...base, url: real.url, count: 100_000, burst: BURST, windowed: true }),
      )
    const w100k = medianOf(windowedRuns)
    const n10k = await runScenario({ ...base, url: naive.url, count: 10_000, burst: BURST })
    const n100k = naive100k
      ? await runScenario({ ...base, url: naive.url, count: 100_000, burst: 0 })
      : null

    console.log('')
    console.log(`Virtualized figures are medians of ${RUNS} runs; the naive baseline runs once.`)
    console.log(openLine('virtualized 10k', v10k.open))
    console.log(openLine('virtualized 100k', v100k.open))
    console.log(openLine('windowed 100k', w100k.open))
    console.log(openLine('naive v-for 10k', n10k.open))
    if (n100k) console.log(openLine('naive v-for 100k', n100k.open))
    else
      console.log(
        'naive v-for 100k       skipped (renders 100,000 rows: minutes and GBs; pass --naive-100k to try)',
      )
    console.log('')
    console.log(burstLine('burst, virtualized 10k', v10k.burst!))
    console.log(burstLine('burst, virtualized 100k', v100k.burst!))
    console.log(burstLine('burst, windowed 100k', w100k.burst!))
    console.log(burstLine('burst, naive 10k', n10k.burst!))

    const speedup = n10k.open.openMs / v10k.open.openMs
    const checks = [
      [
        `100k opens in ≤ ${TARGETS.open100kMs} ms`,
        v100k.open.openMs <= TARGETS.open100kMs,
        `${fmt(v100k.open.openMs)} ms`,
      ],
      [
        `≥ ${TARGETS.speedupAt10k}x faster than naive at 10k`,
        speedup >= TARGETS.speedupAt10k,
        `${fmt(speedup)}x`,
      ],
      [
        `no long task > ${TARGETS.longTaskMs} ms in the burst (10k and 100k rooms)`,
        v10k.burst!.longestTaskMs <= TARGETS.longTaskMs &&
          v100k.burst!.longestTaskMs <= TARGETS.longTaskMs,
        `${fmt(v10k.burst!.longestTaskMs)} / ${fmt(v100k.burst!.longestTaskMs)} ms`,
      ],
      [
        `no long task > ${TARGETS.longTaskMs} ms in the windowed 100k burst`,
        w100k.burst!.longestTaskMs <= TARGETS.longTaskMs,
        `${fmt(w100k.burst!.longestTaskMs)} ms (${w100k.burst!.longTasks} over)`,
      ],
      [
        'the view follows every burst to its end (10k, 100k, windowed 100k)',
        v10k.burst!.atBottom && v100k.burst!.atBottom && w100k.burst!.atBottom,
        [v10k, v100k, w100k].map((x) => (x.burst!.atBottom ? 'yes' : 'no')).join(' / '),
      ],
      [
        `heap ≤ ${TARGETS.heap100kMb} MB at 100k`,
        v100k.open.heapMb <= TARGETS.heap100kMb,
        `${fmt(v100k.open.heapMb)} MB`,
      ],
      [
        `windowed 100k (main's window) opens in ≤ ${WINDOWED_TARGETS.openMs} ms`,
        w100k.open.openMs <= WINDOWED_TARGETS.openMs,
        `${fmt(w100k.open.openMs)} ms (ratio ${fmt(w100k.open.openMs / WINDOWED_TARGETS.openMs, 2)})`,
      ],
      [
        `windowed 100k heap ≤ ${WINDOWED_TARGETS.heapMb} MB`,
        w100k.open.heapMb <= WINDOWED_TARGETS.heapMb,
        `${fmt(w100k.open.heapMb)} MB (ratio ${fmt(w100k.open.heapMb / WINDOWED_TARGETS.heapMb, 2)})`,
      ],
    ] as const
    console.log('')
    console.log('Ratios:')
    console.log(
      `  heap 100k: whole history / windowed = ${fmt(v100k.open.heapMb / w100k.open.heapMb)}x`,
    )
    console.log(`  open 10k: naive / virtualized = ${fmt(speedup)}x`)
    console.log(
      `  DOM rows 10k: naive / virtualized = ${fmt(n10k.open.domRows / Math.max(1, v10k.open.domRows))}x`,
    )
    console.log(`  heap 10k: naive / virtualized = ${fmt(n10k.open.heapMb / v10k.open.heapMb)}x`)
    console.log(
      `  open 100k / open 10k (virtualized) = ${fmt(v100k.open.openMs / v10k.open.openMs)}x`,
    )
    console.log('')
    console.log('Targets:')
    for (const [what, pass, value] of checks)
      console.log(`  ${pass ? 'PASS' : 'MISS'}  ${what}: ${value}`)

    if (jsonPath) {
      await mkdir(dirname(jsonPath), { recursive: true })
      await writeFile(
        jsonPath,
        JSON.stringify(
          {
            chromium: browser.version(),
            v10k,
            v100k,
            w100k,
            n10k,
            n100k,
            speedup,
            targets: { ...TARGETS, windowed: WINDOWED_TARGETS },
          },
          null,
          2,
        ),
      )
      console.log(`\nFigures written to ${jsonPath}`)
    }
  } finally {
    await browser.close()
    await real.close()
    await naive.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
