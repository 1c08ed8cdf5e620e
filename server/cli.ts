/**
 * `npm run server`: the local EduSphere server on 127.0.0.1:8000 with data in ./.data.
 * Flags: --host, --port (EDUSPHERE_PORT), --data-dir (EDUSPHERE_DATA_DIR), --token-ttl,
 * --refresh-ttl, --allowed-host (repeatable), --seed / --no-seed; EDUSPHERE_JWT_SECRET.
 * SIGINT/SIGTERM close sockets with 1001 and flush the database.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { MIN_SECRET_LENGTH } from './auth/jwt-secret'
import { DEFAULT_ALLOWED_HOSTS } from './http/allowed-hosts'
import { isLoopbackHost } from './http/loopback'
import { createEduSphereServer } from './index'
import { demoUsers } from './store/seed'

const USAGE = `Usage: npm run server -- [options]
  --host <addr>         interface to bind (default 127.0.0.1)
  --port <n>            port (default 8000, env EDUSPHERE_PORT; 0 = any free port)
  --data-dir <dir>      where edusphere.sqlite3 lives (default ./.data, env EDUSPHERE_DATA_DIR);
                        made private (0700, files 0600)
  --token-ttl <s>       access token lifetime in seconds (default 600)
  --refresh-ttl <s>     refresh window in seconds (default 604800)
  --allowed-host <h>    a Host name the server answers (Django's ALLOWED_HOSTS); repeatable;
                        default localhost, 127.0.0.1, [::1]. Others get HTTP 400. '*' allows
                        any, '.example.org' a domain and its subdomains
  --seed                create the demo data (published password) even on a non-loopback --host
  --no-seed             do not create the demo data (default on a non-loopback --host)
  --help                show this help
Environment: EDUSPHERE_JWT_SECRET (at least ${MIN_SECRET_LENGTH} characters) signs tokens instead of
  <data dir>/jwt-secret.`

const Seconds = z.coerce.number().int().positive()
const Port = z.coerce.number().int().min(0).max(65535)

function fail(message: string): never {
  console.error(`edusphere server: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function parseNumber<T>(
  schema: z.ZodType<T>,
  name: string,
  value: string | undefined,
): T | undefined {
  if (value === undefined) return undefined
  const parsed = schema.safeParse(value)
  if (!parsed.success) fail(`${name} must be a valid number, got "${value}"`)
  return parsed.data
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'token-ttl': { type: 'string' },
        'refresh-ttl': { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        seed: { type: 'boolean' },
        'no-seed': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }))
  } catch (error) {
    fail((error as Error).message)
  }
  if (values.help) {
    console.log(USAGE)
    return
  }
  const host = values.host ?? '127.0.0.1'
  const port = parseNumber(Port, '--port', values.port ?? process.env.EDUSPHERE_PORT) ?? 8000
  const dataDir = resolve(values['data-dir'] ?? process.env.EDUSPHERE_DATA_DIR ?? '.data')
  if (values.seed && values['no-seed']) fail('--seed and --no-seed contradict each other')
  const loopback = isLoopbackHost(host)
  const seed = values.seed ?? (values['no-seed'] ? false : loopback)
  const secret = process.env.EDUSPHERE_JWT_SECRET
  if (secret !== undefined && secret.trim().length < MIN_SECRET_LENGTH)
    fail(`EDUSPHERE_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`)
  if (!seed && !values['no-seed'])
    console.log(
      `Demo data: not created, because ${host} is not a loopback address and the demo password is published; pass --seed to create it anyway.`,
    )
  const allowedHosts = values['allowed-host']
  if (allowedHosts?.some((h) => h.trim() === ''))
    fail('--allowed-host needs a host name, e.g. --allowed-host chat.example.org')

  let server
  try {
    server = await createEduSphereServer({
      host,
      port,
      dataDir,
      seed,
      secret: secret?.trim(),
      tokenTtl: parseNumber(Seconds, '--token-ttl', values['token-ttl']),
      refreshTtl: parseNumber(Seconds, '--refresh-ttl', values['refresh-ttl']),
      allowedHosts,
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE')
      console.error(
        `edusphere server: port ${port} on ${host} is already in use. ` +
          'Stop the other process or pick another port with --port <n> (or EDUSPHERE_PORT).',
      )
    else console.error('edusphere server: failed to start:', (error as Error).message)
    process.exit(1)
  }

  console.log(`EduSphere server listening on ${server.url}`)
  console.log(`  GraphQL  POST ${server.url}/graphql/`)
  console.log(`  Socket   ${server.url.replace(/^http/, 'ws')}/ws/chat/{host}/{room}`)
  console.log(`  Data     ${dataDir}`)
  console.log(`  Hosts    ${(allowedHosts ?? DEFAULT_ALLOWED_HOSTS).join(', ')}`)
  if (server.seeded && !loopback)
    console.log(
      `Warning: this data directory holds the demo accounts (published password) and ${host} is reachable from other machines.`,
    )
  if (server.seeded) {
    console.log('Demo accounts:')
    for (const u of Object.values(demoUsers))
      console.log(`  ${u.username.padEnd(6)} ${u.email.padEnd(20)} password ${u.password}`)
    console.log(
      'Demo rooms: alice/general (alice, bob), bob/private (bob), carol/study-hall (carol)',
    )
  }

  console.log('Press Ctrl+C to stop.')

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: closing sockets and flushing the database...`)
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('edusphere server: unclean shutdown:', error)
        process.exit(1)
      })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

void main()
