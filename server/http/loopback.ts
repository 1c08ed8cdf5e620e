/** Whether an interface to bind is loopback (reachable from this machine only). */
import { isIPv4, isIPv6 } from 'node:net'

/** True for localhost, 127.0.0.0/8, ::1 (bracketed or not) and IPv4-mapped 127.x; else false. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (bare === 'localhost') return true
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare
  if (isIPv4(v4)) return v4.startsWith('127.')
  // The URL parser prints an IPv6 address in its shortest form: ::1 however it was written.
  return isIPv6(bare) && new URL(`http://[${bare}]`).hostname === '[::1]'
}
