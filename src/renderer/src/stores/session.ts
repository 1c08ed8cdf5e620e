/** Who is signed in, to which server, and whether the keychain keeps the session. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SessionSnapshot, SignInArgs } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { type SignInProblem, serverUrlProblem, signInProblem } from '../lib/sign-in-errors'
import { useNoticesStore } from './notices'
import { t } from '../i18n'

const initial: SessionSnapshot = {
  status: 'restoring',
  server: null,
  user: null,
  keychain: 'available',
  keychainMessage: null,
  reason: null,
}

export const useSessionStore = defineStore('session', () => {
  const snapshot = ref<SessionSnapshot>(initial)
  const busy = ref(false)
  /** The last server used, so the sign-in form can prefill it after sign-out. */
  const lastServer = ref<string | null>(null)

  const signedIn = computed(() => snapshot.value.status === 'signed-in')
  const user = computed(() => snapshot.value.user)

  function apply(next: SessionSnapshot): void {
    snapshot.value = next
    if (next.server) lastServer.value = next.server
  }

  /** Reads the current session from main (startup). */
  async function load(): Promise<void> {
    const result = await call((api) => api.getSession())
    if (result.ok) apply(result.value)
    else {
      apply({ ...initial, status: 'signed-out', reason: result.error.message })
    }
  }

  /** Signs in; returns the inline problem to show, or null on success. */
  async function signIn(args: SignInArgs): Promise<SignInProblem | null> {
    const urlProblem = serverUrlProblem(args.server)
    if (urlProblem) return { field: 'server', message: urlProblem }
    busy.value = true
    try {
      const result = await call((api) => api.signIn({ ...args, server: args.server.trim() }))
      if (!result.ok) return signInProblem(result.error)
      apply(result.value)
      return null
    } finally {
      busy.value = false
    }
  }

  async function signOut(): Promise<void> {
    const result = await call((api) => api.signOut())
    if (result.ok) apply(result.value)
    else
      useNoticesStore().push('error', t('settings.signOutFailed', { error: result.error.message }))
  }

  return { snapshot, busy, lastServer, signedIn, user, apply, load, signIn, signOut }
})
