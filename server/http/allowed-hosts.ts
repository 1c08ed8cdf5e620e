/**
 * Django's ALLOWED_HOSTS: the `Host` of every request (HTTP and socket upgrade) must name one of the
 * configured hosts, else Django answers its HTML 400 page (DisallowedHost). The socket's `Origin`
 * hostname is checked against the same list (Channels' AllowedHostsOriginValidator).
 */

/** The hosts a local deployment serves when none are configured. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/** Django's host_validation_re: a DNS name or a bracketed IPv6 address, then an optional port. */
const HOST_RE = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:[0-9]+)?$/

/** Django's is_same_domain: exact, `*`, or a leading-dot pattern matching the domain and its subdomains. */
function matches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase()
  if (p === '*') return true
  if (p.startsWith('.')) return host.endsWith(p) || host === p.slice(1)
  return host === p
}

/** True when a bare hostname (`localhost`, `[::1]`) is one of `allowed`. */
export function hostnameAllowed(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === '') return allowed.includes('*')
  return allowed.some((pattern) => matches(host, pattern))
}

/** True when a `Host` header (`localhost:8000`, `[::1]:8000`) names an allowed host. */
export function hostHeaderAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  const m = HOST_RE.exec((header ?? '').toLowerCase())
  // Like Django's split_domain_port: a malformed Host is an empty domain, allowed only by `*`.
  return hostnameAllowed(m ? m[1]! : '', allowed)
}
