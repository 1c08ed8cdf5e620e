/**
 * The signed-in user's username, provided once by the room view and injected where message
 * bodies are drawn (mentions of the user are highlighted), so rows need no extra prop.
 */
import type { InjectionKey, Ref } from 'vue'

export const SELF_USERNAME: InjectionKey<Readonly<Ref<string | null>>> = Symbol('self-username')
