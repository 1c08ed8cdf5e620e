/**
 * Renders the app and tray icons from their SVG sources (build/svg/) into the PNGs electron-builder
 * and the tray use, with resvg (@resvg/resvg-js: a maintained renderer with prebuilt binaries from
 * the registry; a devDependency, the app itself never loads it). Deterministic:
 * tools/packaging.test.ts checks the committed PNGs match their sources.
 *
 *   node --import tsx tools/make-icons.ts [outDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { TRAY_DIR, TRAY_ICON_FILES } from '../src/main/core/shell/icon-files'
import type { TrayIcon } from '../src/main/core/shell/tray-model'

/** The SVG sources, under build/. */
export const SVG_DIR = join(dirname(fileURLToPath(import.meta.url)), '../build/svg')

/** `svg` as a size×size PNG. No system fonts: the icons are shapes only, so output never varies. */
export function renderSvg(svg: string, size: number): Buffer {
  return new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng()
}

const source = (name: string): string => readFileSync(join(SVG_DIR, name), 'utf8')

/** Every icon file, by path relative to build/. */
export function renderIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const app = source('app-icon.svg')
  const big = renderSvg(app, 512)
  files.set('icon.png', big)
  files.set('icons/512x512.png', big)
  files.set('icons/256x256.png', renderSvg(app, 256))
  for (const [kind, name] of Object.entries(TRAY_ICON_FILES) as [TrayIcon, string][]) {
    const svg = source(`tray-${kind}.svg`)
    files.set(`${TRAY_DIR}/${name}`, renderSvg(svg, 16))
    files.set(`${TRAY_DIR}/${name.replace('.png', '@2x.png')}`, renderSvg(svg, 32))
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
