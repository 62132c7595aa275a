import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorDocs } from '../../../../scripts/error-docs.js';
import { ERRORS, isMynaError, MynaError } from '../src/index.js';

describe('error catalog', () => {
  it('docs/reference/errors.md is generated from the catalog (npm run docs:errors)', () => {
    expect(readFileSync(new URL('../../../../docs/reference/errors.md', import.meta.url), 'utf8')).toBe(
      errorDocs(),
    );
  });
  it('every entry has both languages and an HTTP status', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.ja.length, code).toBeGreaterThan(0);
      expect(e.en.length, code).toBeGreaterThan(0);
      expect(e.http, code).toBeGreaterThanOrEqual(400);
    }
  });
  it('MynaError carries code, status and safe details', () => {
    const e = new MynaError('PIN_WRONG', { triesLeft: 2 }, { sw: 0x63c2 });
    expect(isMynaError(e, 'PIN_WRONG')).toBe(true);
    expect(e.sw).toBe(0x63c2);
    expect(e.http).toBe(401);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'PIN_WRONG',
      message: ERRORS.PIN_WRONG.en,
      messageJa: ERRORS.PIN_WRONG.ja,
      details: { triesLeft: 2 },
    });
  });
});
