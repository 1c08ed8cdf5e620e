/** A failure the UI can act on: its code crosses IPC intact inside a Result. */
import type { AppErrorShape, ErrorCode, FieldErrors, Result } from './ipc-contract'
import { text } from './i18n'

export class AppError extends Error {
  /** A server form's errors by field (registerUser, createRoom, updateUser…), when it sent them. */
  readonly fields: FieldErrors | undefined

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; fields?: FieldErrors },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.fields = options?.fields
  }

  toShape(): AppErrorShape {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message }
  }
}

/**
 * A Django server refused the `Host` of our requests (not in its ALLOWED_HOSTS): an EduSphere
 * server, just one that must be told about this address, so "not an EduSphere server" would mislead.
 */
export function hostNotAllowedError(host: string): AppError {
  return new AppError('host-not-allowed', text('error.hostNotAllowed', { host }))
}

/** Converts anything thrown into the error half of a Result, never leaking internals as codes. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape()
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: text('error.unexpected', { detail: message }) }
}

/** Runs `fn` and wraps its outcome in a Result. */
export async function toResult<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    return { ok: false, error: toErrorShape(error) }
  }
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
