/**
 * What the soak's users do: each core keeps sending, editing and deleting its user's messages in
 * the soak rooms, and the ledger remembers every request so the end checks can account for it.
 */
import type { RoomKey } from '../src/shared/ipc-contract'
import { AppError } from '../src/shared/errors'
import type { SoakCore } from './soak-core'

/** Every soak body starts with a tag naming the device and the send: `[soak alice-1 42]`. */
export const TAG_RE = /^\[soak [^\]]+\]/

/** What users asked for during the run. */
export interface Ledger {
  /** `twin`: one of identical texts sent at once from two devices of one user (same tag). */
  sends: { core: string; room: RoomKey; clientId: string; tag: string; twin: boolean }[]
  edits: { core: string; room: RoomKey; messageId: string; body: string }[]
  deletes: { core: string; room: RoomKey; messageId: string }[]
  /** Commands the core refused at once (e.g. editing a message the other device just deleted). */
  refused: string[]
}

export function createLedger(): Ledger {
  return { sends: [], edits: [], deletes: [], refused: [] }
}

const WORDS = ['quiz', 'algebra', 'notes', 'ok', 'see you', 'chapter 3', 'emoji 😀', 'naïve café']

/** Runs until `stop()`: each core acts every 40-120 ms. */
export function startWorkload(
  cores: SoakCore[],
  rooms: RoomKey[],
  ledger: Ledger,
): { stop(): void } {
  let running = true
  const counters = new Map<string, number>()
  const pick = <T>(list: readonly T[]): T | undefined =>
    list[Math.floor(Math.random() * list.length)]

  async function act(core: SoakCore): Promise<void> {
    const room = pick(rooms)!
    const roll = Math.random()
    try {
      if (roll < 0.6) {
        const n = (counters.get(core.name) ?? 0) + 1
        counters.set(core.name, n)
        const tag = `[soak ${core.name} ${n}]`
        const { clientId } = await core.service.sendMessage(room, `${tag} ${pick(WORDS)}`)
        ledger.sends.push({ core: core.name, room, clientId, tag, twin: false })
        return
      }
      // Own confirmed soak messages not already being changed (any device of the same user).
      const target = pick(
        core
          .messages(room)
          .filter(
            (m) =>
              m.own && m.status === 'confirmed' && m.pendingAction === null && TAG_RE.test(m.body),
          ),
      )
      if (!target) return
      if (roll < 0.85) {
        const body = `${TAG_RE.exec(target.body)![0]} edited by ${core.name} ${Date.now() % 100000}`
        await core.service.editMessage(room, target.id, body)
        ledger.edits.push({ core: core.name, room, messageId: target.id.toLowerCase(), body })
      } else {
        await core.service.deleteMessage(room, target.id)
        ledger.deletes.push({ core: core.name, room, messageId: target.id.toLowerCase() })
      }
    } catch (error) {
      // Refused before anything was queued, with a reason the user sees.
      if (!(error instanceof AppError)) throw error
      ledger.refused.push(`${core.name}: ${error.message}`)
    }
  }

  // Two devices of one user send the same text at the same moment: both echoes look alike, and
  // each device must still confirm exactly one message while the server stores both.
  let twinCount = 0
  async function actTwice(devices: SoakCore[]): Promise<void> {
    const room = pick(rooms)!
    const tag = `[soak twin ${devices[0]!.username} ${++twinCount}]`
    const body = `${tag} ${pick(WORDS)}`
    const sent = await Promise.allSettled(devices.map((d) => d.service.sendMessage(room, body)))
    sent.forEach((result, i) => {
      const core = devices[i]!.name
      if (result.status === 'fulfilled')
        ledger.sends.push({ core, room, clientId: result.value.clientId, tag, twin: true })
      else if (result.reason instanceof AppError)
        ledger.refused.push(`${core}: ${result.reason.message}`)
      else throw result.reason
    })
  }
  const byUser = new Map<string, SoakCore[]>()
  for (const core of cores) byUser.set(core.username, [...(byUser.get(core.username) ?? []), core])
  const twins = [...byUser.values()].filter((devices) => devices.length > 1)

  const loop = async (step: () => Promise<void>, minMs: number, spreadMs: number) => {
    while (running) {
      await step()
      await new Promise((resolve) => setTimeout(resolve, minMs + Math.random() * spreadMs))
    }
  }
  const loops = [
    ...cores.map((core) => loop(() => act(core), 40, 80)),
    ...twins.map((devices) => loop(() => actTwice(devices), 300, 600)),
  ]
  void Promise.all(loops)
  return {
    stop() {
      running = false
    },
  }
}
