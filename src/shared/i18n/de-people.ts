/** German: people and rooms (the same keys and arguments as en-people.ts). */
import type { enPeople } from './en-people'

export const dePeople: Readonly<Record<keyof typeof enPeople, string>> = {
  // Fehler dieser Vorgänge in main
  'error.noRoomInAnswer':
    'Die Antwort des Servers auf {field} enthielt keinen Raum. Versuche es erneut.',
  'error.roomNotDeleted': 'Der Server hat den Raum nicht gelöscht. Versuche es erneut.',
  'error.noProfile': 'Der Server hat dein Profil nicht geliefert.',
  'error.accountNotCreated': 'Der Server hat das Konto nicht erstellt. Versuche es erneut.',

  // Konto erstellen
  'register.title': 'Erstelle dein EduSphere-Konto',
  'register.username': 'Benutzername',
  'register.name': 'Vollständiger Name',
  'register.password2': 'Passwort bestätigen',
  'register.busy': 'Dein Konto wird erstellt…',
  'register.submit': 'Konto erstellen',
  'register.haveAccount': 'Du hast schon ein Konto?',
  'register.newHere': 'Neu hier?',

  // Profil und Avatar
  'profile.title': 'Dein Profil',
  'profile.open': 'Dein Profil',
  'profile.loading': 'Dein Profil wird geladen…',
  'profile.loadFailed': 'Dein Profil konnte nicht geladen werden: {error}',
  'profile.name': 'Name',
  'profile.nameMissing': 'Gib den Namen ein, den andere sehen.',
  'profile.bio': 'Über mich',
  'profile.bioPlaceholder': 'Ein paar Worte über dich',
  'profile.saveFailed': 'Dein Profil konnte nicht gespeichert werden: {error}',
  'profile.saved': 'Dein Profil ist gespeichert.',
  'profile.saving': 'Wird gespeichert…',
  'profile.save': 'Profil speichern',
  'avatar.label': 'Profilbild',
  'avatar.hint': 'PNG oder JPEG, höchstens 2 MB.',
  'avatar.keepCurrent': 'Aktuelles Profilbild behalten',
  'avatar.preview': 'Vorschau von {file}',
  'avatar.tooLarge':
    'Dieses Bild ist {mb} MB groß; der Server nimmt höchstens 2 MB an. Wähle ein kleineres.',
  'avatar.unreadable':
    'Dieses Bild konnte nicht gelesen werden, es ist vielleicht beschädigt. Wähle ein anderes.',
  'avatar.empty': 'Diese Datei ist leer. Wähle ein PNG- oder JPEG-Bild.',
  'avatar.extension': 'Nur PNG- und JPEG-Bilder (.png, .jpg, .jpeg) können Profilbild sein.',
  'avatar.notPicture':
    'Diese Datei ist kein PNG- oder JPEG-Bild, egal was ihr Name sagt. Wähle eine andere.',

  // Räume erstellen und bearbeiten
  'roomAdmin.new': 'Neuer Raum',
  'roomAdmin.createTitle': 'Raum erstellen',
  'roomAdmin.createFailed': 'Der Raum konnte nicht erstellt werden: {error}',
  'roomAdmin.creating': 'Wird erstellt…',
  'roomAdmin.create': 'Raum erstellen',
  'roomAdmin.name': 'Raumname',
  'roomAdmin.topic': 'Thema',
  'roomAdmin.topicPlaceholder': 'Wähle eines oder gib ein neues Thema ein',
  'roomAdmin.description': 'Beschreibung',
  'roomAdmin.nameMissing': 'Gib dem Raum einen Namen.',
  'roomAdmin.topicMissing': 'Wähle ein Thema oder gib ein neues ein.',

  // Raum-Infos
  'roomInfo.open': 'Raum-Infos',
  'roomInfo.title': 'Raum-Infos',
  'roomInfo.loading': 'Die Raum-Infos werden geladen…',
  'roomInfo.loadFailed': 'Die Raum-Infos konnten nicht geladen werden: {error}',
  'roomInfo.editLabel': 'Raum bearbeiten',
  'roomInfo.edit': 'Raum bearbeiten',
  'roomInfo.saveFailed': 'Der Raum konnte nicht gespeichert werden: {error}',
  'roomInfo.saving': 'Wird gespeichert…',
  'roomInfo.save': 'Änderungen speichern',
  'roomInfo.about': 'Über diesen Raum',
  'roomInfo.created': 'erstellt {date}',
  'roomInfo.noDescription': 'Noch keine Beschreibung.',
  'roomInfo.delete': 'Raum löschen',
  'roomInfo.deleteTitle': '{name} löschen?',
  'roomInfo.deleteText':
    'Damit werden der Raum und sein gesamter Verlauf für alle darin gelöscht. Das kann nicht rückgängig gemacht werden.',
  'roomInfo.deleteFailed': 'Der Raum konnte nicht gelöscht werden: {error}',
  'roomInfo.participants': 'Mitglieder',
  'roomInfo.host': 'Gastgeber',
  'roomInfo.you': 'Du',
}
