import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The console shows catalog errors in words: it reads the catalog's sources (pure, no build needed).
  resolve: {
    alias: {
      '@myna/errors': fileURLToPath(new URL('../../packages/core/errors/src/index.ts', import.meta.url)),
      // The reset services' tables (procedure kinds): a pure file, types only besides the constants.
      '@myna/services/reset/ports': fileURLToPath(
        new URL('../../packages/app/services/src/reset/ports.ts', import.meta.url),
      ),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true }, '/s': 'http://127.0.0.1:8080' } },
});
