/**
 * Search benchmark: prints figures and ratios; asserts nothing.
 * `npm run bench:search -- [--rooms 10] [--messages 10000] [--runs 15]`
 *
 * The store holds rooms x messages (100,000 by default) with bodies drawn from a word list.
 * Measured per query (median and p90 of `runs`, after one warm-up):
 *   search  what `chat:search-messages` does in main: the store scan (one LIKE per term, newest
 *           first, capped at MAX_CANDIDATES) plus ranking and snippets (rankHits).
 *   bare    the baseline: read every body of the store and filter in JavaScript
 *           (String.includes on lower-cased text): what searching without SQL would cost.
 *   fts5    for contrast, an FTS5 trigram index over the same bodies (not used by the app:
 *           its build time and write cost are printed too).
 */
import { percentile } from '../server/measure'
import { messageAt, openOrThrow, tempDir } from '../../src/main/core/store/store-fixtures'
import type { StoredMessage } from '../../src/main/core/store/store-types'
import { openSqlite } from '../../src/main/core/store/sqlite'
import { MAX_CANDIDATES, rankHits } from '../../src/main/core/search/message-search'
import { parseQuery } from '../../src/shared/search-text'
import { parseIsoTimestamp } from '../../src/shared/iso-time'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ROOMS = arg('rooms', 10)
const PER_ROOM = arg('messages', 10_000)
const RUNS = arg('runs', 15)
const WORDS = (
  'the a proof lemma theorem chapter page exercise homework deadline exam notes question ' +
  'answer integral derivative matrix vector group ring field limit series function graph ' +
  'probability variance sample lecture slides tomorrow today week thanks please maybe yes no ' +
  'why how what where when think know read write solve check explain'
).split(' ')

/** A deterministic pseudo-random generator (mulberry32), so every run stores the same text. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function bodyOf(random: () => number, i: number): string {
  const n = 4 + Math.floor(random() * 14)
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!)
  // A few rare markers to find: one message in 10,000 says "zeppelin".
  if (i % 10_000 === 1234) words.push('zeppelin')
  return words.join(' ')
}

const stats = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90) }
}
const ms = (n: number) => `${n.toFixed(1)} ms`

function time(fn: () => number): { p50: number; p90: number; found: number } {
  let found = fn()
  const times: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now()
    found = fn()
    times.push(performance.now() - t)
  }
  return { ...stats(times), found }
}

const { dir, cleanup } = tempDir('edusphere-bench-search-')
try {
  const { store } = openOrThrow({ dir, origin: 'http://127.0.0.1:8000', username: 'bench' })
  const random = rng(20261130)
  const rooms = Array.from({ length: ROOMS }, (_, r) => `host/room-${r}`)
  let t = performance.now()
  for (const room of rooms) {
    const batch: StoredMessage[] = []
    for (let i = 0; i < PER_ROOM; i++) batch.push(messageAt(i, { body: bodyOf(random, i) }))
    store.history.upsertMany(room, batch)
  }
  const fillMs = performance.now() - t
  const total = ROOMS * PER_ROOM
  console.log(`store: ${rooms.length} rooms x ${PER_ROOM} = ${total} messages (${ms(fillMs)})`)

  const db = openSqlite(store.file ?? ':memory:')
  const allBodies = db.prepare('SELECT room, body FROM messages')
  t = performance.now()
  db.exec("CREATE VIRTUAL TABLE temp.fts USING fts5(room UNINDEXED, body, tokenize='trigram')")
  db.exec('INSERT INTO temp.fts (room, body) SELECT room, body FROM messages')
  const ftsBuildMs = performance.now() - t
  const ftsAll = db.prepare('SELECT room, body FROM temp.fts WHERE fts MATCH ? LIMIT ?')

  const queries: { label: string; query: string; room: string | null }[] = [
    { label: 'rare word, all rooms', query: 'zeppelin', room: null },
    { label: 'common word, all rooms', query: 'proof', room: null },
    { label: 'two words, all rooms', query: 'lemma deadline', room: null },
    { label: 'rare word, one room', query: 'zeppelin', room: rooms[0]! },
    { label: 'common word, one room', query: 'proof', room: rooms[0]! },
  ]
  console.log(
    `\nmedian (p90) of ${RUNS} runs; "found" = matches ranked (capped at ${MAX_CANDIDATES})`,
  )
  for (const q of queries) {
    const terms = parseQuery(q.query)
    const search = time(() => {
      const found = store.search.find(terms, q.room, MAX_CANDIDATES)
      const candidates = found.map(({ roomKey, message: m }) => ({
        roomKey,
        id: m.id,
        author: { id: m.user.id, username: m.user.username },
        created: parseIsoTimestamp(m.created) ?? 0,
        body: m.body,
      }))
      return rankHits(candidates, terms).matched
    })
    const bare = time(() => {
      let found = 0
      for (const row of allBodies.all()) {
        if (q.room !== null && row['room'] !== q.room) continue
        const body = String(row['body']).toLowerCase()
        if (terms.every((term) => body.includes(term))) found++
      }
      return found
    })
    const fts = time(() => {
      const match = terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND ')
      return ftsAll.all([match, MAX_CANDIDATES]).length
    })
    console.log(
      `${q.label.padEnd(24)} search ${ms(search.p50)} (${ms(search.p90)}), found ${search.found}` +
        ` | bare ${ms(bare.p50)}, found ${bare.found}, ${(bare.p50 / search.p50).toFixed(1)}x slower` +
        ` | fts5 ${ms(fts.p50)}, ${(search.p50 / fts.p50).toFixed(1)}x faster than search`,
    )
  }
  console.log(`\nfts5 trigram index build over ${total} messages: ${ms(ftsBuildMs)}`)
  db.close()
  store.close()
} finally {
  cleanup()
}
