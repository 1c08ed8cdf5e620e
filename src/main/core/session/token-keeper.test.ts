import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { FakeClock } from '../test-support/fake-clock'
import { flush } from '../test-support/fake-socket'
import type { TokenGrant } from './token-keeper'
import { TokenKeeper } from './token-keeper'

const T0_S = Math.floor(new FakeClock().now() / 1000)
/** Like the server: a new exp each time, the same origIat and refresh window (1 h here). */
function grantAt(clock: FakeClock, n: number): TokenGrant {
  const now = Math.floor(clock.now() / 1000)
  return {
    token: `t${n}`,
    payload: { email: 'a@example.com', exp: now + 600, origIat: T0_S },
    refreshExpiresIn: T0_S + 3600,
  }
}

function setup() {
  const clock = new FakeClock()
  const saved: string[] = []
  let expired = 0
  let n = 1
  let release: (() => void) | null = null
  let hold = false
  const keeper = new TokenKeeper(
    {
      clock,
      refreshLeadMs: 60_000,
      refresh: async () => {
        if (hold) await new Promise<void>((resolve) => (release = resolve))
        return grantAt(clock, ++n)
      },
      save: async (token) => {
        saved.push(token)
      },
      onExpired: () => expired++,
    },
    grantAt(clock, 1),
  )
  return {
    clock,
    keeper,
    saved,
    expired: () => expired,
    holdRefreshes: () => (hold = true),
    release: () => release?.(),
  }
}

describe('TokenKeeper', () => {
  it('hands out the current token while it is valid long enough', async () => {
    const t = setup()
    expect(await t.keeper.get()).toBe('t1')
    // Asking for more than half the lifetime is capped at half: no refresh yet.
    expect(await t.keeper.get(1_000_000)).toBe('t1')
    t.clock.jump(350_000)
    expect(await t.keeper.get(280_000)).toBe('t2')
    expect(t.saved).toEqual(['t2'])
  })

  it('a refresh that lands after stop() is dropped, and get() says not signed in', async () => {
    const t = setup()
    t.holdRefreshes()
    const pending = t.keeper.refreshNow()
    t.keeper.stop()
    t.release()
    await pending
    expect(t.saved).toEqual([])
    await expect(t.keeper.get()).rejects.toMatchObject({ code: 'not-signed-in' })
    expect(t.clock.pending()).toEqual([])
  })

  it('expires exactly once, when the refresh window closes', async () => {
    const t = setup()
    for (let i = 0; i < 8; i++) {
      t.clock.advance(9 * 60_000)
      await flush()
    }
    expect(t.expired()).toBe(1)
    await expect(t.keeper.get()).rejects.toBeInstanceOf(AppError)
    await expect(t.keeper.refreshNow()).rejects.toMatchObject({ code: 'session-expired' })
    expect(t.expired()).toBe(1)
  })
})
