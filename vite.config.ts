// The renderer's build: one bundle for Electron (loaded from app://) and the browser (served by
// fieldkit serve). Relative asset paths so both origins work; no inline scripts (the CSP forbids them).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
    sourcemap: false,
  },
});
