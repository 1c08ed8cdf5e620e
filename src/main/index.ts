// Placeholder: the Electron shell lands with the desktop-shell issue.
export {}
