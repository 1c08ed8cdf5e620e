/**
 * The chat service's search part: `searchMessages` finds messages in what this client holds (the
 * local store; the rooms' memory when there is no store), ranks them and cuts snippets;
 * `revealMessage` gives the messages around one message so the renderer can show it in place even
 * when it is outside the history it has loaded.
 */
import type {
  ChatBackend,
  ChatMessage,
  RoomKey,
  SearchHit,
  SearchResults,
} from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import { text } from '../../../shared/i18n'
import { matchRanges, parseQuery, scoreOf, snippetOf } from '../../../shared/search-text'
import { parseIsoTimestamp } from '../../../shared/iso-time'
import type { AccountStore } from '../store/account-store'
import type { RoomRegistry } from '../chat/room-registry'
import { requireApi } from '../chat/room-registry'
import { messageFromHistory } from '../chat/message-view'
import type { Session } from '../session/session'

/** Results returned per search. */
export const MAX_HITS = 50
/** Newest matches ranked per search: a common word stops the scan here instead of at 100k. */
export const MAX_CANDIDATES = 1000
/** Messages on each side of a revealed message. */
export const REVEAL_RADIUS = 50

export interface SearchDeps {
  session: Session
  rooms: RoomRegistry
  /** The signed-in account's store, or null (no store this run: search the rooms' memory). */
  store(): AccountStore | null
}

interface Candidate {
  roomKey: RoomKey
  id: string
  author: { id: string; username: string }
  created: number
  body: string
}

/** Ranks candidates: best score first, then newest; cuts a snippet for each kept one. */
export function rankHits(
  candidates: readonly Candidate[],
  terms: readonly string[],
  max = MAX_HITS,
): { hits: SearchHit[]; matched: number } {
  const scored: { c: Candidate; score: number; ranges: [number, number][] }[] = []
  for (const c of candidates) {
    const ranges = matchRanges(c.body, terms)
    if (!ranges) continue
    scored.push({ c, score: scoreOf(c.body, terms), ranges: ranges.map(([a, b]) => [a, b]) })
  }
  scored.sort((a, b) => b.score - a.score || b.c.created - a.c.created)
  const hits = scored.slice(0, max).map(({ c, ranges }) => {
    const snippet = snippetOf(c.body, ranges)
    return {
      roomKey: c.roomKey,
      id: c.id,
      author: c.author,
      created: c.created,
      snippet: snippet.text,
      ranges: snippet.ranges.map(([a, b]): [number, number] => [a, b]),
    }
  })
  return { hits, matched: scored.length }
}

export function createSearchIntents(
  deps: SearchDeps,
): Pick<ChatBackend, 'searchMessages' | 'revealMessage'> {
  const { rooms } = deps

  function fromMemory(roomKey: RoomKey | null): Candidate[] {
    const out: Candidate[] = []
    for (const c of rooms.controllers()) {
      const key = c.timeline.messages.roomKey
      if (roomKey !== null && key !== roomKey) continue
      for (const m of c.timeline.messages.confirmedMessages())
        out.push({ roomKey: key, id: m.id, author: m.author, created: m.created, body: m.body })
    }
    return out
  }

  function viewOf(roomKey: RoomKey, rows: ReturnType<AccountStore['search']['around']>) {
    const live = rooms.require(roomKey).timeline.messages
    const ctx = {
      baseUrl: requireApi(deps.session).baseUrl,
      roomKey,
      me: rooms.me?.username ?? null,
    }
    // Main's own copy wins where it has one: it carries a pending edit or delete.
    return (rows ?? []).map(
      (row) => live.confirmedById(row.id) ?? messageFromHistory(row, ctx, row.clientId),
    )
  }

  return {
    searchMessages({ query, roomKey }): SearchResults {
      if (roomKey !== null) rooms.require(roomKey)
      const terms = parseQuery(query)
      if (terms.length === 0) return { hits: [], truncated: false }
      const store = deps.store()
      let candidates: Candidate[]
      let capped = false
      if (store) {
        const found = store.search.find(terms, roomKey, MAX_CANDIDATES)
        capped = found.length === MAX_CANDIDATES
        candidates = found
          .filter((f) => rooms.has(f.roomKey))
          .map(({ roomKey: key, message: m }) => ({
            roomKey: key,
            id: m.id,
            author: { id: m.user.id, username: m.user.username },
            created: parseIsoTimestamp(m.created) ?? 0,
            body: m.body,
          }))
      } else {
        candidates = fromMemory(roomKey)
      }
      const { hits, matched } = rankHits(candidates, terms)
      return { hits, truncated: capped || matched > hits.length }
    },
    revealMessage(roomKey, id) {
      const controller = rooms.require(roomKey)
      const store = deps.store()
      let messages: ChatMessage[] | null = null
      if (store) {
        const rows = store.search.around(roomKey, id, REVEAL_RADIUS)
        if (rows) messages = viewOf(roomKey, rows)
      }
      if (!messages) {
        const list = [...controller.timeline.messages.confirmedMessages()]
        const target = controller.timeline.messages.confirmedById(id)
        const at = target ? list.indexOf(target) : -1
        if (at >= 0) messages = list.slice(Math.max(0, at - REVEAL_RADIUS), at + REVEAL_RADIUS + 1)
      }
      if (!messages) throw new AppError('not-found', text('error.messageGone'))
      return { roomKey, messages }
    },
  }
}
