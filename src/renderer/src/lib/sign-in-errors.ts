/** Maps a failed sign-in to the inline message and the field it belongs to. */
import type { AppErrorShape } from '../../../shared/ipc-contract'
import { checkServerUrl } from '../../../shared/server-url'
import { t } from '../i18n'

export interface SignInProblem {
  /** `transport`: main wants the user's "Connect without encryption" before it sends anything. */
  field: 'server' | 'credentials' | 'form' | 'transport'
  message: string
}

/** The inline error for a sign-in failure; the server's own text is kept where it helps. */
export function signInProblem(error: AppErrorShape): SignInProblem {
  switch (error.code) {
    case 'invalid-credentials':
      return { field: 'credentials', message: t('signIn.wrongCredentials') }
    case 'unreachable':
      return {
        field: 'server',
        message: t('signIn.unreachable', { detail: error.message }),
      }
    case 'not-edusphere':
      return {
        field: 'server',
        message: t('signIn.notEduSphere', { detail: error.message }),
      }
    case 'host-not-allowed':
      return { field: 'server', message: error.message }
    case 'unencrypted-not-confirmed':
      return { field: 'transport', message: error.message }
    case 'invalid-argument':
      return { field: 'form', message: error.message }
    default:
      return { field: 'form', message: error.message }
  }
}

/**
 * Checks the server field before asking main, so typos get an instant, specific answer. It is
 * main's own rule (shared), so the form never refuses an address main would accept.
 */
export function serverUrlProblem(value: string): string | null {
  const checked = checkServerUrl(value)
  return checked.ok ? null : checked.problem
}
