import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

// The same build is loaded from file:// by Electron and from
// http://127.0.0.1:PORT/ by the headless terminal, so every asset URL is
// relative.
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
  },
});
