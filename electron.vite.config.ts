import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// main and preload are CommonJS bundles: a sandboxed preload cannot be an ES module.
export default defineConfig({
  main: {
    build: {
      // keytar is an optionalDependency: keep it external so its native module loads from node_modules.
      externalizeDeps: { include: ['keytar'] },
      // The store's writer thread is its own entry: a worker runs a file, not a module in index.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'store-writer': resolve(__dirname, 'src/main/store-writer.ts'),
        },
      },
    },
  },
  preload: {
    // The sandboxed preload may only require('electron'): bundle everything else into it.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
