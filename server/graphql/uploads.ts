/**
 * The GraphQL multipart request spec (graphene-file-upload on the real server): a
 * `multipart/form-data` POST with an `operations` field (the JSON request), a `map` field
 * (`{"0": ["variables.avatar"]}`) and the files, which replace the named variables.
 */
import { Busboy } from '@fastify/busboy'
import type { IncomingMessage } from 'node:http'

/** A file that arrived in a multipart request. `truncated`: it was larger than the limit. */
export interface UploadedFile {
  readonly kind: 'upload'
  filename: string
  mimeType: string
  data: Buffer
  truncated: boolean
}

/** Limits of one multipart request. */
export interface MultipartLimits {
  /** Largest file kept; a larger one arrives with `truncated: true` (and its first bytes). */
  maxFileBytes: number
  /** Largest `operations`/`map` field. */
  maxFieldBytes: number
  /** Most files in one request. */
  maxFiles: number
}

/** The request as the GraphQL view reads it, or why the multipart body is unusable (HTTP 400). */
export type MultipartResult = { ok: true; input: unknown } | { ok: false; message: string }

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as UploadedFile).kind === 'upload'
}

/** True for a multipart/form-data request. */
export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')
}

const invalid = (why: string): MultipartResult => ({
  ok: false,
  message: `Invalid multipart request: ${why}.`,
})

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Own, non-prototype keys only: a map path can never reach Object.prototype. */
const SAFE_KEY = /^(?!__proto__$|constructor$|prototype$)[\w$-]+$/

/** Puts `file` at `path` ("variables.avatar", "variables.files.0") inside `operations`. */
function place(operations: Record<string, unknown>, path: string, file: UploadedFile): boolean {
  const keys = path.split('.')
  if (keys[0] !== 'variables' || keys.length < 2 || !keys.every((k) => SAFE_KEY.test(k)))
    return false
  let target: unknown = operations
  for (const key of keys.slice(0, -1)) {
    const next: unknown = (target as Record<string, unknown>)[key]
    if (next === undefined || next === null) {
      const created: Record<string, unknown> = {}
      ;(target as Record<string, unknown>)[key] = created
      target = created
    } else if (typeof next === 'object') target = next
    else return false
  }
  ;(target as Record<string, unknown>)[keys[keys.length - 1]!] = file
  return true
}

/** Reads the whole multipart body (within the limits) and assembles the GraphQL request. */
export function readGraphQLMultipart(
  req: IncomingMessage,
  limits: MultipartLimits,
): Promise<MultipartResult> {
  return new Promise((resolve) => {
    const fields = new Map<string, string>()
    const files = new Map<string, UploadedFile>()
    let problem: string | null = null
    let busboy: ReturnType<typeof Busboy>
    try {
      busboy = Busboy({
        headers: { ...req.headers, 'content-type': req.headers['content-type'] ?? '' },
        limits: {
          fileSize: limits.maxFileBytes,
          fieldSize: limits.maxFieldBytes,
          files: limits.maxFiles,
          fields: 2,
        },
      })
    } catch (error) {
      req.resume()
      resolve(invalid((error as Error).message.replace(/\.$/, '')))
      return
    }
    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated)
        problem ??= `the '${name}' field is larger than ${limits.maxFieldBytes} bytes`
      fields.set(name, value)
    })
    busboy.on('file', (name, stream, filename, _encoding, mimeType) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        files.set(name, {
          kind: 'upload',
          filename,
          mimeType,
          data: Buffer.concat(chunks),
          truncated: stream.truncated,
        })
      })
    })
    busboy.on('filesLimit', () => {
      problem ??= `at most ${limits.maxFiles} files may be sent`
    })
    busboy.on('fieldsLimit', () => {
      problem ??= "only the 'operations' and 'map' fields may accompany the files"
    })
    busboy.on('error', (error: unknown) => {
      req.unpipe(busboy)
      req.resume()
      resolve(invalid(String((error as Error)?.message ?? error).replace(/\.$/, '')))
    })
    busboy.on('finish', () => resolve(problem ? invalid(problem) : assemble(fields, files)))
    req.pipe(busboy)
  })
}

function assemble(fields: Map<string, string>, files: Map<string, UploadedFile>): MultipartResult {
  if (!fields.has('operations')) return invalid("the 'operations' field is missing")
  const operations = parseJson(fields.get('operations'))
  if (typeof operations !== 'object' || operations === null)
    return invalid("'operations' is not a JSON object")
  if (Array.isArray(operations)) return { ok: true, input: operations }
  const map = parseJson(fields.get('map') ?? '{}')
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    return invalid("'map' is not a JSON object")
  for (const [key, paths] of Object.entries(map as Record<string, unknown>)) {
    const file = files.get(key)
    if (!file) return invalid(`the file '${key}' named in 'map' was not sent`)
    if (!Array.isArray(paths) || paths.length === 0)
      return invalid(`'map' entry '${key}' must be a list of variable paths`)
    for (const path of paths) {
      const ops = operations as Record<string, unknown>
      if (typeof path !== 'string' || !place(ops, path, file))
        return invalid(`'map' path ${JSON.stringify(path)} does not name a variable`)
    }
  }
  return { ok: true, input: operations }
}
