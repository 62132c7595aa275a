import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `x.br` and `x.gz` beside every text asset of the build, so the server sends them as they
 * are (@fastify/static `preCompressed`) instead of compressing on each request.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return {
    name: 'myna-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

const outDir = fileURLToPath(new URL('dist', import.meta.url));

export default defineConfig({
  plugins: [react(), precompress(outDir)],
  // The console shows catalog errors in words: it reads the catalog's sources (pure, no build needed).
  resolve: {
    alias: {
      '@myna/errors': fileURLToPath(new URL('../../packages/core/errors/src/index.ts', import.meta.url)),
      // The card's public facts (the ATR profiles a card may be issued with): pure tables.
      '@myna/card/facts': fileURLToPath(new URL('../../packages/core/card/src/facts.ts', import.meta.url)),
      // The reset services' tables (procedure kinds): a pure file, types only besides the constants.
      '@myna/services/reset/ports': fileURLToPath(
        new URL('../../packages/app/services/src/reset/ports.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries in their own chunks (cached across console releases); each page is a chunk of
        // its own through the dynamic imports of src/pages/index.ts.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'mantine', test: /[\\/]node_modules[\\/]@mantine[\\/]/, priority: 2 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true }, '/s': 'http://127.0.0.1:8080' } },
});
