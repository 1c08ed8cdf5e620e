/**
 * One seed for every fast-check property and fuzz test of a vitest run, registered once as a vitest
 * `setupFiles` module (vitest.config.ts) instead of per test:
 * - `FC_SEED=<int>` replays a run (the number a failure printed);
 * - else under `CI=true` a fixed seed, so CI is deterministic;
 * - else a fresh random seed, so local runs keep exploring.
 * A failed property already names its seed in fast-check's message; the hook below adds the exact
 * command-line variable that reproduces it.
 */
import fc from 'fast-check'
import { beforeEach } from 'vitest'

/** CI's fixed seed, unless FC_SEED says otherwise. */
export const CI_SEED = 20_251_125

/** Where this run's seed came from, for the failure note. */
export interface SeedChoice {
  seed: number
  source: 'FC_SEED' | 'CI' | 'random'
}

/** Picks the run's seed from the environment; a malformed FC_SEED is an error, not ignored. */
export function chooseSeed(env: NodeJS.ProcessEnv): SeedChoice {
  const given = env.FC_SEED?.trim()
  if (given) {
    if (!/^-?\d+$/.test(given) || !Number.isSafeInteger(Number(given)))
      throw new Error(
        `FC_SEED must be an integer (as printed by a failed property), got "${given}"`,
      )
    // fast-check seeds are 32-bit; keep the value a failure printed, whatever its sign.
    return { seed: Number(given) | 0, source: 'FC_SEED' }
  }
  if (env.CI === 'true' || env.CI === '1') return { seed: CI_SEED, source: 'CI' }
  return { seed: (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0, source: 'random' }
}

const choice = chooseSeed(process.env)
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: choice.seed })

beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    const fromProperty = (task.result?.errors ?? []).some((e) =>
      /Property failed|seed:/.test(String(e.message)),
    )
    if (fromProperty)
      console.error(
        `fast-check seed ${choice.seed} (${choice.source}): reproduce with FC_SEED=${choice.seed}`,
      )
  })
})
