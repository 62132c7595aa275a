// Vitest for the mutation run on the authority's reset policy (stryker/reset-policy.config.mjs):
// the root config's aliases and settings, with only the tests of the policy's pure rules and of
// the one completion path — fast, no card issuance, so every mutant runs in well under a second.
import { fileURLToPath } from 'node:url';
import base from '../vitest.config.ts';

export default {
  ...base,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    ...base.test,
    // One worker kept between runs: the mutants re-run these files many times.
    pool: 'threads',
    isolate: false,
    include: [
      'packages/app/services/test/reset-policy.test.ts',
      'packages/app/services/test/reset-completion.test.ts',
    ],
  },
};
