/**
 * Runs `task` once the window is idle (requestIdleCallback), at most `timeoutMs` later; where the
 * page has no idle callbacks (test DOMs), after a zero timeout. Returns a cancel function.
 */
export function whenIdle(task: () => void, timeoutMs = 500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => task(), { timeout: timeoutMs })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(task, 0)
  return () => clearTimeout(id)
}
