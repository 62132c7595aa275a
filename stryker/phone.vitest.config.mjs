// Vitest for the mutation run on the smartphone certificates' preconditions (stryker/phone.config.mjs):
// only the tests of the pure rules (phone/policy.ts).
import { pureVitest } from './pure-vitest.mjs';

export default pureVitest(['packages/app/services/test/phone-policy.test.ts']);
