/**
 * Reads a response body up to a cap: a server (or anything pretending to be one) that answers
 * with hundreds of megabytes stops with a clear error instead of filling the main process.
 */
import { AppError } from '../../../shared/errors'
import { text } from '../../../shared/i18n'

/** The largest GraphQL answer the app reads (a 100k-message history is about 30 MiB). */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

function tooLarge(baseUrl: string, cap: number): AppError {
  const mib = cap >= 2 ** 20 ? `${Math.round(cap / 2 ** 20)} MiB` : `${Math.ceil(cap / 1024)} KiB`
  return new AppError('protocol', text('error.tooLarge', { server: baseUrl, size: mib }))
}

/** The body as text, or AppError('protocol') once it passes `cap` bytes. */
export async function readBoundedText(
  response: Response,
  baseUrl: string,
  cap: number = MAX_RESPONSE_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(baseUrl, cap)
  }
  if (!response.body) return response.text()
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const parts: string[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > cap) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(baseUrl, cap)
    }
    parts.push(decoder.decode(value, { stream: true }))
  }
  parts.push(decoder.decode())
  return parts.join('')
}
