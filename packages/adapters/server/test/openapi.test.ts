import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../../../../scripts/openapi.js';

describe('docs/reference/openapi.json', () => {
  it('is the document the server generates (npm run docs:openapi)', async () => {
    expect(readFileSync(new URL('../../../../docs/reference/openapi.json', import.meta.url), 'utf8')).toBe(
      await openapiDocument(),
    );
  });
});
