import type { Environment } from 'vitest/runtime';
import { builtinEnvironments } from 'vitest/runtime';

/**
 * happy-dom for the console's components, with modules transformed as for Node: the real server
 * runs in the same test (its `new URL(asset, import.meta.url)` must stay a file URL, which the
 * browser transform would rewrite).
 */
export default {
  ...builtinEnvironments['happy-dom'],
  name: 'happy-dom-server',
  viteEnvironment: 'ssr',
} satisfies Environment;
