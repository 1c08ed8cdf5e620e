/** Types for tools/package-bin.mjs (plain ESM so npm scripts run without a TypeScript loader). */

/** The absolute path of `pkg`'s bin script `name` (default: the package name), resolved from `fromDir`. */
export function packageBin(pkg: string, name?: string, fromDir?: string): string
