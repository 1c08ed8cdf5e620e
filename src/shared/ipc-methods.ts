/**
 * The IPC channel -> ChatApi method map without the argument schemas, so the sandboxed preload
 * can build the bridge without bundling zod (a sandboxed preload may only require 'electron').
 * The types tie it to invokeContract: a missing, extra or misnamed channel does not compile.
 */
import type { EventChannel, InvokeChannel, MethodOf } from './ipc-contract'

/** Every invoke channel and the ChatApi method it backs, in contract order. */
export const invokeMethods = {
  'session:get-state': 'getSession',
  'session:sign-in': 'signIn',
  'session:sign-out': 'signOut',
  'rooms:list-joined': 'listRooms',
  'rooms:browse-rooms': 'browseRooms',
  'rooms:join-room': 'joinRoom',
  'rooms:open-room': 'openRoom',
  'rooms:load-older': 'loadOlder',
  'rooms:save-draft': 'saveDraft',
  'chat:send-message': 'sendMessage',
  'chat:edit-message': 'editMessage',
  'chat:delete-message': 'deleteMessage',
  'chat:retry-message': 'retryMessage',
  'chat:discard-message': 'discardMessage',
  'connection:list-states': 'listConnections',
  'connection:retry-now': 'retryNow',
  'settings:get-settings': 'getSettings',
  'settings:update-settings': 'updateSettings',
  'chat:search-messages': 'searchMessages',
  'chat:reveal-message': 'revealMessage',
  'app:copy-text': 'copyText',
  'app:open-external': 'openExternal',
  'rooms:get-details': 'getRoomDetails',
  'rooms:list-topics': 'listTopics',
  'rooms:create-room': 'createRoom',
  'rooms:update-room': 'updateRoom',
  'rooms:delete-room': 'deleteRoom',
  'profile:get-profile': 'getProfile',
  'profile:update-profile': 'updateProfile',
  'session:register': 'register',
  'log:write-entry': 'writeLog',
} as const satisfies { readonly [C in InvokeChannel]: MethodOf<C> }

/** The channel every batch of ChatEvents travels on (eventChannels.events). */
export const eventsChannel = 'chat:events-emitted' satisfies EventChannel
