import { describe, expect, it } from 'vitest'
import { startHeartbeat } from './heartbeat'
import { FakeClock } from '../../test-support/fake-clock'

function setup() {
  const clock = new FakeClock()
  let pings = 0
  let dead = 0
  const hb = startHeartbeat({
    clock,
    intervalMs: 20_000,
    timeoutMs: 10_000,
    ping: () => pings++,
    onDead: () => dead++,
  })
  return { clock, hb, pings: () => pings, dead: () => dead }
}

describe('heartbeat', () => {
  it('pings every interval while pongs come back', () => {
    const t = setup()
    for (let i = 1; i <= 3; i++) {
      t.clock.advance(20_000)
      expect(t.pings()).toBe(i)
      t.hb.pong()
    }
    expect(t.dead()).toBe(0)
  })

  it('declares the socket dead once when a pong is late, then stops', () => {
    const t = setup()
    t.clock.advance(20_000)
    t.clock.advance(9_999)
    expect(t.dead()).toBe(0)
    t.clock.advance(1)
    expect(t.dead()).toBe(1)
    expect(t.clock.pending()).toEqual([])
  })

  it('probe() pings at once, but not twice while a pong is pending', () => {
    const t = setup()
    t.hb.probe()
    t.hb.probe()
    expect(t.pings()).toBe(1)
    t.hb.pong()
    t.hb.probe()
    expect(t.pings()).toBe(2)
  })

  it('a throwing ping is survived; stop() ends everything', () => {
    const clock = new FakeClock()
    const hb = startHeartbeat({
      clock,
      intervalMs: 100,
      timeoutMs: 50,
      ping: () => {
        throw new Error('socket gone')
      },
      onDead: () => undefined,
    })
    clock.advance(100)
    hb.stop()
    expect(clock.pending()).toEqual([])
  })
})
