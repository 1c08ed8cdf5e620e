/**
 * The update feed electron-builder publishes next to each release: `latest.yml` (Windows),
 * `latest-mac.yml`, `latest-linux.yml` (and `latest-linux-arm64.yml`). Only the subset
 * electron-builder writes is read: top-level `key: value` scalars, the `files:` list of maps and
 * block scalars (`releaseNotes: |`), which are kept as text. Anything else is a clear error.
 */
import { z } from 'zod'
import { parseVersion } from './version'

export interface FeedFile {
  url: string
  sha512: string
  size: number
}

export interface UpdateFeed {
  version: string
  files: FeedFile[]
  releaseDate: string | null
  /** Percentage of installs offered this release (staged rollout); null means everyone. */
  stagingPercentage: number | null
  releaseNotes: string | null
}

/** The feed file for a platform and architecture, as electron-builder names it. */
export function feedFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'darwin') return 'latest-mac.yml'
  if (platform === 'win32') return 'latest.yml'
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`
}

function scalar(raw: string): string {
  const text = raw.trim()
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2)
    return text.slice(1, -1).replace(/''/g, "'")
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2)
    return JSON.parse(text) as string
  return text
}

type Raw = Record<string, string | Record<string, string>[]>

function parseYamlSubset(text: string): Raw {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const out: Raw = {}
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    i += 1
    if (!line.trim() || line.trimStart().startsWith('#')) continue
    const top = /^([A-Za-z][\w-]*):(?:\s+(.*))?$/.exec(line)
    if (!top)
      throw new Error(
        `line ${i}: expected "key: value", found ${JSON.stringify(line.slice(0, 60))}`,
      )
    const key = top[1]!
    const value = (top[2] ?? '').trim()
    // Everything indented below belongs to this key.
    const block: string[] = []
    while (i < lines.length && (/^\s/.test(lines[i]!) || !lines[i]!.trim())) block.push(lines[i++]!)
    if (/^[|>][-+]?$/.test(value))
      out[key] = block
        .map((l) => l.trim())
        .join('\n')
        .trim()
    else if (value) out[key] = scalar(value)
    else out[key] = parseList(block, key)
  }
  return out
}

function parseList(block: string[], key: string): Record<string, string>[] {
  const items: Record<string, string>[] = []
  for (const line of block) {
    if (!line.trim()) continue
    const item = /^\s+-\s+([A-Za-z][\w-]*):\s*(.*)$/.exec(line)
    const more = /^\s+([A-Za-z][\w-]*):\s*(.*)$/.exec(line)
    if (item) items.push({ [item[1]!]: scalar(item[2]!) })
    else if (more && items.length) items[items.length - 1]![more[1]!] = scalar(more[2]!)
    else throw new Error(`"${key}" is not a list of maps`)
  }
  return items
}

const FeedSchema = z.object({
  version: z.string().refine((v) => parseVersion(v) !== null, 'is not a version (1.2.3)'),
  files: z
    .array(
      z.object({
        url: z.string().min(1),
        sha512: z.string().min(1),
        size: z.coerce.number().int().positive(),
      }),
    )
    .min(1),
  releaseDate: z.string().optional(),
  stagingPercentage: z.coerce.number().min(0).max(100).optional(),
  releaseNotes: z.string().optional(),
})

/** The feed in `text`, or the reason it cannot be used. */
export function parseUpdateFeed(
  text: string,
): { ok: true; feed: UpdateFeed } | { ok: false; problem: string } {
  let raw: Raw
  try {
    raw = parseYamlSubset(text)
  } catch (error) {
    return { ok: false, problem: `the update feed is not readable: ${(error as Error).message}` }
  }
  const parsed = FeedSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      problem:
        `the update feed is not usable: ${issue?.path.join('.') || 'feed'} ${issue?.message ?? ''}`.trim(),
    }
  }
  const feed = parsed.data
  return {
    ok: true,
    feed: {
      version: feed.version,
      files: feed.files,
      releaseDate: feed.releaseDate ?? null,
      stagingPercentage: feed.stagingPercentage ?? null,
      releaseNotes: feed.releaseNotes ?? null,
    },
  }
}
