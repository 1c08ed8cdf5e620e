/**
 * The chaos of the soak: the server is SIGKILLed and restarted at a steady cadence, and between
 * kills the proxy cuts every connection, stalls them half-open until the heartbeat notices, or
 * delays bytes. Measures how long the cores take to notice and to come back.
 */
import type { RoomKey } from '../src/shared/ipc-contract'
import type { TcpProxy } from '../src/main/core/test-support/tcp-proxy'
import type { ServerProcess } from './server-process'
import type { SoakCore } from './soak-core'

/** What the chaos did and what it measured. */
export interface FaultFigures {
  kills: number
  cuts: number
  stalls: number
  delays: number
  /** ms from the server listening again to each core-room being connected again. */
  reconnectAfterServerBack: number[]
  /** ms from a stall to each connected core-room leaving `connected` (the heartbeat's verdict). */
  halfOpenDetection: number[]
  /** Core-rooms that had not reconnected (or detected a stall) within the deadline. */
  misses: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `probe` every 10 ms until true or `deadlineMs` passed; returns whether it became true. */
async function until(probe: () => boolean, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs
  while (!probe()) {
    if (Date.now() > end) return false
    await sleep(10)
  }
  return true
}

/** Runs `kills` kill/restart cycles spread over `seconds`, with one proxy fault after each. */
export async function runChaos(opts: {
  server: ServerProcess
  proxy: TcpProxy
  cores: SoakCore[]
  /** Every room each core keeps open. */
  rooms: Map<SoakCore, RoomKey[]>
  seconds: number
  kills: number
}): Promise<FaultFigures> {
  const { server, proxy, cores, rooms } = opts
  const figures: FaultFigures = {
    kills: 0,
    cuts: 0,
    stalls: 0,
    delays: 0,
    reconnectAfterServerBack: [],
    halfOpenDetection: [],
    misses: [],
  }
  const pairs = cores.flatMap((core) => rooms.get(core)!.map((room) => ({ core, room })))
  const label = (p: { core: SoakCore; room: RoomKey }) => `${p.core.name} ${p.room}`
  const allConnected = () => pairs.every((p) => p.core.state(p.room) === 'connected')
  const start = Date.now()
  const slot = (opts.seconds * 1000) / opts.kills
  let faultIndex = 0

  /** Stalls every connection half-open until each core-room's heartbeat gives up on it. */
  async function stall(cycle: number): Promise<void> {
    const stalledAt = Date.now()
    proxy.stall()
    figures.stalls++
    await Promise.all(
      pairs.map(async (p) => {
        const changes = () => p.core.timeline.get(p.room) ?? []
        const gone = () => changes().find((c) => c.at >= stalledAt && c.state !== 'connected')
        if (await until(() => gone() !== undefined, 10_000))
          figures.halfOpenDetection.push(gone()!.at - stalledAt)
        else figures.misses.push(`${label(p)} did not detect the stall of cycle ${cycle + 1}`)
      }),
    )
    proxy.resume()
  }

  for (let k = 0; k < opts.kills; k++) {
    // Let the cores work for a while in each slot before the server dies.
    await sleep(Math.max(0, start + k * slot + slot * 0.3 - Date.now()))
    await server.kill()
    figures.kills++
    await server.start()
    const backAt = server.upAt.at(-1)!
    await Promise.all(
      pairs.map(async (p) => {
        const changes = () => p.core.timeline.get(p.room) ?? []
        const back = await until(
          () => changes().some((c) => c.at >= backAt && c.state === 'connected'),
          20_000,
        )
        const at = changes().find((c) => c.at >= backAt && c.state === 'connected')?.at
        if (back && at !== undefined) figures.reconnectAfterServerBack.push(at - backAt)
        else figures.misses.push(`${label(p)} did not reconnect after restart ${k + 1}`)
      }),
    )

    // At least one proxy fault per slot, more while the slot has time left (longer runs).
    const slotEnd = start + (k + 1) * slot
    do {
      const fault = (['stall', 'cut', 'delay'] as const)[faultIndex++ % 3]!
      await until(allConnected, 5000)
      if (fault === 'cut') {
        proxy.cutAll()
        figures.cuts++
      } else if (fault === 'delay') {
        proxy.delay(20 + Math.floor(Math.random() * 60))
        figures.delays++
        await sleep(Math.min(1500, slot / 3))
        proxy.delay(0)
      } else if (allConnected()) await stall(k)
      await sleep(300)
    } while (Date.now() < slotEnd - 3000)
  }
  return figures
}
