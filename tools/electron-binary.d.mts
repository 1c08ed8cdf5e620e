/** Types for tools/electron-binary.mjs (plain ESM so `npm start` runs without a TypeScript loader). */

/** The executable's path inside an Electron dist directory for this platform. */
export function platformExecutable(platform?: NodeJS.Platform): string

/** Directory of the installed electron package, or null. */
export function electronPackageDir(fromDir?: string): string | null

/** The Electron binary, or why there is none (exactly one of the two is null). */
export function findElectronBinary(options?: {
  env?: Readonly<Record<string, string | undefined>>
  packageDir?: string | null
}): { path: string; reason: null } | { path: null; reason: string }
