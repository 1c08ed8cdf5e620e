/** Turns what a `ws` socket delivers into a validated server frame, or the reason it is not one. */
import { decodeServerFrame } from '../../../../shared/frames'
import type { Decoded } from '../../../../shared/decode'
import type { ServerFrame } from '../../../../shared/frames'

/** The payload shapes `ws` emits with 'message'. */
export type RawFrame = Buffer | ArrayBuffer | Buffer[]

function toBuffer(data: RawFrame): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? Buffer.from(data) : data
}

/** Decodes one inbound frame; binary frames are never chat frames. Never throws. */
export function decodeInbound(data: RawFrame, isBinary: boolean): Decoded<ServerFrame> {
  const buffer = toBuffer(data)
  if (isBinary) return { ok: false, reason: `binary frame of ${buffer.length} bytes ignored` }
  return decodeServerFrame(buffer.toString('utf8'))
}
