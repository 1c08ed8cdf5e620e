/**
 * Draws the app and tray icons and writes them as PNGs into build/. No image library is installed,
 * so this is a tiny anti-aliased rasteriser (signed distances, 4×4 supersampling) and a PNG
 * encoder on node:zlib. Deterministic: tools/packaging.test.ts checks the committed files match.
 *
 *   node --import tsx tools/make-icons.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import { TRAY_DIR, TRAY_ICON_FILES } from '../src/main/core/shell/icon-files'
import type { TrayIcon } from '../src/main/core/shell/tray-model'

type Rgba = readonly [number, number, number, number]
/** Signed distance at (x, y) in unit icon space: negative inside. */
type Sdf = (x: number, y: number) => number
interface Layer {
  shape: Sdf
  color: Rgba | ((x: number, y: number) => Rgba)
}

const BLUE: Rgba = [37, 99, 235, 255]
const WHITE: Rgba = [255, 255, 255, 255]
const RED: Rgba = [239, 68, 68, 255]
const GREY: Rgba = [128, 128, 128, 255]

function roundedRect(cx: number, cy: number, hw: number, hh: number, r: number): Sdf {
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw + r
    const qy = Math.abs(y - cy) - hh + r
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }
}

function circle(cx: number, cy: number, r: number): Sdf {
  return (x, y) => Math.hypot(x - cx, y - cy) - r
}

function segment(ax: number, ay: number, bx: number, by: number, halfWidth: number): Sdf {
  return (x, y) => {
    const px = x - ax
    const py = y - ay
    const dx = bx - ax
    const dy = by - ay
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)))
    return Math.hypot(px - dx * t, py - dy * t) - halfWidth
  }
}

/** Convex polygon, points clockwise in screen space. */
function polygon(points: readonly (readonly [number, number])[]): Sdf {
  return (x, y) => {
    let d = -Infinity
    for (let i = 0; i < points.length; i++) {
      const [ax, ay] = points[i]!
      const [bx, by] = points[(i + 1) % points.length]!
      const nx = by - ay
      const ny = ax - bx
      const len = Math.hypot(nx, ny)
      d = Math.max(d, ((x - ax) * nx + (y - ay) * ny) / len)
    }
    return d
  }
}

function union(...shapes: Sdf[]): Sdf {
  return (x, y) => Math.min(...shapes.map((s) => s(x, y)))
}

/** The speech bubble every icon is built around. */
function bubble(scale: number, cx: number, cy: number): Sdf {
  const s = scale
  return union(
    roundedRect(cx, cy, 0.4 * s, 0.3 * s, 0.12 * s),
    polygon([
      [cx - 0.22 * s, cy + 0.2 * s],
      [cx - 0.02 * s, cy + 0.2 * s],
      [cx - 0.3 * s, cy + 0.46 * s],
    ]),
  )
}

function dots(scale: number, cx: number, cy: number): Sdf[] {
  return [-1, 0, 1].map((i) => circle(cx + i * 0.2 * scale, cy, 0.06 * scale))
}

function render(size: number, layers: readonly Layer[]): Buffer {
  const sub = 4
  const pixels = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < sub; sy++) {
        for (let sx = 0; sx < sub; sx++) {
          const x = (px + (sx + 0.5) / sub) / size
          const y = (py + (sy + 0.5) / sub) / size
          // Composite the layers with "over" in premultiplied alpha.
          let cr = 0
          let cg = 0
          let cb = 0
          let ca = 0
          for (const layer of layers) {
            if (layer.shape(x, y) > 0) continue
            const c = typeof layer.color === 'function' ? layer.color(x, y) : layer.color
            const la = c[3] / 255
            cr = c[0] * la + cr * (1 - la)
            cg = c[1] * la + cg * (1 - la)
            cb = c[2] * la + cb * (1 - la)
            ca = la + ca * (1 - la)
          }
          r += cr
          g += cg
          b += cb
          a += ca
        }
      }
      const n = sub * sub
      const alpha = a / n
      const o = (py * size + px) * 4
      pixels[o] = alpha ? Math.round(r / n / alpha) : 0
      pixels[o + 1] = alpha ? Math.round(g / n / alpha) : 0
      pixels[o + 2] = alpha ? Math.round(b / n / alpha) : 0
      pixels[o + 3] = Math.round(alpha * 255)
    }
  }
  return encodePng(size, size, pixels)
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** Encodes 8-bit RGBA pixels as a PNG. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0 // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function appIcon(size: number): Buffer {
  const gradient = (_x: number, y: number): Rgba => [
    Math.round(59 + (29 - 59) * y),
    Math.round(130 + (78 - 130) * y),
    Math.round(246 + (216 - 246) * y),
    255,
  ]
  return render(size, [
    { shape: roundedRect(0.5, 0.5, 0.46, 0.46, 0.2), color: gradient },
    { shape: bubble(0.8, 0.5, 0.44), color: WHITE },
    ...dots(0.8, 0.5, 0.44).map((shape) => ({ shape, color: BLUE })),
  ])
}

function trayIcon(kind: TrayIcon, size: number): Buffer {
  const color = kind === 'disconnected' ? GREY : BLUE
  const layers: Layer[] = [
    { shape: bubble(1.1, 0.5, 0.4), color },
    ...dots(1.1, 0.5, 0.4).map((shape) => ({ shape, color: WHITE })),
  ]
  if (kind === 'unread') {
    layers.push({ shape: circle(0.8, 0.22, 0.22), color: WHITE })
    layers.push({ shape: circle(0.8, 0.22, 0.17), color: RED })
  }
  if (kind === 'disconnected') {
    layers.push({ shape: segment(0.12, 0.88, 0.88, 0.12, 0.1), color: WHITE })
    layers.push({ shape: segment(0.12, 0.88, 0.88, 0.12, 0.055), color: [60, 60, 60, 255] })
  }
  return render(size, layers)
}

/** Every icon file, by path relative to build/. */
export function renderIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const big = appIcon(512)
  files.set('icon.png', big)
  files.set('icons/512x512.png', big)
  files.set('icons/256x256.png', appIcon(256))
  for (const [kind, name] of Object.entries(TRAY_ICON_FILES) as [TrayIcon, string][]) {
    files.set(`${TRAY_DIR}/${name}`, trayIcon(kind, 16))
    files.set(`${TRAY_DIR}/${name.replace('.png', '@2x.png')}`, trayIcon(kind, 32))
  }
  return files
}

function main(): void {
  const outDir = resolve(
    process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../build'),
  )
  for (const [path, data] of renderIcons()) {
    const file = join(outDir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, data)
    console.log(`wrote ${file} (${data.length} bytes)`)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
