// Vitest for the mutation runs on pure policy modules (stryker/reset-policy, stryker/phone): the
// root config's aliases and settings with only the given test files — fast, no card issuance, so
// every mutant runs in well under a second.
import { fileURLToPath } from 'node:url';
import base from '../vitest.config.ts';

/** The root config restricted to `include` (repository-relative test files). */
export function pureVitest(include) {
  return {
    ...base,
    root: fileURLToPath(new URL('..', import.meta.url)),
    test: {
      ...base.test,
      // Not the root config's projects (each with the whole suite's include): only these files.
      projects: undefined,
      // One worker kept between runs: the mutants re-run these files many times.
      pool: 'threads',
      isolate: false,
      include,
    },
  };
}
