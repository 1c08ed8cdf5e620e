/**
 * The chat service's rooms-and-people part: a room's info (fresh from the server), topics for
 * the room form, creating a room, the host's rename/re-describe/delete, the user's own profile
 * (with the avatar upload) and creating an account.
 */
import type {
  ChatBackend,
  ChatEvent,
  PersonView,
  Profile,
  RoomDetails,
  RoomSummary,
} from '../../../../shared/ipc-contract'
import { text } from '../../../../shared/i18n'
import { AppError } from '../../../../shared/errors'
import { avatarFileProblem, avatarTypeOf } from '../../../../shared/avatar-file'
import type { ProfileUser, Room, UserRef } from '../../../../shared/graphql-shapes'
import { roomKeyOf, splitRoomKey } from '../../../../shared/graphql-shapes'
import { avatarUrlFor } from '../../media/avatar-path'
import type { Session } from '../../session/session'
import { requireApi } from '../room-registry'
import type { RoomRegistry } from '../room-registry'
import type { AccountData } from './account-data'
import type { RoomSync } from './room-sync'

export type PeopleCalls = Pick<
  ChatBackend,
  | 'getRoomDetails'
  | 'listTopics'
  | 'createRoom'
  | 'updateRoom'
  | 'deleteRoom'
  | 'getProfile'
  | 'updateProfile'
  | 'register'
>

export interface PeopleIntentsDeps {
  session: Session
  rooms: RoomRegistry
  data: AccountData
  sync: RoomSync
  emit(event: ChatEvent): void
  /** Signs in with the new account (the service's own signIn, which loads the rooms). */
  signIn: ChatBackend['signIn']
}

function personOf(origin: string, p: Partial<UserRef> & { username: string }): PersonView {
  return {
    id: p.id ?? p.username,
    username: p.username,
    name: p.name ?? null,
    avatarUrl: avatarUrlFor(origin, p.avatar),
  }
}

function profileOf(origin: string, user: ProfileUser): Profile {
  return { ...personOf(origin, user), bio: user.bio ?? '' }
}

/** The room as its info panel shows it. */
export function roomDetailsOf(origin: string, room: Room, me: string | null): RoomDetails {
  return {
    key: roomKeyOf(room),
    name: room.name,
    topic: room.topic?.name ?? null,
    description: room.description,
    host: personOf(origin, room.host),
    participants: room.participants.map((p) => personOf(origin, p)),
    created: room.created,
    isHost: me !== null && room.host.username === me,
  }
}

/** Trims a form's text fields; blank optional ones are left out (the server keeps them). */
const trimmed = (value: string | undefined): string | undefined => value?.trim()

/** Creates the rooms-and-people part over the session and the joined rooms. */
export function createPeopleIntents(deps: PeopleIntentsDeps): PeopleCalls {
  const { session, rooms, data, sync, emit } = deps
  const origin = (): string => requireApi(session).baseUrl
  const me = (): string | null => session.snapshot().user?.username ?? null

  /** The summary of a joined room, which the renderer shows right away. */
  const summaryOf = (room: Room): RoomSummary => {
    const summary = rooms.summaryOf(roomKeyOf(room))
    if (!summary) throw new AppError('internal', text('error.roomVanished'))
    return summary
  }

  return {
    async getRoomDetails(key) {
      const { host, slug } = splitRoomKey(key)
      let room: Room
      try {
        room = await requireApi(session).room(await session.getToken(), host, slug)
      } catch (error) {
        if (error instanceof AppError && error.code === 'not-found' && rooms.has(key)) {
          sync.gone(key)
          throw new AppError('not-found', text('error.roomDeletedByHost'))
        }
        throw error
      }
      sync.refreshed(room)
      return roomDetailsOf(origin(), room, me())
    },

    async listTopics({ search }) {
      return requireApi(session).topics(await session.getToken(), search || undefined)
    },

    async createRoom(form) {
      // Before and after: a sync whose fetch overlaps the call in any way must not judge by it.
      sync.localChange()
      const created = await requireApi(session).createRoom(await session.getToken(), {
        name: form.name.trim(),
        topic: form.topic.trim(),
        description: form.description.trim(),
      })
      sync.localChange()
      data.roomJoined(created)
      rooms.add(created)
      const summary = summaryOf(created)
      emit({ kind: 'room-updated', room: summary })
      return summary
    },

    async updateRoom(key, form) {
      const { host, slug } = splitRoomKey(key)
      const changes = {
        ...(form.name !== undefined ? { name: trimmed(form.name) } : {}),
        ...(form.topic !== undefined ? { topic: trimmed(form.topic) } : {}),
        ...(form.description !== undefined ? { description: trimmed(form.description) } : {}),
      }
      const updated = await requireApi(session).updateRoom(
        await session.getToken(),
        host,
        slug,
        changes,
      )
      sync.refreshed(updated)
      return summaryOf(updated)
    },

    async deleteRoom(key) {
      const { host, slug } = splitRoomKey(key)
      sync.localChange()
      await requireApi(session).deleteRoom(await session.getToken(), host, slug)
      sync.localChange()
      // The user did it: no "was deleted" notice, the room just goes.
      if (rooms.remove(key)) data.roomRemoved(key)
      return null
    },

    async getProfile() {
      const user = await requireApi(session).me(await session.getToken())
      return profileOf(origin(), { ...user, bio: user.bio ?? '' })
    },

    async updateProfile(changes) {
      const avatar = changes.avatar
      if (avatar) {
        // Checked again here: the renderer's check is a convenience, this one is the rule.
        const problem = avatarFileProblem(avatar.fileName, avatar.bytes)
        if (problem)
          throw new AppError('invalid-argument', problem, { fields: { avatar: [problem] } })
      }
      const user = await requireApi(session).updateUser(
        await session.getToken(),
        {
          ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
          ...(changes.bio !== undefined ? { bio: changes.bio.trim() } : {}),
        },
        avatar
          ? {
              fileName: avatar.fileName,
              contentType: avatarTypeOf(avatar.bytes) ?? 'application/octet-stream',
              bytes: avatar.bytes,
            }
          : undefined,
      )
      const profile = profileOf(origin(), user)
      session.userChanged({ name: profile.name, avatarUrl: profile.avatarUrl })
      return profile
    },

    async register(args) {
      const allowUnencrypted = args.allowUnencrypted === true
      const api = session.apiFor(args.server, allowUnencrypted)
      const email = args.email.trim()
      await api.registerUser({
        username: args.username.trim(),
        name: args.name.trim(),
        email,
        password1: args.password1,
        password2: args.password2,
      })
      try {
        return await deps.signIn({
          server: api.baseUrl,
          email,
          password: args.password1,
          ...(allowUnencrypted ? { allowUnencrypted } : {}),
        })
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        throw new AppError(
          error instanceof AppError ? error.code : 'internal',
          text('error.createdButSignInFailed', { detail: why }),
        )
      }
    },
  }
}
