/**
 * The German catalogue: the same keys and arguments as en.ts (the type and catalogue.test.ts
 * enforce it), ICU MessageFormat. Informal "du", as German chat apps address their users.
 */
import { deNavigation } from './de-navigation'
import { dePeople } from './de-people'
import { deDesktop } from './de-desktop'
import type { MessageKey } from './en'

export const de: Readonly<Record<MessageKey, string>> = {
  // Die App als Ganzes
  'app.name': 'EduSphere Desktop',
  'app.cannotStart': 'EduSphere kann nicht starten',
  'app.bridgeMissing':
    'Die Verbindung zur App fehlt (keine Preload-Brücke). Bitte installiere EduSphere neu.',
  'app.startFailed': 'EduSphere konnte nicht starten',
  'app.restoring': 'Deine Sitzung wird wiederhergestellt…',
  'app.pickRoomTitle': 'Wähle einen Raum',
  'app.pickRoomText':
    'Wähle links einen Raum aus oder durchsuche die Räume des Servers, um einem beizutreten.',

  // Anmeldung
  'signIn.title': 'Bei EduSphere anmelden',
  'signIn.server': 'Serveradresse',
  'signIn.email': 'E-Mail',
  'signIn.password': 'Passwort',
  'signIn.submit': 'Anmelden',
  'signIn.busy': 'Anmeldung läuft…',
  'signIn.keychainUnavailable':
    'Der Schlüsselbund deines Systems ist nicht verfügbar, daher musst du dich beim nächsten Mal erneut anmelden.',
  'signIn.wrongCredentials':
    'E-Mail-Adresse oder Passwort ist falsch. Prüfe beides und versuche es erneut.',
  'signIn.unreachable':
    'Der Server ist nicht erreichbar. Prüfe die Adresse und deine Verbindung. ({detail})',
  'signIn.notEduSphere': 'Diese Adresse scheint kein EduSphere-Server zu sein. ({detail})',

  // Serveradressen und unverschlüsseltes http
  'server.empty': 'Gib die Serveradresse ein, zum Beispiel https://edusphere.example.org.',
  'server.invalid':
    '„{typed}“ ist keine gültige Serveradresse. Gib sie so ein: https://edusphere.example.org.',
  'server.scheme':
    'Die Serveradresse muss mit http:// oder https:// beginnen (nicht mit {protocol}//).',
  'server.credentials':
    'Die Serveradresse darf weder Benutzernamen noch Passwort enthalten; gib sie im Anmeldeformular ein.',
  'server.noHost': '„{typed}“ enthält keinen Hostnamen.',
  'unencrypted.refused':
    '{host} wird ohne Verschlüsselung (http://) erreicht: Dein Passwort und deine Sitzung würden im Klartext übertragen und könnten von jedem im Netzwerk dazwischen gelesen und verändert werden. Verwende https://, wenn der Server es anbietet, oder bestätige „Ohne Verschlüsselung verbinden“, um fortzufahren.',
  'unencrypted.restoreRefused':
    'Deine gespeicherte Sitzung gehört zu {host}, das ohne Verschlüsselung erreicht wird. Melde dich erneut an und bestätige „Ohne Verschlüsselung verbinden“, um sie zu verwenden.',
  'unencrypted.confirm': 'Ohne Verschlüsselung verbinden',
  'unencrypted.banner': 'Unverschlüsselte Verbindung zu {host}',
  'unencrypted.bannerDetail':
    'Dein Passwort und deine Sitzung werden im Klartext übertragen: Jeder im Netzwerk kann sie mitlesen.',

  // Sitzung und Räume, die sich nicht verbinden können
  'session.expired': 'Deine Sitzung ist abgelaufen. Melde dich erneut an, um fortzufahren.',
  'terminal.roomNotFound': 'Diesen Raum gibt es auf dem Server nicht mehr.',
  'terminal.notParticipant':
    'Du bist kein Mitglied dieses Raums mehr, daher kann er sich nicht verbinden.',

  // Verbindungszustände
  'connection.connected': 'Verbunden',
  'connection.connecting': 'Verbindung wird hergestellt',
  'connection.reconnecting': 'Verbindung wird wiederhergestellt',
  'connection.disconnected': 'Getrennt',
  'connection.error': 'Verbindungsfehler',
  'connection.failed': 'Verbindung fehlgeschlagen',
  'connection.bannerConnecting': 'Verbindung wird hergestellt…',
  'connection.bannerReconnecting': 'Verbindung wird wiederhergestellt…',
  'connection.bannerAttempt': 'Verbindung wird wiederhergestellt… (Versuch {attempt} von {max})',
  'connection.withReason': '{state}: {reason}',
  'connection.failedAfter':
    '{max, plural, one {Verbindung nach # Versuch fehlgeschlagen} other {Verbindung nach # Versuchen fehlgeschlagen}}',
  'connection.retry': 'Jetzt erneut versuchen',
  'connection.retryFailed': 'Erneuter Versuch fehlgeschlagen: {error}',

  // Seitenleiste, Räume und Durchsuchen
  'sidebar.label': 'Räume',
  'sidebar.rooms': 'Räume',
  'sidebar.browse': 'Räume durchsuchen',
  'rooms.listLabel': 'Deine Räume',
  'rooms.empty': 'Du bist noch keinem Raum beigetreten. Mit „Räume durchsuchen“ findest du einen.',
  'rooms.itemSpokenHost': 'gehostet von ',
  'rooms.itemSpokenTopic': ', Thema ',
  'rooms.itemSpokenMentions':
    '{mentions, plural, =0 {} one {, # Erwähnung von dir} other {, # Erwähnungen von dir}}',
  'rooms.mentionBadgeTitle':
    '{mentions, plural, one {# Erwähnung von dir} other {# Erwähnungen von dir}}',
  'rooms.itemSpokenUnread':
    '{unread, plural, =0 {} one {, # ungelesene Nachricht} other {, # ungelesene Nachrichten}}',
  'rooms.loadFailed': 'Deine Räume konnten nicht geladen werden: {error}',
  'rooms.openFailed': '{room} konnte nicht geöffnet werden: {error}',
  'room.label': 'Raum {name}',
  'room.hostedBy': 'gehostet von {host}',
  'room.participants': '{count, plural, one {# Mitglied} other {# Mitglieder}}',
  'browse.title': 'Räume durchsuchen',
  'browse.search': 'Räume suchen',
  'browse.placeholder': 'Name, Thema oder Host',
  'browse.searching': 'Suche läuft…',
  'browse.count': '{count, plural, =0 {Keine Räume} one {# Raum} other {# Räume}}',
  'browse.listLabel': 'Räume auf diesem Server',
  'browse.open': 'Öffnen',
  'browse.join': 'Beitreten',
  'browse.joining': 'Tritt bei…',
  'browse.openRoom': '{name} öffnen',
  'browse.joinRoom': '{name} beitreten',
  'browse.searchFailed': 'Die Räume konnten nicht durchsucht werden: {error}',
  'browse.joinFailed': 'Beitritt zu {name} fehlgeschlagen: {error}',

  // Nachrichten
  'history.label': 'Nachrichtenverlauf',
  'history.loading': 'Nachrichten werden geladen…',
  'history.empty': 'Noch keine Nachrichten. Sag hallo!',
  'history.newMessages': '{count, plural, one {# neue Nachricht} other {# neue Nachrichten}} ↓',
  'day.today': 'Heute',
  'day.yesterday': 'Gestern',
  'message.edited': '(bearbeitet)',
  'message.editedAt': 'Bearbeitet am {time}',
  'message.sending': 'Wird gesendet…',
  'message.savingEdit': 'Änderung wird gespeichert…',
  'message.deleting': 'Wird gelöscht…',
  'message.notSent': 'Nicht gesendet: {error}',
  'message.unknownError': 'unbekannter Fehler',
  'message.unconfirmed':
    'Nicht bestätigt: Dein anderes Gerät war aktiv, daher ist die Nachricht vielleicht schon angekommen. Sieh im Verlauf nach und sende sie dann erneut oder verwirf sie.',
  'message.retry': 'Erneut versuchen',
  'message.sendAgain': 'Erneut senden',
  'message.discard': 'Verwerfen',
  'message.edit': 'Bearbeiten',
  'message.delete': 'Löschen',
  'message.editLabel': 'Nachricht bearbeiten: {preview}',
  'message.deleteLabel': 'Nachricht löschen: {preview}',
  'message.deleteTitle': 'Nachricht löschen?',
  'message.deleteText':
    '„{preview}“ wird für alle gelöscht. Das kann nicht rückgängig gemacht werden.',
  'message.sendFailed': 'Senden fehlgeschlagen',
  'message.editFailed': 'Bearbeiten fehlgeschlagen',
  'message.deleteFailed': 'Löschen fehlgeschlagen',
  'message.retryFailed': 'Erneuter Versuch fehlgeschlagen',
  'message.discardFailed': 'Verwerfen fehlgeschlagen',

  // Eingabefeld
  'composer.editing': 'Nachricht wird bearbeitet',
  'composer.escHint': 'Esc zum Abbrechen',
  'composer.cancel': 'Abbrechen',
  'composer.label': 'Nachricht',
  'composer.editLabel': 'Nachricht bearbeiten',
  'composer.placeholder': 'Schreib eine Nachricht',
  'composer.placeholderRoom': 'Schreib eine Nachricht an #{room}',
  'composer.counter': '{count, number} von {max, number} Zeichen',
  'composer.tooLong': ', zu lang: entferne {over, plural, one {# Zeichen} other {# Zeichen}}',
  'composer.send': 'Senden',
  'composer.save': 'Speichern',

  'common.labelled': '{label}: {detail}',

  // Dialoge, Links und Hinweise
  'dialog.cancel': 'Abbrechen',
  'dialog.close': 'Schließen',
  'link.title': 'Link öffnen?',
  'link.message': 'Damit wird {host} in deinem Browser geöffnet:\n{url}',
  'link.confirm': '{host} öffnen',
  'link.openFailed': 'Der Link konnte nicht geöffnet werden: {error}',
  'toasts.label': 'Benachrichtigungen',
  'toasts.dismiss': 'Benachrichtigung schließen',
  'toasts.more': '{count, plural, one {und # weiterer Fehler} other {und # weitere Fehler}}',
  'events.notAList': 'Eine Aktualisierung der App war keine Ereignisliste und wurde ignoriert.',
  'events.notApplied':
    'Eine Aktualisierung, die das Fenster nicht anwenden konnte, wurde ignoriert: {error}',

  // Einstellungen
  'settings.notifications': 'Benachrichtigungen für Nachrichten',
  'settings.language': 'Sprache',
  'settings.languageSystem': 'System ({language})',
  'settings.languageEn': 'English',
  'settings.languageDe': 'Deutsch',
  'settings.signOut': 'Abmelden',
  'settings.keychainHint':
    'Schlüsselbund nicht verfügbar: Du musst dich beim nächsten Mal erneut anmelden.',
  'settings.mentionNotifications': 'Benachrichtigungen bei Erwähnungen',
  'settings.mentionNotificationsHint':
    'Benachrichtige mich, wenn jemand @{username} schreibt, auch wenn Nachrichten-Benachrichtigungen aus sind.',
  'settings.logLevel': 'Protokolldetails',
  'settings.logLevelError': 'Nur Fehler',
  'settings.logLevelWarn': 'Warnungen',
  'settings.logLevelInfo': 'Standard',
  'settings.logLevelDebug': 'Alles (Debug)',
  'settings.saveFailed': 'Die Einstellung konnte nicht gespeichert werden: {error}',
  'settings.signOutFailed': 'Abmelden fehlgeschlagen: {error}',

  // Infobereich (main)
  'tray.signedOutTooltip': '{app} – abgemeldet',
  'tray.tooltip':
    '{app} – {unread, plural, =0 {keine ungelesenen Nachrichten} one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}{mentions, plural, =0 {} one {, # Erwähnung von dir} other {, # Erwähnungen von dir}}',
  'tray.offlineTooltip':
    '{app} – {state}, {unread, plural, =0 {keine ungelesenen Nachrichten} one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}{mentions, plural, =0 {} one {, # Erwähnung von dir} other {, # Erwähnungen von dir}}',
  'tray.open': 'EduSphere öffnen',
  'tray.noRooms': 'Keine beigetretenen Räume',
  'tray.moreRooms': '{count, plural, one {# weiterer Raum…} other {# weitere Räume…}}',
  'tray.connected': 'Verbunden',
  'tray.connecting': 'Verbindung wird hergestellt…',
  'tray.disconnected': 'Getrennt',
  'tray.failed': 'Verbindung fehlgeschlagen',
  'tray.signedOut': 'Abgemeldet',
  'tray.startAtLogin': 'Bei der Anmeldung starten',
  'tray.signOut': 'Abmelden',
  'tray.quit': 'EduSphere beenden',

  // Systembenachrichtigungen (main)
  'notify.someone': 'Jemand',
  'notify.messageTitle': '{author} in {room}',
  'notify.mentionTitle': '{author} hat dich in {room} erwähnt',
  'notify.mentionGroupTitle':
    '{count, plural, one {# Erwähnung von dir in {room}} other {# Erwähnungen von dir in {room}}}',
  'notify.emptyMessage': '(leere Nachricht)',
  'notify.groupTitle':
    '{count, plural, one {# neue Nachricht in {room}} other {# neue Nachrichten in {room}}}',
  'notify.moreErrors':
    '{count, plural, one {(und # weiterer Fehler)} other {(und # weitere Fehler)}}',
  'notify.connectionLost': '{room}: Verbindung unterbrochen',

  // Fehler aus main, die der Nutzer sieht
  'error.csrf':
    '{server} hat die Anfrage abgelehnt (HTTP 403, CSRF-Prüfung fehlgeschlagen). Prüfe, ob die Serveradresse die EduSphere-Seite selbst ist und kein vorgeschalteter Proxy.',
  'error.unreachable':
    '{server} ist nicht erreichbar: {cause}. Prüfe die Serveradresse und deine Netzwerkverbindung und versuche es dann erneut.',
  'error.cutOff':
    '{server} ist nicht erreichbar: Die Antwort brach ab ({cause}). Versuche es erneut.',
  'error.serverError':
    'Bei {server} ist ein interner Fehler aufgetreten (HTTP {status}). Versuche es später erneut.',
  'error.notEduSphere':
    '{server} hat geantwortet, aber nicht wie ein EduSphere-Server ({detail}). Prüfe die Serveradresse.',
  'error.wrongCredentials':
    'E-Mail-Adresse oder Passwort ist falsch. Prüfe beides und versuche es erneut.',
  'error.sessionExpiredServer':
    'Deine Sitzung ist abgelaufen ({detail}). Melde dich erneut an, um fortzufahren.',
  'error.notFoundServer': '{detail}. Vielleicht wurde es gelöscht oder umbenannt.',
  'error.hostOnly': 'Nur der Host dieses Raums kann ihn ändern oder löschen. Bitte ihn darum.',
  'error.formRejected': 'Der Server hat das nicht angenommen: {detail}',
  'error.formRejectedNoReason':
    'Der Server hat das nicht angenommen, ohne einen Grund zu nennen. Prüfe deine Eingaben und versuche es erneut.',
  'error.notInHistory': 'Diese Nachricht ist nicht im Verlauf dieses Raums.',
  'error.roomVanished': 'Der Raum ist aus deinen Räumen verschwunden.',
  'error.roomDeletedByHost': 'Dieser Raum wurde von seinem Host gelöscht.',
  'error.createdButSignInFailed':
    'Dein Konto wurde angelegt, aber die Anmeldung ist fehlgeschlagen: {detail} Melde dich mit deiner E-Mail-Adresse und deinem Passwort an.',
  'error.copyUnavailable': 'Kopieren ist hier nicht verfügbar.',
  'error.permissionDenied':
    'Dazu fehlt dir die Berechtigung. Melde dich erneut an oder bitte den Host des Raums um Zugang.',
  'error.protocolOperation':
    'Der Server konnte {operation} nicht beantworten: {detail}. Möglicherweise läuft dort eine inkompatible EduSphere-Version.',
  'error.roomNotFound': 'Raum nicht gefunden: {room}.',
  'error.noData':
    'Der Antwort des Servers auf {field} fehlte das Feld data.{field}. Möglicherweise läuft dort eine inkompatible EduSphere-Version.',
  'error.badShape':
    'Die Antwort des Servers auf {field} entsprach nicht dem EduSphere-Protokoll ({field}: {detail}).',
  'error.tooLarge':
    '{server} hat eine Antwort größer als {size} gesendet; sie wurde nicht gelesen, damit der App nicht der Speicher ausgeht.',
  'error.noFailedMessage':
    'Es gibt keine fehlgeschlagene Nachricht mit dieser ID, die erneut gesendet werden könnte.',
  'error.noUnsentMessage': 'Es gibt keine ungesendete Nachricht mit dieser ID.',
  'error.onItsWay':
    'Diese Nachricht ist auf dem Weg zum Server und kann jetzt nicht verworfen werden.',
  'error.notDelivered':
    'Diese Nachricht wurde noch nicht zugestellt, daher kannst du sie nicht {action, select, edit {bearbeiten} other {löschen}}.',
  'error.notMessageId': 'Das ist keine Nachrichten-ID.',
  'error.messageNotFound': 'Nachricht nicht gefunden.',
  'error.notOwn':
    'Du kannst nur deine eigenen Nachrichten {action, select, edit {bearbeiten} other {löschen}}.',
  'error.alreadyDeleting': 'Diese Nachricht wird bereits gelöscht.',
  'error.signInToSend': 'Melde dich an, um Nachrichten zu senden.',
  'error.notSignedIn': 'Du bist nicht angemeldet. Melde dich an, um fortzufahren.',
  'error.notJoined': 'Du bist dem Raum {room} nicht beigetreten.',
  'error.historyNotLoaded': 'Der Verlauf wurde nicht geladen.',
  'error.joinedRoomVanished': 'Der beigetretene Raum ist verschwunden.',
  'error.onlyHttpLinks': 'Nur http- und https-Links können geöffnet werden.',
  'error.enterEmail': 'Gib deine E-Mail-Adresse ein.',
  'error.enterPassword': 'Gib dein Passwort ein.',
  'session.offline':
    'Offline: Der Server ist nicht erreichbar, daher siehst du, was auf diesem Computer gespeichert ist. Was du schreibst, wird aufbewahrt und gesendet, sobald er wieder da ist.',
  'session.keychainMemory':
    'Der Schlüsselbund des Systems ist nicht verfügbar ({reason}), daher wird deine Anmeldung nur im Arbeitsspeicher gehalten. Du musst dich beim nächsten Mal erneut anmelden.',
  'session.keychainSafeStorage':
    'Deine Anmeldung wird mit Electrons safeStorage verschlüsselt gespeichert, weil der Schlüsselbund des Systems nicht verfügbar ist ({reason}).',
  'session.unknownReason': 'unbekannter Grund',
  'error.hostNotAllowed':
    'Dieser Server akzeptiert die Adresse {host} nicht; bitte seine Administration, sie zuzulassen.',
  'error.unexpected': 'Unerwarteter Fehler: {detail}',

  ...deNavigation,
  ...dePeople,
  ...deDesktop,
}
