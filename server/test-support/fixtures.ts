/** Small helpers shared by the conformance suites. */
import { randomUUID } from 'node:crypto'
import { demoUsers } from '../store/seed'
import { ProtocolClient } from './protocol-client'
import type { OpenSocketOptions, SocketProbe } from './socket-probe'
import { openSocket } from './socket-probe'

/** One of the demo accounts of docs/protocol.md §5. */
export type DemoName = keyof typeof demoUsers

/** A client signed in as a demo user: its token is also in its cookie jar. */
export async function signedIn(
  url: string,
  who: DemoName,
): Promise<{ client: ProtocolClient; token: string }> {
  const client = new ProtocolClient(url)
  const u = demoUsers[who]
  const token = await client.signIn(u.email, u.password)
  return { client, token }
}

/** Opens a socket that must be accepted, or throws with the refusal status. */
export async function mustOpen(
  url: string,
  host: string,
  room: string,
  token: string,
  opts?: OpenSocketOptions,
): Promise<SocketProbe> {
  const opened = await openSocket(url, host, room, token, opts)
  if (!opened.ok) throw new Error(`socket to ${host}/${room} refused with HTTP ${opened.status}`)
  return opened.probe
}

/**
 * Close codes of a socket whose server-side consumer crashed (docs/protocol.md §4): uvicorn drops the
 * TCP connection (1006), daphne closes with 1011. Conformance tests accept either.
 */
export const CRASH_CLOSE_CODES: readonly number[] = [1006, 1011]

/** A body no other test run has used, so tests never depend on a fresh database. */
export function uniqueBody(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`
}

/** A unique, valid username for registerUser. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`
}

/** Skips the running test with one printed line saying why. */
export function skipBecause(ctx: { skip: (note?: string) => void }, reason: string): void {
  console.log(reason)
  ctx.skip(reason)
}
