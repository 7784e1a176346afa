import { resolve } from 'node:path';

import { defineConfig } from 'electron-vite';

import rendererConfig from './renderer/vite.config.js';

/**
 * Builds the desktop app into out/: the main process and the terminal
 * core's utility process (out/main), the preload (out/preload) and the
 * renderer (out/renderer). better-sqlite3 is a native module, so it stays
 * outside the bundle and ships in node_modules, unpacked from the asar.
 * Everything else is bundled, so the package needs no other node_modules.
 */
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/electron/main.ts'),
          'core-process': resolve(root, 'main/electron/core-process.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'main/electron/preload.ts') },
        // A sandboxed preload cannot load ES modules or other files, so it
        // is one CommonJS file, named .cjs because package.json declares
        // "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
