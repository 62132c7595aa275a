import {
  asciiValue,
  constantTimeEqualAscii,
  HOLDER_PIN_IDS,
  isHolderPin,
  PIN_IDS,
  PIN_RULES,
  type PinId,
  type PinRecord,
  verifyTransition,
} from '@myna/card';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * The PIN facts and the pure VERIFY transition, checked against the spec's table (card.md §3,
 * §12.2, §12.7; pin-lifecycle.md §1.1) and an oracle written here, not against the card's code.
 */
const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

/** card.md §3: tries per key reference (§12.7: 10 for 照合番号A/B and the birth-date key). */
const TRIES: Record<PinId, number> = {
  auth: 3,
  sign: 5,
  kenhojo: 3,
  kenhojoBlocked: 3,
  kenhojoA: 10,
  kenhojoB: 10,
  kenkakuBirth: 10,
  kenkakuB: 10,
  kenkakuA: 10,
  juki: 3,
  common: 3,
};

/** Accepted and rejected values per rule (card.md §3 table; the signature password: P8N). */
const FOUR = {
  ok: ['1234', '0000', '9999'],
  bad: ['123', '12345', 'a234', '123a', ' 123', '12 4', '１２３４', '', '12.4'],
};
const digitsOf = (n: number) => ({
  ok: ['0'.repeat(n), '9'.repeat(n), '1234567890123456'.slice(0, n)],
  bad: ['1'.repeat(n - 1), '1'.repeat(n + 1), `a${'1'.repeat(n - 1)}`, `${'1'.repeat(n - 1)}a`, ''],
});
const FORMATS: Record<PinId, { ok: string[]; bad: string[] }> = {
  auth: FOUR,
  kenhojo: FOUR,
  juki: FOUR,
  common: FOUR,
  sign: {
    ok: ['ABC123', 'SIGN2025', 'A1B2C3D4E5F6G7H8', 'Z00000', '1ZZZZZ'],
    bad: [
      'AB123', // 5 characters
      'A1B2C3D4E5F6G7H8I', // 17 characters
      'ABCDEF', // no digit
      '123456', // no letter
      'abc123', // lower case
      'ABC 123',
      'ABC-123',
      '',
    ],
  },
  kenhojoBlocked: { ok: [], bad: ['1234', '0000', '', 'ABC123'] },
  kenhojoA: digitsOf(12),
  kenhojoB: digitsOf(14),
  kenkakuBirth: digitsOf(6),
  kenkakuB: digitsOf(14),
  kenkakuA: digitsOf(12),
};

describe('PIN facts (card.md §3)', () => {
  it('every key reference has its try limit', () => {
    expect(PIN_IDS.map((p) => [p, PIN_RULES[p].maxTries])).toEqual(PIN_IDS.map((p) => [p, TRIES[p]]));
    expect([...PIN_IDS].sort()).toEqual(Object.keys(TRIES).sort());
  });

  for (const pin of Object.keys(FORMATS) as PinId[]) {
    it(`${pin}: its format rule accepts and rejects as the spec says`, () => {
      for (const v of FORMATS[pin].ok) expect(PIN_RULES[pin].check(v), JSON.stringify(v)).toBe(true);
      for (const v of FORMATS[pin].bad) expect(PIN_RULES[pin].check(v), JSON.stringify(v)).toBe(false);
      expect(PIN_RULES[pin].rule.length).toBeGreaterThan(0);
    });
  }

  it('the holder chooses auth, sign, kenhojo, juki and common; the others come from the card face', () => {
    expect([...HOLDER_PIN_IDS].sort()).toEqual(['auth', 'common', 'juki', 'kenhojo', 'sign']);
    expect(PIN_IDS.filter(isHolderPin).sort()).toEqual(['auth', 'common', 'juki', 'kenhojo', 'sign']);
  });

  it('each rule names its format', () => {
    for (const p of ['auth', 'kenhojo', 'juki', 'common'] as const)
      expect(PIN_RULES[p].rule).toMatch(/4 digits/);
    expect(PIN_RULES.sign.rule).toMatch(/6–16/);
    expect(PIN_RULES.kenhojoA.rule).toMatch(/12 digits/);
    expect(PIN_RULES.kenkakuA.rule).toMatch(/12 digits/);
    expect(PIN_RULES.kenhojoB.rule).toMatch(/14 digits/);
    expect(PIN_RULES.kenkakuB.rule).toMatch(/14 digits/);
    expect(PIN_RULES.kenkakuBirth.rule).toMatch(/6 digits/);
    expect(PIN_RULES.kenhojoBlocked.rule).toMatch(/not settable/);
  });
});

