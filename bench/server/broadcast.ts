/**
 * Broadcast benchmark (not a test): 50 sockets in alice/general, one sender, the demo data only.
 *
 *   npm run bench:server                              our server, started as a child process
 *   npm run bench:server -- --url http://host:port    any EduSphere deployment with the demo data
 *   npm run bench:server -- --compare-url URL         ours (or --url) and URL in the same run, with ratios
 *   options: --rounds N (default 3), --messages N (latency messages per round, default 1000;
 *            throughput sends 4x as many), --window N (frames in flight during throughput,
 *            default 128: enough to reach a sender's top rate, which is what the baseline is)
 *
 * Baseline, docs/protocol.md §6 (real EduSphere, 2 cores): 12 ms median, 39 ms p99, ~4,100 deliveries/s.
 * Our targets: at least 30x those deliveries/s, and p99 at most 10 ms.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import type { LocalServer } from './local-server'
import { startLocalServer } from './local-server'
import type { Figures } from './workload'
import { runWorkload } from './workload'

const BASELINE = { medianMs: 12, p99Ms: 39, deliveriesPerSec: 4100 }
const TARGET = { factor: 30, p99Ms: 10 }
const USAGE =
  'usage: npm run bench:server -- [--url URL] [--compare-url URL] [--rounds N] [--messages N] [--window N]'

function fail(message: string): never {
  console.error(`bench:server: ${message}\n${USAGE}`)
  process.exit(2)
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got "${value}"`)
  return n
}

function origin(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
    return url.origin
  } catch {
    return fail(`${name} must be an http(s) URL such as http://127.0.0.1:8000, got "${value}"`)
  }
}

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        url: { type: 'string' },
        'compare-url': { type: 'string' },
        rounds: { type: 'string' },
        messages: { type: 'string' },
        window: { type: 'string' },
      },
    })
    return values
  } catch (error) {
    return fail((error as Error).message)
  }
}

const f = (n: number, d = 2) => n.toFixed(d)

function printFigures(
  label: string,
  x: Figures,
  opts: { latency: number; throughput: number; window: number },
) {
  console.log(`\n== ${label} ==`)
  console.log(
    `latency, one at a time    ${opts.latency} msgs/round: median ${f(x.medianMs)} ms, p99 ${f(x.p99Ms)} ms`,
  )
  console.log(
    `throughput, window ${String(opts.window).padEnd(5)}${opts.throughput} msgs/round: ${f(x.deliveriesPerSec / 50, 0)} msg/s, ${f(x.deliveriesPerSec, 0)} deliveries/s`,
  )
  console.log(
    `latency under that load   median ${f(x.loadedMedianMs)} ms, p99 ${f(x.loadedP99Ms)} ms`,
  )
  const server =
    x.serverBusy === null ? 'n/a (not local)' : `${f(x.serverBusy * 100, 0)}% of a core`
  console.log(
    `CPU during throughput     server ${server}, clients ${f(x.clientBusy * 100, 0)}% of a core`,
  )
}

async function main(): Promise<void> {
  const args = parse()
  const url = origin('--url', args.url)
  const compareUrl = origin('--compare-url', args['compare-url'])
  const messages = positive('--messages', args.messages, 1000)
  // The real server's figure is a sender's top rate, so throughput keeps enough frames in flight
  // to saturate the server (a shallow window only measures the round trip), over 4x as many
  // messages as the latency phase so the rate is not dominated by ramp-up.
  const window = positive('--window', args.window, 128)
  const counts = { latency: messages, throughput: 4 * messages, window }
  const base = {
    clients: 50,
    rounds: positive('--rounds', args.rounds, 3),
    warmup: Math.min(200, messages),
    latencyMessages: counts.latency,
    throughputMessages: counts.throughput,
    window,
    log: (line: string) => console.log(`  ${line}`),
  }

  let local: LocalServer | null = null
  try {
    if (!url) local = await startLocalServer()
    const primaryUrl = url ?? local!.url
    const primaryLabel = url ? `server at ${url}` : `our server (child process at ${local!.url})`
    console.log(`measuring ${primaryLabel}`)
    const primary = await runWorkload(primaryUrl, { ...base, serverPid: local?.child.pid })
    let other: Figures | null = null
    if (compareUrl) {
      console.log(`measuring server at ${compareUrl}`)
      other = await runWorkload(compareUrl, base)
    }

    console.log(
      `\nmachine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => f(l, 1))
        .join(
          ' ',
        )} (other work competes for the same cores); 50 sockets, one sender; medians of ${base.rounds} rounds`,
    )
    printFigures(primaryLabel, primary, counts)
    if (other) printFigures(`server at ${compareUrl}`, other, counts)

    const reference = other ?? BASELINE
    const refName = other ? `${compareUrl} (same run)` : 'the real server (docs/protocol.md §6)'
    const factor = primary.deliveriesPerSec / reference.deliveriesPerSec
    console.log(`\n== ratios vs ${refName} ==`)
    console.log(`deliveries/s              ${f(factor, 1)}x higher`)
    console.log(`latency median            ${f(reference.medianMs / primary.medianMs, 1)}x lower`)
    console.log(`latency p99               ${f(reference.p99Ms / primary.p99Ms, 1)}x lower`)
    if (url && !other) return
    console.log(
      `target deliveries/s >= ${TARGET.factor}x: ${factor >= TARGET.factor ? 'met' : 'NOT met'}`,
    )
    console.log(
      `target p99 <= ${TARGET.p99Ms} ms:       ${primary.p99Ms <= TARGET.p99Ms ? 'met' : 'NOT met'}`,
    )
  } finally {
    await local?.stop()
  }
}

main().catch((error: unknown) => {
  console.error('benchmark failed:', error instanceof Error ? error.message : error)
  process.exit(1)
})
