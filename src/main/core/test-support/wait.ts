/** Poll-until with a deadline: waits on a condition instead of sleeping a fixed time. */

/** Resolves with the first truthy value of `probe`, or rejects after `deadlineMs` naming `what`. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  what: string,
  deadlineMs = 15_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + deadlineMs
  for (;;) {
    const value = await probe()
    if (value) return value as NonNullable<T>
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Prints one clear line saying why a test skips (never skip silently). */
export function skipNote(reason: string): string {
  console.warn(reason)
  return reason
}
