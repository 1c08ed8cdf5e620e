/**
 * The short soak in CI: ~15 s of three cores sending, editing and deleting through a
 * fault-injecting proxy while the server child is SIGKILLed and restarted 5 times, with alice's
 * two devices also sending identical texts at once; every end condition of the full run is
 * asserted (soak/verify.test.ts proves those checks report what they claim to). The full run:
 * npm run soak
 */
import { describe, expect, it } from 'vitest'
import { EXTERNAL_SKIP_REASON } from '../server/test-support'
import { formatReport, runSoak } from './run-soak'

const external = Boolean(process.env.EDUSPHERE_URL)
if (external) console.warn(`soak: ${EXTERNAL_SKIP_REASON}`)

describe.skipIf(external)('soak under faults (short)', () => {
  it('loses nothing, doubles nothing, and every client agrees with the server', async () => {
    const report = await runSoak({ seconds: 15 })
    console.log(formatReport(report))
    expect(report.violations).toEqual([])
    expect(report.faults.kills).toBeGreaterThanOrEqual(5)
    expect(report.faults.cuts + report.faults.stalls + report.faults.delays).toBeGreaterThanOrEqual(
      3,
    )
    expect(report.faults.halfOpenDetection.length).toBeGreaterThan(0)
    expect(report.sent).toBeGreaterThan(0)
    expect(report.twins.sent).toBeGreaterThan(0)
    expect(report.confirmed + report.failedVisibly + report.unconfirmed).toBe(report.sent)
    expect(report.unhandled).toEqual([])
  }, 240_000)
})
