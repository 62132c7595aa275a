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
      { find: '@myna/services/reset/ports', replacement: `${root}packages/app/services/src/reset/ports.ts` },
      { find: '@myna/services/card-list', replacement: `${root}packages/app/services/src/card-list.ts` },
      {
        find: '@myna/services/support/types',
        replacement: `${root}packages/app/services/src/support/types.ts`,
      },
      // Helpers shared by the tests of every package (not a workspace package).
      { find: /^@myna\/test-support$/, replacement: `${root}test-support/index.ts` },
      ...names.map((name) => ({ find: new RegExp(`^@myna/${name}$`), replacement: sourceOf(name) })),
    ],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/*/test/**/*.test.ts', 'e2e/**/*.test.ts', 'apps/web/test/**/*.test.ts'],
        },
      },
      // The web console's components in happy-dom (Testing Library), against the real server.
      {
        extends: true,
        test: {
          name: 'web',
          include: ['apps/web/test/**/*.test.tsx'],
          environment: './apps/web/test/helpers/happy-dom-env.ts',
          setupFiles: ['apps/web/test/helpers/node-globals.ts'],
        },
      },
    ],
  },
});
