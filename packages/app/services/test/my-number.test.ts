import { fc, test } from '@fast-check/vitest';
import { seededRandom } from '@myna/ports';
import { generateMyNumber, isValidMyNumber, myNumberCheckDigit } from '@myna/services';
import { describe, expect, it } from 'vitest';

describe('個人番号 check digit', () => {
  it('matches the J-LIS test card’s number 537686677188', () => {
    expect(myNumberCheckDigit('53768667718')).toBe(8);
    expect(isValidMyNumber('537686677188')).toBe(true);
    expect(isValidMyNumber('537686677187')).toBe(false);
    expect(isValidMyNumber('53768667718')).toBe(false);
    expect(isValidMyNumber('53768667718a')).toBe(false);
  });

  /** Σ P_n·Q_n mod 11 of the first 11 digits. */
  const remainder = (s: string) => {
    let sum = 0;
    for (let n = 1; n <= 11; n++) sum += Number(s[11 - n]) * (n <= 6 ? n + 1 : n - 5);
    return sum % 11;
  };

  test.prop([
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.integer({ min: 0, max: 11 }),
    fc.integer({ min: 1, max: 9 }),
  ])(
    'generated numbers are valid; a single-digit change is caught except in the algorithm’s r ≤ 1 blind spot',
    (seed, i, delta) => {
      const n = generateMyNumber(seededRandom(seed));
      expect(isValidMyNumber(n)).toBe(true);
      const changed = n.slice(0, i) + ((Number(n[i]) + delta) % 10) + n.slice(i + 1);
      // Remainders 0 and 1 both give check digit 0, so a change between them goes unnoticed;
      // every other single-digit change (and any change of the check digit) is caught.
      const blind = i < 11 && remainder(n) <= 1 && remainder(changed) <= 1;
      expect(isValidMyNumber(changed)).toBe(blind);
    },
  );
});