describe('verifyTransition (card.md §3, §10b, §12.2)', () => {
  const rec = (value: string | null, triesLeft: number, maxTries = 3): PinRecord => ({
    value,
    maxTries,
    triesLeft,
  });

  it('a match refills the counter; a mismatch spends one; a blocked key refuses without spending', () => {
    expect(verifyTransition(rec('1234', 1), bytes('1234'))).toEqual({
      next: rec('1234', 3),
      outcome: { kind: 'verified', triesLeft: 3 },
    });
    expect(verifyTransition(rec('1234', 3), bytes('1235'))).toEqual({
      next: rec('1234', 2),
      outcome: { kind: 'wrong', triesLeft: 2 },
    });
    expect(verifyTransition(rec('1234', 1), bytes('0000'))).toEqual({
      next: rec('1234', 0),
      outcome: { kind: 'wrong', triesLeft: 0 },
    });
    expect(verifyTransition(rec('1234', 0), bytes('1234'))).toEqual({
      next: rec('1234', 0),
      outcome: { kind: 'refused-blocked' },
    });
    expect(verifyTransition(rec(null, 3), bytes('1234'))).toEqual({
      next: rec(null, 3),
      outcome: { kind: 'no-reference-data' },
    });
  });

  it('against an oracle: only the exact stored bytes open, for any record and candidate', () => {
    fc.assert(
      fc.property(
        fc.option(fc.stringMatching(/^[ -~]{0,16}$/), { nil: null }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(10),
        fc.oneof(fc.uint8Array({ maxLength: 17 }), fc.stringMatching(/^[0-9A-Z]{0,16}$/).map(bytes)),
        (value, max, t, candidate) => {
          const triesLeft = Math.min(t, max);
          const { next, outcome } = verifyTransition(rec(value, triesLeft, max), candidate);
          const match = value !== null && Buffer.from(candidate).equals(Buffer.from(value, 'latin1'));
          if (value === null) expect(outcome.kind).toBe('no-reference-data');
          else if (triesLeft === 0) expect(outcome.kind).toBe('refused-blocked');
          else if (match) expect(outcome).toEqual({ kind: 'verified', triesLeft: max });
          else expect(outcome).toEqual({ kind: 'wrong', triesLeft: triesLeft - 1 });
          const want = value === null || triesLeft === 0 ? triesLeft : match ? max : triesLeft - 1;
          expect(next).toEqual(rec(value, want, max));
        },
      ),
    );
  });

  it('a candidate that differs only in its tail or length is a mismatch', () => {
    expect(verifyTransition(rec('SIGN2025', 5, 5), bytes('SIGN202')).outcome.kind).toBe('wrong');
    expect(verifyTransition(rec('SIGN2025', 5, 5), bytes('SIGN20250')).outcome.kind).toBe('wrong');
    expect(verifyTransition(rec('SIGN2025', 5, 5), bytes('SIGN2026')).outcome.kind).toBe('wrong');
    expect(verifyTransition(rec('SIGN2025', 5, 5), bytes('sign2025')).outcome.kind).toBe('wrong');
    expect(verifyTransition(rec('1234', 3), new Uint8Array(0)).outcome.kind).toBe('wrong');
    expect(verifyTransition(rec('1234', 3), bytes('1234\0')).outcome.kind).toBe('wrong');
  });
});

describe('constantTimeEqualAscii and asciiValue', () => {
  it('equal exactly when the bytes are the ASCII of the stored value', () => {
    expect(constantTimeEqualAscii('1234', bytes('1234'))).toBe(true);
    expect(constantTimeEqualAscii('', new Uint8Array(0))).toBe(true);
    expect(constantTimeEqualAscii('1234', bytes('123'))).toBe(false);
    expect(constantTimeEqualAscii('123', bytes('1234'))).toBe(false);
    expect(constantTimeEqualAscii('1234', bytes('1244'))).toBe(false);
    expect(constantTimeEqualAscii('1234', bytes('2234'))).toBe(false);
    // A trailing NUL is not the end of the value.
    expect(constantTimeEqualAscii('1234', Uint8Array.of(0x31, 0x32, 0x33, 0x34, 0))).toBe(false);
    expect(constantTimeEqualAscii('1234\0', bytes('1234'))).toBe(false);
  });

  it('asciiValue decodes printable ASCII (20–7E) and nothing else', () => {
    expect(asciiValue(bytes('AB 1~'))).toBe('AB 1~');
    expect(asciiValue(Uint8Array.of(0x20))).toBe(' ');
    expect(asciiValue(Uint8Array.of(0x7e))).toBe('~');
    expect(asciiValue(Uint8Array.of(0x1f))).toBeUndefined();
    expect(asciiValue(Uint8Array.of(0x7f))).toBeUndefined();
    expect(asciiValue(Uint8Array.of(0x31, 0x80))).toBeUndefined();
    expect(asciiValue(new Uint8Array(0))).toBe('');
  });
});
