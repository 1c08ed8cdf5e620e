/**
 * GraphQL errors as AppErrors a UI can act on: the session texts, "Invalid data" with the form's
 * field errors, permission and not-found answers (docs/protocol.md §2–§3).
 */
import { AppError } from '../../../shared/errors'
import type { FieldErrors } from '../../../shared/ipc-contract'
import { GraphQLErrorText } from '../../../shared/graphql-shapes'
import { text } from '../../../shared/i18n'
import type { GraphQLErrorEntry } from './graphql-http'

const SESSION_EXPIRED_TEXTS: readonly string[] = [
  GraphQLErrorText.signatureExpired,
  GraphQLErrorText.refreshExpired,
  GraphQLErrorText.decodingError,
  GraphQLErrorText.tokenRequired,
]

/** The server's text for a rejected form; the details are in `extensions.errors`. */
const FORM_ERROR_TEXT = 'Invalid data'
const HOST_ONLY: readonly string[] = ['updateRoom', 'deleteRoom']

/**
 * "Invalid data" with Django's form errors in `extensions.errors` (field → messages): an
 * invalid-argument AppError carrying them, so a form shows each on its field.
 */
function formError(extensions: GraphQLErrorEntry['extensions']): AppError {
  const raw = (extensions as { errors?: unknown } | null | undefined)?.errors
  const fields: FieldErrors = {}
  if (raw && typeof raw === 'object' && !Array.isArray(raw))
    for (const [field, messages] of Object.entries(raw)) {
      const list = (Array.isArray(messages) ? messages : [messages]).filter(
        (m): m is string => typeof m === 'string' && m !== '',
      )
      if (list.length > 0) fields[field] = list
    }
  const all = Object.values(fields).flat()
  const message =
    all.length > 0
      ? text('error.formRejected', { detail: all.join(' ') })
      : text('error.formRejectedNoReason')
  return new AppError('invalid-argument', message, { fields })
}

/** Turns the first GraphQL error into the AppError a UI can act on. */
export function errorFromGraphQL(operation: string, errors: GraphQLErrorEntry[]): AppError {
  const first = errors[0]
  const message = first?.message ?? 'Unknown error'
  const code = first?.extensions?.code
  if (message === GraphQLErrorText.invalidCredentials)
    return new AppError('invalid-credentials', text('error.wrongCredentials'))
  if (SESSION_EXPIRED_TEXTS.includes(message))
    return new AppError('session-expired', text('error.sessionExpiredServer', { detail: message }))
  // The server's own words already say when to try again.
  if (code === 'TOO_MANY_ATTEMPTS') return new AppError('rate-limited', message)
  if (message === GraphQLErrorText.roomNotFound || code === 'NOT_FOUND')
    return new AppError('not-found', text('error.notFoundServer', { detail: message }))
  if (message === FORM_ERROR_TEXT) return formError(first?.extensions)
  if (code === 'PERMISSION_DENIED' && HOST_ONLY.includes(operation))
    return new AppError('forbidden', text('error.hostOnly'))
  if (message === GraphQLErrorText.permissionDenied || code === 'PERMISSION_DENIED')
    return new AppError('forbidden', text('error.permissionDenied'))
  return new AppError('protocol', text('error.protocolOperation', { operation, detail: message }))
}
