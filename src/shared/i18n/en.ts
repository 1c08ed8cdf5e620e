/**
 * The English catalogue: every sentence the user reads, main's and the renderer's. ICU
 * MessageFormat (see icu.ts): `{name}` arguments, `{n, plural, one {…} other {…}}` plurals with `#`
 * as the count, `''` for an apostrophe next to a brace. Keys are flat, `area.what`; de.ts must have
 * exactly these keys with the same arguments (catalogue.test.ts).
 */
import { enNavigation } from './en-navigation'
import { enPeople } from './en-people'
import { enDesktop } from './en-desktop'

export const en = {
  // The app as a whole
  'app.name': 'EduSphere Desktop',
  'app.cannotStart': "EduSphere can't start",
  'app.bridgeMissing':
    'The connection to the app is missing (no preload bridge). Please reinstall EduSphere.',
  'app.startFailed': 'EduSphere could not start',
  'app.restoring': 'Restoring your session…',
  'app.pickRoomTitle': 'Pick a room',
  'app.pickRoomText': "Choose a room on the left, or browse the server's rooms to join one.",

  // Sign-in
  'signIn.title': 'Sign in to EduSphere',
  'signIn.server': 'Server address',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.keychainUnavailable':
    "Your system keychain isn't available, so you'll need to sign in again next time.",
  'signIn.wrongCredentials': 'Wrong email or password. Check them and try again.',
  'signIn.unreachable': "Can't reach the server. Check the address and your connection. ({detail})",
  'signIn.notEduSphere': "That address doesn't look like an EduSphere server. ({detail})",

  // Server addresses and plain http
  'server.empty': 'Enter the server address, for example https://edusphere.example.org.',
  'server.invalid':
    '"{typed}" is not a valid server address. Enter it like https://edusphere.example.org.',
  'server.scheme': 'The server address must start with http:// or https:// (got {protocol}//).',
  'server.credentials':
    'The server address must not contain a user name or password; enter them in the sign-in form.',
  'server.noHost': '"{typed}" has no host name.',
  'unencrypted.refused':
    '{host} is reached without encryption (http://): your password and your session would travel in clear text, readable and changeable by anyone on the network in between. Use https:// if the server offers it, or confirm "Connect without encryption" to go ahead.',
  'unencrypted.restoreRefused':
    'Your saved session is for {host}, which is reached without encryption. Sign in again and confirm "Connect without encryption" to use it.',
  'unencrypted.confirm': 'Connect without encryption',
  'unencrypted.banner': 'Unencrypted connection to {host}',
  'unencrypted.bannerDetail':
    'Your password and your session travel in clear text: anyone on the network can read them.',

  // Session and rooms that cannot connect
  'session.expired': 'Your session has expired. Sign in again to continue.',
  'terminal.roomNotFound': 'This room no longer exists on the server.',
  'terminal.notParticipant': "You're not a participant of this room any more, so it can't connect.",

  // Connection states
  'connection.connected': 'Connected',
  'connection.connecting': 'Connecting',
  'connection.reconnecting': 'Reconnecting',
  'connection.disconnected': 'Disconnected',
  'connection.error': 'Connection error',
  'connection.failed': 'Connection failed',
  'connection.bannerConnecting': 'Connecting…',
  'connection.bannerReconnecting': 'Reconnecting…',
  'connection.bannerAttempt': 'Reconnecting… (attempt {attempt} of {max})',
  'connection.withReason': '{state}: {reason}',
  'connection.failedAfter':
    '{max, plural, one {Connection failed after # attempt} other {Connection failed after # attempts}}',
  'connection.retry': 'Retry now',
  'connection.retryFailed': 'Retry failed: {error}',

  // Sidebar, rooms and browsing
  'sidebar.label': 'Rooms',
  'sidebar.rooms': 'Rooms',
  'sidebar.browse': 'Browse rooms',
  'rooms.listLabel': 'Your rooms',
  'rooms.empty': "You haven't joined any rooms yet. Use “Browse rooms” to find one.",
  'rooms.itemSpokenHost': 'hosted by ',
  'rooms.itemSpokenTopic': ', topic ',
  'rooms.itemSpokenMentions':
    '{mentions, plural, =0 {} one {, # mention of you} other {, # mentions of you}}',
  'rooms.mentionBadgeTitle': '{mentions, plural, one {# mention of you} other {# mentions of you}}',
  'rooms.itemSpokenUnread':
    '{unread, plural, =0 {} one {, # unread message} other {, # unread messages}}',
  'rooms.loadFailed': "Couldn't load your rooms: {error}",
  'rooms.openFailed': "Couldn't open {room}: {error}",
  'room.label': 'Room {name}',
  'room.hostedBy': 'hosted by {host}',
  'room.participants': '{count, plural, one {# participant} other {# participants}}',
  'browse.title': 'Browse rooms',
  'browse.search': 'Search rooms',
  'browse.placeholder': 'Name, topic or host',
  'browse.searching': 'Searching…',
  'browse.count': '{count, plural, =0 {No rooms} one {# room} other {# rooms}}',
  'browse.listLabel': 'Rooms on this server',
  'browse.open': 'Open',
  'browse.join': 'Join',
  'browse.joining': 'Joining…',
  'browse.openRoom': 'Open {name}',
  'browse.joinRoom': 'Join {name}',
  'browse.searchFailed': "Couldn't search rooms: {error}",
  'browse.joinFailed': "Couldn't join {name}: {error}",

  // Messages
  'history.label': 'Message history',
  'history.loading': 'Loading messages…',
  'history.empty': 'No messages yet. Say hello!',
  'history.newMessages': '{count, plural, one {# new message} other {# new messages}} ↓',
  'day.today': 'Today',
  'day.yesterday': 'Yesterday',
  'message.edited': '(edited)',
  'message.editedAt': 'Edited {time}',
  'message.sending': 'Sending…',
  'message.savingEdit': 'Saving edit…',
  'message.deleting': 'Deleting…',
  'message.notSent': 'Not sent: {error}',
  'message.unknownError': 'unknown error',
  'message.unconfirmed':
    'Not confirmed: your other device was active, so this may already have arrived. Check the conversation, then send again or discard.',
  'message.retry': 'Retry',
  'message.sendAgain': 'Send again',
  'message.discard': 'Discard',
  'message.edit': 'Edit',
  'message.delete': 'Delete',
  'message.editLabel': 'Edit message: {preview}',
  'message.deleteLabel': 'Delete message: {preview}',
  'message.deleteTitle': 'Delete message?',
  'message.deleteText': "“{preview}” will be deleted for everyone. This can't be undone.",
  'message.sendFailed': "Couldn't send",
  'message.editFailed': "Couldn't edit",
  'message.deleteFailed': "Couldn't delete",
  'message.retryFailed': "Couldn't retry",
  'message.discardFailed': "Couldn't discard",

  // Composer
  'composer.editing': 'Editing message',
  'composer.escHint': 'Esc to cancel',
  'composer.cancel': 'Cancel',
  'composer.label': 'Message',
  'composer.editLabel': 'Edit message',
  'composer.placeholder': 'Write a message',
  'composer.placeholderRoom': 'Write a message to #{room}',
  'composer.counter': '{count, number} of {max, number} characters',
  'composer.tooLong': ', too long: remove {over, plural, one {# character} other {# characters}}',
  'composer.send': 'Send',
  'composer.save': 'Save',

  'common.labelled': '{label}: {detail}',

  // Dialogs, links and toasts
  'dialog.cancel': 'Cancel',
  'dialog.close': 'Close',
  'link.title': 'Open link?',
  'link.message': 'This opens {host} in your browser:\n{url}',
  'link.confirm': 'Open {host}',
  'link.openFailed': "Couldn't open the link: {error}",
  'toasts.label': 'Notifications',
  'toasts.dismiss': 'Dismiss notification',
  'toasts.more': '{count, plural, one {and # more error} other {and # more errors}}',
  'events.notAList': 'Ignored an update from the app that was not a list of events.',
  'events.notApplied': 'Ignored an update the window could not apply: {error}',

  // Settings
  'settings.notifications': 'Message notifications',
  'settings.language': 'Language',
  'settings.languageSystem': 'System ({language})',
  'settings.languageEn': 'English',
  'settings.languageDe': 'Deutsch',
  'settings.signOut': 'Sign out',
  'settings.keychainHint': "Keychain unavailable: you'll sign in again next time.",
  'settings.mentionNotifications': 'Mention notifications',
  'settings.mentionNotificationsHint':
    'Notify me when someone writes @{username}, even with message notifications off.',
  'settings.logLevel': 'Log detail',
  'settings.logLevelError': 'Errors only',
  'settings.logLevelWarn': 'Warnings',
  'settings.logLevelInfo': 'Normal',
  'settings.logLevelDebug': 'Everything (debug)',
  'settings.saveFailed': "Couldn't save the setting: {error}",
  'settings.signOutFailed': 'Sign-out failed: {error}',

  // Tray (main)
  'tray.signedOutTooltip': '{app} — signed out',
  'tray.tooltip':
    '{app} — {unread, plural, =0 {no unread messages} one {# unread message} other {# unread messages}}{mentions, plural, =0 {} one {, # mention of you} other {, # mentions of you}}',
  'tray.offlineTooltip':
    '{app} — {state}, {unread, plural, =0 {no unread messages} one {# unread message} other {# unread messages}}{mentions, plural, =0 {} one {, # mention of you} other {, # mentions of you}}',
  'tray.open': 'Open EduSphere',
  'tray.noRooms': 'No joined rooms',
  'tray.moreRooms': '{count, plural, one {# more room…} other {# more rooms…}}',
  'tray.connected': 'Connected',
  'tray.connecting': 'Connecting…',
  'tray.disconnected': 'Disconnected',
  'tray.failed': 'Connection failed',
  'tray.signedOut': 'Signed out',
  'tray.startAtLogin': 'Start at login',
  'tray.signOut': 'Sign out',
  'tray.quit': 'Quit EduSphere',

  // Native notifications (main)
  'notify.someone': 'Someone',
  'notify.messageTitle': '{author} in {room}',
  'notify.mentionTitle': '{author} mentioned you in {room}',
  'notify.mentionGroupTitle':
    '{count, plural, one {# mention of you in {room}} other {# mentions of you in {room}}}',
  'notify.emptyMessage': '(empty message)',
  'notify.groupTitle':
    '{count, plural, one {# new message in {room}} other {# new messages in {room}}}',
  'notify.moreErrors': '{count, plural, one {(and # more error)} other {(and # more errors)}}',
  'notify.connectionLost': '{room}: connection lost',

  // Main's errors that reach the user
  'error.csrf':
    '{server} refused the request (HTTP 403, CSRF check failed). Check that the server address is the EduSphere site itself, not a proxy in front of it.',
  'error.unreachable':
    'Cannot reach {server}: {cause}. Check the server address and your network connection, then try again.',
  'error.cutOff': 'Cannot reach {server}: the answer was cut off ({cause}). Try again.',
  'error.serverError': '{server} had an internal error (HTTP {status}). Try again later.',
  'error.notEduSphere':
    '{server} answered, but not like an EduSphere server ({detail}). Check the server address.',
  'error.wrongCredentials': 'The email or password is incorrect. Check them and try again.',
  'error.sessionExpiredServer': 'Your session has expired ({detail}). Sign in again to continue.',
  'error.notFoundServer': '{detail}. It may have been deleted or renamed.',
  'error.hostOnly': 'Only the host of this room can change or delete it. Ask them to do it.',
  'error.formRejected': 'The server did not accept this: {detail}',
  'error.formRejectedNoReason':
    'The server did not accept this, without saying why. Check what you entered and try again.',
  'error.notInHistory': 'That message is not in the history of this room.',
  'error.roomVanished': 'The room vanished from your rooms.',
  'error.roomDeletedByHost': 'This room was deleted by its host.',
  'error.createdButSignInFailed':
    'Your account was created, but signing in failed: {detail} Sign in with your email and password.',
  'error.copyUnavailable': 'Copying is not available here.',
  'error.permissionDenied':
    'You do not have permission to do this. Sign in again or ask the room host for access.',
  'error.protocolOperation':
    'The server could not answer {operation}: {detail}. It may run an incompatible EduSphere version.',
  'error.roomNotFound': 'Room not found: {room}.',
  'error.noData':
    "The server's answer to {field} had no data.{field} field. It may run an incompatible EduSphere version.",
  'error.badShape':
    "The server's answer to {field} did not match the EduSphere protocol ({field}: {detail}).",
  'error.tooLarge':
    '{server} sent an answer larger than {size}; it was not read, so the app does not run out of memory.',
  'error.noFailedMessage': 'There is no failed message with that id to retry.',
  'error.noUnsentMessage': 'There is no unsent message with that id.',
  'error.onItsWay': 'This message is on its way to the server and cannot be discarded now.',
  'error.notDelivered':
    'This message has not been delivered yet, so you cannot {action, select, edit {edit} other {delete}} it.',
  'error.notMessageId': 'That is not a message id.',
  'error.messageNotFound': 'Message not found.',
  'error.notOwn': 'You can only {action, select, edit {edit} other {delete}} your own messages.',
  'error.alreadyDeleting': 'This message is already being deleted.',
  'error.signInToSend': 'Sign in to send messages.',
  'error.notSignedIn': 'You are not signed in. Sign in to continue.',
  'error.notJoined': 'You have not joined the room {room}.',
  'error.historyNotLoaded': 'The history did not load.',
  'error.joinedRoomVanished': 'The joined room vanished.',
  'error.onlyHttpLinks': 'Only http and https links can be opened.',
  'error.enterEmail': 'Enter your email address.',
  'error.enterPassword': 'Enter your password.',
  'session.offline':
    'Offline: the server cannot be reached, so this shows what was saved on this computer. Messages you write are kept and sent when it is back.',
  'session.keychainMemory':
    'The system keychain is unavailable ({reason}), so your sign-in is kept in memory only. You will need to sign in again next time.',
  'session.keychainSafeStorage':
    "Your sign-in is kept encrypted with Electron's safeStorage, because the system keychain is unavailable ({reason}).",
  'session.unknownReason': 'unknown reason',
  'error.hostNotAllowed':
    'This server does not accept the address {host}; ask its administrator to allow it.',
  'error.unexpected': 'Unexpected error: {detail}',

  ...enNavigation,
  ...enPeople,
  ...enDesktop,
} as const

/** Every message key. */
export type MessageKey = keyof typeof en
