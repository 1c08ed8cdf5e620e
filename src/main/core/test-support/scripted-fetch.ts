/**
 * A scripted fetch for unit tests of the GraphQL client: records what the client sent and answers
 * what the test says, for server behaviour that is hard to provoke on a real server.
 */
import { AppError } from '../../../shared/errors'

/** One request as the scripted server saw it (header names lower-cased). */
export interface Seen {
  url: string
  method: string
  headers: Record<string, string>
  body: { query: string; variables: Record<string, unknown> } | null
}

/** What the scripted server answers: JSON unless `type` says otherwise. */
export type Answer = { status?: number; body: string; type?: string; cookies?: string[] }

/** A fetch that records every request and answers with `answer`. */
export function scripted(answer: (req: Seen) => Answer) {
  const seen: Seen[] = []
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    )
    const req: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    }
    seen.push(req)
    const a = answer(req)
    const h = new Headers({ 'content-type': a.type ?? 'application/json' })
    for (const c of a.cookies ?? []) h.append('set-cookie', c)
    return new Response(a.body, { status: a.status ?? 200, headers: h })
  }) as typeof fetch
  return { fetchFn, seen }
}

/** /api/csrf/ as the real server answers it. */
export const csrfAnswer = (token: string): Answer => ({
  body: '{"SetCsrfToken": "X-CSRFToken"}',
  cookies: [`csrftoken=${token}; Path=/; SameSite=Lax`],
})

export const payload = { email: 'alice@example.com', exp: 2000, origIat: 1400 }
export const tokenAuthData = {
  token: 'tok',
  payload,
  refreshExpiresIn: 9999,
  success: true,
  user: { id: '1', username: 'alice', name: 'Alice' },
}

/** The AppError `p` rejects with (fails the test on anything else). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
  return error
}
