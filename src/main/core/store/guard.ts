/**
 * Wraps every store operation so that a failing disk never reaches the caller as an exception:
 * the operation is skipped, a neutral value comes back (false for a write that did not happen),
 * and the failure is reported once per call.
 */
import type { HistoryRepo } from './history-repo'
import type { OutboxRepo } from './outbox-repo'
import type { DraftsRepo, ReadMarksRepo } from './rooms-repo'
import type { RoomsRepo } from './store-types'
import type { SearchRepo } from '../search/search-repo'

export interface Repos {
  rooms: RoomsRepo
  history: HistoryRepo
  outbox: OutboxRepo
  readMarks: ReadMarksRepo
  drafts: DraftsRepo
  search: SearchRepo
}

type Report = (operation: string, error: unknown) => void

export function guardRepos(repos: Repos, isOpen: () => boolean, report: Report): Repos {
  function guard<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback: R) {
    return (...args: A): R => {
      if (!isOpen()) {
        report(name, new Error('the store is closed'))
        return fallback
      }
      try {
        return fn(...args)
      } catch (error) {
        report(name, error)
        return fallback
      }
    }
  }
  const { rooms, history, outbox, readMarks, drafts, search } = repos
  return {
    rooms: {
      list: guard('rooms.list', rooms.list, []),
      upsert: guard('rooms.upsert', rooms.upsert, undefined),
      replaceAll: guard('rooms.replaceAll', rooms.replaceAll, undefined),
      remove: guard('rooms.remove', rooms.remove, undefined),
    },
    history: {
      window: guard('history.window', history.window, {
        messages: [],
        hasOlder: false,
        oldest: null,
      }),
      upsertMany: guard('history.upsertMany', history.upsertMany, undefined),
      replaceAll: guard('history.replaceAll', history.replaceAll, undefined),
      applyEdit: guard('history.applyEdit', history.applyEdit, false),
      applyDelete: guard('history.applyDelete', history.applyDelete, false),
      newest: guard('history.newest', history.newest, null),
      byId: guard('history.byId', history.byId, null),
      cursorOfId: guard('history.cursorOfId', history.cursorOfId, null),
      byAuthorBefore: guard('history.byAuthorBefore', history.byAuthorBefore, []),
      count: guard('history.count', history.count, 0),
      countAfter: guard('history.countAfter', history.countAfter, 0),
      removeRoom: guard('history.removeRoom', history.removeRoom, undefined),
    },
    outbox: {
      put: guard('outbox.put', outbox.put, false),
      markInFlight: guard('outbox.markInFlight', outbox.markInFlight, false),
      markQueued: guard('outbox.markQueued', outbox.markQueued, false),
      markFailed: guard('outbox.markFailed', outbox.markFailed, false),
      markUnconfirmed: guard('outbox.markUnconfirmed', outbox.markUnconfirmed, false),
      remove: guard('outbox.remove', outbox.remove, false),
      list: guard('outbox.list', outbox.list, []),
      removeRoom: guard('outbox.removeRoom', outbox.removeRoom, undefined),
    },
    readMarks: {
      get: guard('readMarks.get', readMarks.get, null),
      set: guard('readMarks.set', readMarks.set, undefined),
    },
    drafts: {
      get: guard('drafts.get', drafts.get, ''),
      all: guard('drafts.all', drafts.all, new Map<string, string>()),
      set: guard('drafts.set', drafts.set, undefined),
    },
    search: {
      find: guard('search.find', search.find, []),
      around: guard('search.around', search.around, null),
    },
  }
}
