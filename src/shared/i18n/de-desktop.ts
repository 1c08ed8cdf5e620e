/** German: the desktop shell in main (the same keys and arguments as en-desktop.ts). */
import type { enDesktop } from './en-desktop'

export const deDesktop: Readonly<Record<keyof typeof enDesktop, string>> = {
  // Anwendungsmenü
  'menu.file': '&Datei',
  'menu.edit': '&Bearbeiten',
  'menu.view': '&Ansicht',
  'menu.window': '&Fenster',
  'menu.help': '&Hilfe',
  'menu.about': 'Über {app}',
  'menu.quit': 'EduSphere beenden',
  'menu.quitApp': '{app} beenden',
  'menu.closeWindow': 'Fenster schließen',
  'menu.zoomReset': 'Originalgröße',
  'menu.zoomIn': 'Vergrößern',
  'menu.zoomOut': 'Verkleinern',
  'menu.openLogs': 'Protokollordner öffnen',

  // Über-Fenster
  'about.title': 'Über {app}',
  'about.version': 'Version: {version}',
  'about.os': 'Betriebssystem: {os}',
  'about.ok': 'OK',
  'about.copy': 'Kopieren',

  // Kontextmenü
  'context.noGuesses': 'Keine Vorschläge gefunden',
  'context.addToDictionary': 'Zum Wörterbuch hinzufügen',
  'context.undo': 'Rückgängig',
  'context.redo': 'Wiederholen',
  'context.cut': 'Ausschneiden',
  'context.copy': 'Kopieren',
  'context.paste': 'Einfügen',
  'context.selectAll': 'Alles auswählen',

  // Updates
  'update.check': 'Nach Updates suchen…',
  'update.checking': 'Suche nach Updates…',
  'update.downloadingItem': 'Update {version} wird geladen…',
  'update.downloadingItemPercent': 'Update {version} wird geladen ({percent} %)…',
  'update.restart': 'Neu starten und aktualisieren ({version})',
  'update.off': 'Updates sind ausgeschaltet',
  'update.offDevelopment': 'Dies ist ein Entwicklungs-Build.',
  'update.offDisabled': 'In diesem Build sind Updates ausgeschaltet (EDUSPHERE_DISABLE_UPDATES=1).',
  'update.upToDate': 'Du bist auf dem neuesten Stand',
  'update.upToDateDetail': 'EduSphere Desktop {version} ist die neueste Version.',
  'update.checkFailed': 'Die Suche nach Updates ist fehlgeschlagen',
  'update.ready': 'Version {version} ist bereit',
  'update.readyDetail': 'Starte EduSphere Desktop neu, um das Update zu installieren.',
  'update.downloading': 'Version {version} wird heruntergeladen',
  'update.downloadingDetail': 'Sobald sie bereit ist, bieten wir dir einen Neustart an.',
}
