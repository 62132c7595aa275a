import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_CLIENT_SCHEMA, webClientSchema } from '../../../scripts/web-client.js';

describe('apps/web/src/api/schema.d.ts', () => {
  it('is generated from docs/reference/openapi.json (npm run docs:web-client)', async () => {
    expect(readFileSync(WEB_CLIENT_SCHEMA, 'utf8')).toBe(await webClientSchema());
  });
});
