// Vitest for the mutation run on the authority's reset policy (stryker/reset-policy.config.mjs):
// only the tests of the policy's pure rules and of the one completion path.
import { pureVitest } from './pure-vitest.mjs';

export default pureVitest([
  'packages/app/services/test/reset-policy.test.ts',
  'packages/app/services/test/reset-completion.test.ts',
]);
