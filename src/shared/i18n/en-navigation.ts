/**
 * English: finding your way around: keyboard shortcuts, the quick switcher, search, the message
 * menu, unread marks and jumps, history paging, mention suggestions and what a screen reader
 * hears when messages arrive. Part of the English catalogue (en.ts spreads it in).
 */
export const enNavigation = {
  // Keyboard shortcuts
  'keys.noUnreadRoom': 'No other room has unread messages.',
  'keys.sheetTitle': 'Keyboard shortcuts',
  'keys.groupNavigation': 'Navigation',
  'keys.groupSearch': 'Search',
  'keys.groupMessages': 'Messages',
  'keys.groupHelp': 'Help',
  'keys.quickSwitcher': 'Jump to a room (quick switcher)',
  'keys.previousRoom': 'Previous room',
  'keys.nextRoom': 'Next room',
  'keys.previousUnreadRoom': 'Previous unread room',
  'keys.nextUnreadRoom': 'Next unread room',
  'keys.searchRoom': 'Search this room',
  'keys.searchAll': 'Search all your rooms',
  'keys.send': 'Send the message',
  'keys.newLine': 'New line',
  'keys.editLast': 'Edit your last message (in an empty composer)',
  'keys.cancelEdit': 'Cancel editing',
  'keys.messageActions': 'Message actions (also the Menu key)',
  'keys.showShortcuts': 'Show these shortcuts',

  // Quick switcher
  'switcher.title': 'Jump to a room',
  'switcher.field': 'Room name',
  'switcher.placeholder': 'Type a room name',
  'switcher.listLabel': 'Rooms',
  'switcher.join': 'Join',
  'switcher.unread': '{count, number} unread',
  'switcher.noMatch': 'No rooms match “{query}”.',
  'switcher.onlyJoined': "Only your rooms are listed: couldn't load the others ({error}).",
  'switcher.hint': '↑ ↓ to choose · Enter to open · Esc to close',
  'switcher.joinFailed': "Couldn't join {name}: {error}",

  // Search
  'search.titleRoom': 'Search #{room}',
  'search.titleAll': 'Search all rooms',
  'search.failed': "Couldn't search: {error}",
  'search.searching': 'Searching…',
  'search.noMatch': 'No messages match “{query}”.',
  'search.count': '{count, plural, one {# result} other {# results}}',
  'search.truncated':
    '{count, plural, one {# result} other {# results}}: the best matches. Add words to narrow the search.',
  'search.field': 'Search messages',
  'search.placeholder': 'Words to find',
  'search.scope': 'Where to search',
  'search.thisRoom': 'This room',
  'search.allRooms': 'All rooms',
  'search.results': 'Search results',
  'search.hint': 'Searches the messages stored on this computer.',
  'error.messageGone': 'That message is no longer in this room: it may have been deleted.',
  'search.showFailed': "Couldn't show that message: {error}",

  // The message menu
  'messageMenu.label': 'Actions for the message from {author}',
  'messageMenu.more': 'More actions for message: {preview}',
  'messageMenu.moreTitle': 'More actions (Shift+F10)',
  'messageMenu.copy': 'Copy text',
  'messageMenu.copyLink': 'Copy link',
  'messageMenu.copied': 'Message copied.',
  'messageMenu.linkCopied': 'Link copied.',
  'messageMenu.copyFailed': "Couldn't copy: {error}",

  // Unread messages, jumps and older pages
  'unread.divider': 'New messages',
  'unread.jumpFirst': 'Jump to first unread',
  'unread.newCount': '{count, plural, one {# new message} other {# new messages}}',
  'unread.jumpLatest': 'Jump to latest',
  'history.loadingOlder': 'Loading earlier messages…',
  'history.beginning': 'Beginning of the room',
  'history.olderFailed': "Couldn't load earlier messages",

  // Mentions
  'mention.listLabel': 'People',

  // What a screen reader hears when messages arrive
  'announce.one': 'New message from {author}',
  'announce.oneWithText': 'New message from {author}: {text}',
  'announce.many':
    '{count, plural, one {# new message from {names}} other {# new messages from {names}}}',
  'announce.two': '{first} and {last}',
  'announce.others': '{names} and {rest, plural, one {# other} other {# others}}',
} as const
