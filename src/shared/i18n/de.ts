/**
 * The German catalogue: the same keys and arguments as en.ts (the type and catalogue.test.ts
 * enforce it), ICU MessageFormat. Informal "du", as German chat apps address their users.
 */
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
  'rooms.itemLabel':
    '{name}, gehostet von {host}{hasTopic, select, yes {, Thema {topic}} other {}}{unread, plural, =0 {} one {, # ungelesene Nachricht} other {, # ungelesene Nachrichten}}',
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
  'settings.saveFailed': 'Die Einstellung konnte nicht gespeichert werden: {error}',
  'settings.signOutFailed': 'Abmelden fehlgeschlagen: {error}',

  // Infobereich (main)
  'tray.signedOutTooltip': '{app} – abgemeldet',
  'tray.tooltip':
    '{app} – {unread, plural, =0 {keine ungelesenen Nachrichten} one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}',
  'tray.offlineTooltip':
    '{app} – {state}, {unread, plural, =0 {keine ungelesenen Nachrichten} one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}',
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
  'notify.emptyMessage': '(leere Nachricht)',
  'notify.groupTitle':
    '{count, plural, one {# neue Nachricht in {room}} other {# neue Nachrichten in {room}}}',
  'notify.moreErrors':
    '{count, plural, one {(und # weiterer Fehler)} other {(und # weitere Fehler)}}',
  'notify.connectionLost': '{room}: Verbindung unterbrochen',

  // Anwendungsmenü (main)
  'menu.file': 'Datei',
  'menu.closeWindow': 'Fenster schließen',
  'menu.quit': 'EduSphere beenden',
  'menu.view': 'Ansicht',
}
