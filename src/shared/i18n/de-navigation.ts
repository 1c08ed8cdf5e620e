/** German: finding your way around (the same keys and arguments as en-navigation.ts). */
import type { enNavigation } from './en-navigation'

export const deNavigation: Readonly<Record<keyof typeof enNavigation, string>> = {
  // Tastenkürzel
  'keys.noUnreadRoom': 'Kein anderer Raum hat ungelesene Nachrichten.',
  'keys.sheetTitle': 'Tastenkürzel',
  'keys.groupNavigation': 'Navigation',
  'keys.groupSearch': 'Suche',
  'keys.groupMessages': 'Nachrichten',
  'keys.groupHelp': 'Hilfe',
  'keys.quickSwitcher': 'Zu einem Raum springen (Schnellwechsel)',
  'keys.previousRoom': 'Vorheriger Raum',
  'keys.nextRoom': 'Nächster Raum',
  'keys.previousUnreadRoom': 'Vorheriger ungelesener Raum',
  'keys.nextUnreadRoom': 'Nächster ungelesener Raum',
  'keys.searchRoom': 'Diesen Raum durchsuchen',
  'keys.searchAll': 'Alle deine Räume durchsuchen',
  'keys.send': 'Nachricht senden',
  'keys.newLine': 'Neue Zeile',
  'keys.editLast': 'Deine letzte Nachricht bearbeiten (bei leerem Eingabefeld)',
  'keys.cancelEdit': 'Bearbeiten abbrechen',
  'keys.messageActions': 'Aktionen zur Nachricht (auch die Menütaste)',
  'keys.showShortcuts': 'Diese Tastenkürzel anzeigen',

  // Schnellwechsel
  'switcher.title': 'Zu einem Raum springen',
  'switcher.field': 'Raumname',
  'switcher.placeholder': 'Gib einen Raumnamen ein',
  'switcher.listLabel': 'Räume',
  'switcher.join': 'Beitreten',
  'switcher.unread': '{count, number} ungelesen',
  'switcher.noMatch': 'Kein Raum passt zu „{query}“.',
  'switcher.onlyJoined':
    'Nur deine Räume werden angezeigt: Die anderen konnten nicht geladen werden ({error}).',
  'switcher.hint': '↑ ↓ zum Auswählen · Enter zum Öffnen · Esc zum Schließen',
  'switcher.joinFailed': '{name} konnte nicht beigetreten werden: {error}',

  // Suche
  'search.titleRoom': '#{room} durchsuchen',
  'search.titleAll': 'Alle Räume durchsuchen',
  'search.failed': 'Suche fehlgeschlagen: {error}',
  'search.searching': 'Suche läuft…',
  'search.noMatch': 'Keine Nachricht passt zu „{query}“.',
  'search.count': '{count, plural, one {# Treffer} other {# Treffer}}',
  'search.truncated':
    '{count, plural, one {# Treffer} other {# Treffer}}: die besten Treffer. Gib weitere Wörter ein, um die Suche einzugrenzen.',
  'search.field': 'Nachrichten durchsuchen',
  'search.placeholder': 'Gesuchte Wörter',
  'search.scope': 'Wo suchen',
  'search.thisRoom': 'Dieser Raum',
  'search.allRooms': 'Alle Räume',
  'search.results': 'Suchergebnisse',
  'search.hint': 'Durchsucht die Nachrichten, die auf diesem Computer gespeichert sind.',
  'error.messageGone':
    'Diese Nachricht ist nicht mehr in diesem Raum: Sie wurde vielleicht gelöscht.',
  'search.showFailed': 'Diese Nachricht konnte nicht angezeigt werden: {error}',

  // Das Nachrichtenmenü
  'messageMenu.label': 'Aktionen zur Nachricht von {author}',
  'messageMenu.more': 'Weitere Aktionen zur Nachricht: {preview}',
  'messageMenu.moreTitle': 'Weitere Aktionen (Umschalt+F10)',
  'messageMenu.copy': 'Text kopieren',
  'messageMenu.copyLink': 'Link kopieren',
  'messageMenu.copied': 'Nachricht kopiert.',
  'messageMenu.linkCopied': 'Link kopiert.',
  'messageMenu.copyFailed': 'Kopieren fehlgeschlagen: {error}',

  // Ungelesenes, Sprünge und ältere Seiten
  'unread.divider': 'Neue Nachrichten',
  'unread.jumpFirst': 'Zur ersten ungelesenen Nachricht',
  'unread.newCount': '{count, plural, one {# neue Nachricht} other {# neue Nachrichten}}',
  'unread.jumpLatest': 'Zur neuesten Nachricht',
  'history.loadingOlder': 'Ältere Nachrichten werden geladen…',
  'history.beginning': 'Anfang des Raums',
  'history.olderFailed': 'Ältere Nachrichten konnten nicht geladen werden',

  // Erwähnungen
  'mention.listLabel': 'Personen',

  // Was ein Screenreader bei neuen Nachrichten vorliest
  'announce.one': 'Neue Nachricht von {author}',
  'announce.oneWithText': 'Neue Nachricht von {author}: {text}',
  'announce.many':
    '{count, plural, one {# neue Nachricht von {names}} other {# neue Nachrichten von {names}}}',
  'announce.two': '{first} und {last}',
  'announce.others':
    '{names} und {rest, plural, one {# weitere Person} other {# weitere Personen}}',
}
