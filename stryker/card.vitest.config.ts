import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against mutants of the card's PIN and VERIFY paths (stryker/card.config.mjs):
 * only the card tests that exercise them, with a shorter fuzz, so one mutant takes seconds.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const src = (layer: string, name: string) => `${root}packages/${layer}/${name}/src/index.ts`;

export default defineConfig({
  resolve: {
    alias: [
      { find: '@myna/card/facts', replacement: `${root}packages/core/card/src/facts.ts` },
      ...['apdu', 'errors', 'ports', 'card', 'pki'].map((name) => ({
        find: new RegExp(`^@myna/${name}$`),
        replacement: src('core', name),
      })),
    ],
  },
  test: {
    root,
    include: [
      'packages/core/card/test/card.test.ts',
      'packages/core/card/test/erase.test.ts',
      'packages/core/card/test/pin-model.test.ts',
      'packages/core/card/test/fuzz.test.ts',
      'packages/core/card/test/golden.test.ts',
      'packages/core/card/test/pin.test.ts',
      'packages/core/card/test/pin-commands.test.ts',
      'packages/core/card/test/personalize.test.ts',
    ],
    // Fewer APDUs and model runs than the suite's defaults: same oracles, seconds per mutant.
    env: { MYNA_FUZZ_APDUS: '10000', MYNA_PIN_MODEL_RUNS: '20' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
