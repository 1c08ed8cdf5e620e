/** Demo media: avatars are generated PNGs (one flat colour per user), so the repo holds no binaries. */
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A size×size PNG: a filled circle of `rgb` on a transparent background. */
export function circlePng(size: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(6, 9) // RGBA
  const rows: number[] = []
  const r = size / 2
  for (let y = 0; y < size; y++) {
    rows.push(0) // filter: none
    for (let x = 0; x < size; x++) {
      const inside = (x + 0.5 - r) ** 2 + (y + 0.5 - r) ** 2 <= r * r
      rows.push(rgb[0], rgb[1], rgb[2], inside ? 255 : 0)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const AVATAR_COLOURS: Record<string, [number, number, number]> = {
  'avatars/bob.png': [59, 130, 246],
}
const cache = new Map<string, Buffer>()

/** The bytes of a media file, or null when there is none. */
export function mediaFile(path: string): Buffer | null {
  const colour = AVATAR_COLOURS[path]
  if (!colour) return null
  let png = cache.get(path)
  if (!png) {
    png = circlePng(64, colour)
    cache.set(path, png)
  }
  return png
}
