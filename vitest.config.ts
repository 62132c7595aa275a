import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The layer folders under packages/ (docs/architecture.md): core, app, adapters. */
const LAYERS = ['core', 'app', 'adapters'] as const;
const sourceOf = (name: string): string => {
  for (const layer of LAYERS) {
    const entry = `${root}packages/${layer}/${name}/src/index.ts`;
    if (existsSync(entry)) return entry;
  }
  throw new Error(`no workspace package @myna/${name}`);
};
const names = LAYERS.flatMap((layer) => readdirSync(`${root}packages/${layer}`));

export default defineConfig({
  resolve: {
    // Tests run the TypeScript sources of every workspace package; no build needed.
    alias: [
      { find: '@myna/card/facts', replacement: `${root}packages/core/card/src/facts.ts` },
      ...names.map((name) => ({ find: new RegExp(`^@myna/${name}$`), replacement: sourceOf(name) })),
    ],
  },
  test: {
    include: ['packages/*/*/test/**/*.test.ts', 'apps/web/test/**/*.test.tsx', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
