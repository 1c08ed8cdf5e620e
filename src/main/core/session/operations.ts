/**
 * Every GraphQL document the client sends, in one place, so a test can validate each one against
 * the real backend's schema (src/shared/edusphere.graphql) and another can prove the API client
 * sends nothing else. Documents are constants: values always travel as variables, never spliced in.
 */
import { ROOM_FIELDS } from '../../../shared/graphql-shapes'

export const operations = {
  tokenAuth: `mutation TokenAuth($email: String!, $password: String!) {
  tokenAuth(email: $email, password: $password) {
    token payload refreshExpiresIn success user { id username name }
  }
}`,
  // The token travels only as the argument: an old token attached as a header or cookie makes
  // the real server fail the refresh (docs/protocol.md §2).
  refreshToken: `mutation RefreshToken($token: String!) {
  refreshToken(token: $token) { token payload refreshExpiresIn }
}`,
  verifyToken: `mutation VerifyToken($token: String!) { verifyToken(token: $token) { payload } }`,
  deleteToken: `mutation DeleteToken { deleteToken { deleted } }`,
  me: `query Me { me { id username name avatar } }`,
  roomsParticipatedByUser: `query Joined($user: String!) {
  roomsParticipatedByUser(userSlug: $user) { ${ROOM_FIELDS} }
}`,
  // $search is optional: leaving the variable out leaves the argument out (all rooms).
  rooms: `query Browse($search: String) { rooms(search: $search) { ${ROOM_FIELDS} } }`,
  room: `query Room($host: String!, $slug: String!) {
  room(hostSlug: $host, roomSlug: $slug) { ${ROOM_FIELDS} }
}`,
  messages: `query History($host: String!, $slug: String!) {
  messages(hostSlug: $host, roomSlug: $slug) {
    id user { id username avatar } body edited created updated
  }
}`,
  joinRoom: `mutation JoinRoom($host: String!, $slug: String!) {
  joinRoom(hostSlug: $host, roomSlug: $slug) { room { ${ROOM_FIELDS} } }
}`,
} as const

/** The top-level field an operation asks for; its answer is read from `data[field]`. */
export type OperationField = keyof typeof operations
