/**
 * The sandboxed preload: exposes the typed ChatApi as `window.edusphere`, never ipcRenderer
 * itself. Everything else lives in bridge.ts, which tests exercise without Electron.
 */
import type { IpcRendererEvent } from 'electron'
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

contextBridge.exposeInMainWorld(
  'edusphere',
  createBridge({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    subscribe: (channel, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(channel, forward)
      return () => void ipcRenderer.removeListener(channel, forward)
    },
  }),
)
