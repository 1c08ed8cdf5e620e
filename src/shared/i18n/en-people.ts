/**
 * English: people and rooms: creating an account, your profile and avatar, creating, editing and
 * deleting rooms, a room's info and participants. Part of the English catalogue (en.ts).
 */
export const enPeople = {
  // Main's failures of these operations
  'error.noRoomInAnswer': "The server's answer to {field} had no room. Try again.",
  'error.roomNotDeleted': 'The server did not delete the room. Try again.',
  'error.noProfile': 'The server did not return your profile.',
  'error.accountNotCreated': 'The server did not create the account. Try again.',

  // Create account
  'register.title': 'Create your EduSphere account',
  'register.username': 'Username',
  'register.name': 'Full name',
  'register.password2': 'Confirm password',
  'register.busy': 'Creating your account…',
  'register.submit': 'Create account',
  'register.haveAccount': 'Already have an account?',
  'register.newHere': 'New here?',

  // Profile and avatar
  'profile.title': 'Your profile',
  'profile.open': 'Your profile',
  'profile.loading': 'Loading your profile…',
  'profile.loadFailed': "Couldn't load your profile: {error}",
  'profile.name': 'Name',
  'profile.nameMissing': 'Enter the name others see.',
  'profile.bio': 'Bio',
  'profile.bioPlaceholder': 'A few words about you',
  'profile.saveFailed': "Couldn't save your profile: {error}",
  'profile.saved': 'Your profile is saved.',
  'profile.saving': 'Saving…',
  'profile.save': 'Save profile',
  'avatar.label': 'Avatar',
  'avatar.hint': 'PNG or JPEG, at most 2 MB.',
  'avatar.keepCurrent': 'Keep the current avatar',
  'avatar.preview': 'Preview of {file}',
  'avatar.tooLarge':
    'That picture is {mb} MB; the server accepts at most 2 MB. Choose a smaller one.',
  'avatar.unreadable': 'That picture could not be read: it may be damaged. Choose another one.',
  'avatar.empty': 'That file is empty. Choose a PNG or JPEG picture.',
  'avatar.extension': 'Only PNG and JPEG pictures (.png, .jpg, .jpeg) can be used as an avatar.',
  'avatar.notPicture':
    'That file is not a PNG or JPEG picture, whatever its name says. Choose another one.',

  // Creating and editing rooms
  'roomAdmin.new': 'New room',
  'roomAdmin.createTitle': 'Create a room',
  'roomAdmin.createFailed': "Couldn't create the room: {error}",
  'roomAdmin.creating': 'Creating…',
  'roomAdmin.create': 'Create room',
  'roomAdmin.name': 'Room name',
  'roomAdmin.topic': 'Topic',
  'roomAdmin.topicPlaceholder': 'Pick one or type a new topic',
  'roomAdmin.description': 'Description',
  'roomAdmin.nameMissing': 'Give the room a name.',
  'roomAdmin.topicMissing': 'Pick a topic, or type a new one.',

  // A room's info
  'roomInfo.open': 'Room info',
  'roomInfo.title': 'Room info',
  'roomInfo.loading': "Loading the room's info…",
  'roomInfo.loadFailed': "Couldn't load the room's info: {error}",
  'roomInfo.editLabel': 'Edit room',
  'roomInfo.edit': 'Edit room',
  'roomInfo.saveFailed': "Couldn't save the room: {error}",
  'roomInfo.saving': 'Saving…',
  'roomInfo.save': 'Save changes',
  'roomInfo.about': 'About this room',
  'roomInfo.created': 'created {date}',
  'roomInfo.noDescription': 'No description yet.',
  'roomInfo.delete': 'Delete room',
  'roomInfo.deleteTitle': 'Delete {name}?',
  'roomInfo.deleteText':
    'This deletes the room and its whole history for everyone in it. It cannot be undone.',
  'roomInfo.deleteFailed': "Couldn't delete the room: {error}",
  'roomInfo.participants': 'Participants',
  'roomInfo.host': 'Host',
  'roomInfo.you': 'You',
} as const
