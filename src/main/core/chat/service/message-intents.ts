/**
 * The chat service's sends part: the user's commands on messages, each handed to the room's
 * controller, which validates it (the shared body rule), queues it and sends it when it can.
 */
import type { ChatBackend } from '../../../../shared/ipc-contract'
import type { RoomRegistry } from '../room-registry'

/** The message commands of the chat service. */
export type MessageIntents = Pick<
  ChatBackend,
  'sendMessage' | 'editMessage' | 'deleteMessage' | 'retryMessage' | 'discardMessage'
>

/** Creates the sends part over the registry. */
export function createMessageIntents(rooms: RoomRegistry): MessageIntents {
  return {
    sendMessage: (key, body) => ({ clientId: rooms.require(key).send(body) }),
    editMessage(key, messageId, body) {
      rooms.require(key).edit(messageId, body)
      return null
    },
    deleteMessage(key, messageId) {
      rooms.require(key).delete(messageId)
      return null
    },
    retryMessage(key, clientId) {
      rooms.require(key).retry(clientId)
      return null
    },
    discardMessage(key, clientId) {
      rooms.require(key).discard(clientId)
      return null
    },
  }
}
