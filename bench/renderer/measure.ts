/// <reference lib="dom" />
/** One measured scenario in Chromium: open a room with N messages, optionally a burst after. */
import type { Browser } from 'playwright-core'

export interface OpenFigures {
  /** From the click on the room to the first painted frame showing one of its rows in view, ms. */
  openMs: number
  /** Message rows in the DOM once open. */
  domRows: number
  /** JS heap after a forced GC, MB. */
  heapMb: number
  /** JS heap before opening the room (app loaded, the fake's history generated), MB. */
  heapBeforeMb: number
}

export interface BurstFigures {
  messages: number
  batches: number
  /** Longest task seen by PerformanceObserver('longtask'); 0 when none crossed 50 ms. */
  longestTaskMs: number
  longTasks: number
  /** Longest gap between animation frames during the burst, ms (a finer view than longtask). */
  longestFrameGapMs: number
  domRowsAfter: number
  /** The view followed the new messages to the bottom. */
  atBottom: boolean
}

export interface ScenarioOptions {
  browser: Browser
  url: string
  fakeApiSource: string
  count: number
  burst: number
  /** The fake sends main's window, not the whole history (see fake-api.ts). */
  windowed?: boolean
  colorScheme?: 'light' | 'dark'
}

/**
 * Browser side: clicks the first room and resolves with the ms until one of its rows is painted
 * inside the list's viewport (for page.evaluate; also used by trace.ts).
 */
export function clickRoomAndWaitForRows(): Promise<number> {
  return new Promise<number>((resolve) => {
    // Done when the first message row is painted inside the list's viewport. Intersection
    // observations are computed in the frame's rendering step, after the frame's scroll and
    // layout, and delivered as a task after that frame: the callback runs once the frame that
    // shows the row has been painted. (Rows that exist but sit outside the view, e.g. before
    // the list has scrolled to its end, do not count: the user does not see them.)
    const button = document.querySelector<HTMLButtonElement>('.room-button')!
    const watched = new WeakSet<Element>()
    let observer: IntersectionObserver | null = null
    let done = false
    const finish = (): void => {
      done = true
      observer?.disconnect()
      resolve(performance.now() - t0)
    }
    // Each frame (before its layout) puts new rows under observation; a row added in a task
    // is seen by the next frame's callback, which is the frame that paints it.
    const watchRows = (): void => {
      if (done) return
      const root = document.querySelector('.history')
      if (root && !observer)
        observer = new IntersectionObserver(
          (entries) => {
            if (!done && entries.some((e) => e.isIntersecting)) finish()
          },
          { root },
        )
      if (observer)
        for (const row of Array.from(document.querySelectorAll('.message')))
          if (!watched.has(row)) {
            watched.add(row)
            observer.observe(row)
          }
      requestAnimationFrame(watchRows)
    }
    const t0 = performance.now()
    button.click()
    requestAnimationFrame(watchRows)
  })
}

/** Runs one scenario in a fresh page. */
export async function runScenario(
  opts: ScenarioOptions,
): Promise<{ open: OpenFigures; burst: BurstFigures | null }> {
  const context = await opts.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // tsx compiles this file with keepNames, so functions passed to page.evaluate call __name().
  await page.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
  await page.addInitScript(
    `window.__benchConfig = { count: ${opts.count}, windowed: ${opts.windowed === true} };`,
  )
  await page.addInitScript(opts.fakeApiSource)
  await page.goto(opts.url)
  await page.waitForSelector('.room-button', { timeout: 60_000 })
  // A user clicks a room once the window has settled: let the app's start-up work (and what it
  // leaves for idle time) finish, so the open is measured alone.
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })),
  )
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const before = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }

  const openMs = await page.evaluate(clickRoomAndWaitForRows)
  const domRows = await page.locator('.message').count()
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  const open: OpenFigures = {
    openMs,
    domRows,
    heapMb: usedSize / 1024 / 1024,
    heapBeforeMb: before.usedSize / 1024 / 1024,
  }

  let burst: BurstFigures | null = null
  if (opts.burst > 0) {
    const figures = await page.evaluate(async (total) => {
      const long: number[] = []
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) long.push(e.duration)
      })
      observer.observe({ type: 'longtask' })
      let last = performance.now()
      let gap = 0
      let running = true
      const tick = (t: number): void => {
        gap = Math.max(gap, t - last)
        last = t
        if (running) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
      const { batches } = await window.__bench!.burst(total, 1000)
      // Wait (frame by frame, 5 s at most) until the list has settled at its end, then give the
      // observer a frame to deliver its last entries.
      const el = document.querySelector('.history')!
      const settledAt = (): boolean => el.scrollHeight - el.scrollTop - el.clientHeight <= 48
      const deadline = performance.now() + 5000
      let stableFrames = 0
      while (stableFrames < 3 && performance.now() < deadline) {
        await new Promise((r) => requestAnimationFrame(r))
        stableFrames = settledAt() ? stableFrames + 1 : 0
      }
      await new Promise((r) => setTimeout(r, 50))
      running = false
      observer.disconnect()
      return {
        batches,
        long,
        gap,
        rows: document.querySelectorAll('.message').length,
        atBottom: el.scrollHeight - el.scrollTop - el.clientHeight <= 48,
      }
    }, opts.burst)
    burst = {
      messages: opts.burst,
      batches: figures.batches,
      longestTaskMs: Math.max(0, ...figures.long),
      longTasks: figures.long.length,
      longestFrameGapMs: figures.gap,
      domRowsAfter: figures.rows,
      atBottom: figures.atBottom,
    }
  }
  await context.close()
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`)
  return { open, burst }
}
