/**
 * English: the desktop shell in main: the application menu, the About box, the right-click menu
 * and what the user sees of updates (menu, tray, answers to a check). Part of en.ts. An `&` in a
 * menu title marks its access key (Alt+letter on Windows and Linux).
 */
export const enDesktop = {
  // Application menu
  'menu.file': '&File',
  'menu.edit': '&Edit',
  'menu.view': '&View',
  'menu.window': '&Window',
  'menu.help': '&Help',
  'menu.about': 'About {app}',
  'menu.quit': 'Quit EduSphere',
  'menu.quitApp': 'Quit {app}',
  'menu.closeWindow': 'Close Window',
  'menu.zoomReset': 'Actual Size',
  'menu.zoomIn': 'Zoom In',
  'menu.zoomOut': 'Zoom Out',
  'menu.openLogs': 'Open Logs Folder',

  // About box
  'about.title': 'About {app}',
  'about.version': 'Version: {version}',
  'about.os': 'OS: {os}',
  'about.ok': 'OK',
  'about.copy': 'Copy',

  // Right-click menu
  'context.noGuesses': 'No Guesses Found',
  'context.addToDictionary': 'Add to Dictionary',
  'context.undo': 'Undo',
  'context.redo': 'Redo',
  'context.cut': 'Cut',
  'context.copy': 'Copy',
  'context.paste': 'Paste',
  'context.selectAll': 'Select All',

  // Updates
  'update.check': 'Check for Updates…',
  'update.checking': 'Checking for Updates…',
  'update.downloadingItem': 'Downloading Update {version}…',
  'update.downloadingItemPercent': 'Downloading Update {version} ({percent} %)…',
  'update.restart': 'Restart to Update ({version})',
  'update.off': 'Updates are off',
  'update.offDevelopment': 'This is a development build.',
  'update.offDisabled': 'This is a build with updates turned off (EDUSPHERE_DISABLE_UPDATES=1).',
  'update.upToDate': "You're up to date",
  'update.upToDateDetail': 'EduSphere Desktop {version} is the newest version.',
  'update.checkFailed': 'Could not check for updates',
  'update.ready': 'Version {version} is ready',
  'update.readyDetail': 'Restart EduSphere Desktop to update.',
  'update.downloading': 'Downloading version {version}',
  'update.downloadingDetail': "You'll be offered a restart when it is ready.",
} as const
