/**
 * @myna/test-support — helpers shared by the test suites of every package (tests only: it is not
 * a workspace package and nothing in src/ may import it). Vitest resolves `@myna/test-support`
 * here (vitest.config.ts); tsconfig.test.json maps the same name for the type checker.
 */
export { expectCatalogError, expectCodedError } from './expect-error.js';
export { expectInOrder } from './order.js';
export { waitUntil } from './wait.js';
