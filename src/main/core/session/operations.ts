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
  me: `query Me { me { id username name avatar bio } }`,
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
  // Rooms and people: topics for the room form, room admin (host only), the profile, accounts.
  topics: `query Topics($search: String) { topics(search: $search) { name } }`,
  createRoom: `mutation CreateRoom($name: String!, $topic: String!, $description: String) {
  createRoom(name: $name, topicName: $topic, description: $description) { room { ${ROOM_FIELDS} } }
}`,
  // Left-out variables leave their arguments out: the server keeps those values.
  updateRoom: `mutation UpdateRoom($host: String!, $slug: String!, $name: String, $topic: String, $description: String) {
  updateRoom(hostSlug: $host, roomSlug: $slug, name: $name, topicName: $topic, description: $description) {
    room { ${ROOM_FIELDS} }
  }
}`,
  deleteRoom: `mutation DeleteRoom($host: String!, $slug: String!) {
  deleteRoom(hostSlug: $host, roomSlug: $slug) { success }
}`,
  // $avatar travels as a file of a GraphQL multipart request when there is one.
  updateUser: `mutation UpdateUser($name: String, $bio: String, $avatar: Upload) {
  updateUser(name: $name, bio: $bio, avatar: $avatar) { user { id username name bio avatar } }
}`,
  registerUser: `mutation RegisterUser($username: String!, $name: String!, $email: String!, $password1: String!, $password2: String!) {
  registerUser(username: $username, name: $name, email: $email, password1: $password1, password2: $password2) {
    success user { id username }
  }
}`,
} as const

/** The top-level field an operation asks for; its answer is read from `data[field]`. */
export type OperationField = keyof typeof operations
