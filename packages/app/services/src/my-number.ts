import { MynaError } from '@myna/errors';
import type { Random } from '@myna/ports';

/**
 * 個人番号 (My Number): 11 digits and a check digit (行政手続における特定の個人を識別するための番号の
 * 利用等に関する法律施行令 第8条 / 総務省令 第85号 第5条):
 * with P_n the n-th of the first 11 digits counted from the right and Q_n = n + 1 (n ≤ 6) or
 * n − 5 (n ≥ 7), r = Σ P_n·Q_n mod 11; the check digit is 0 when r ≤ 1, else 11 − r.
 */
export function myNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new MynaError('MY_NUMBER_INVALID');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(s: string): boolean {
  return /^[0-9]{12}$/.test(s) && myNumberCheckDigit(s.slice(0, 11)) === Number(s[11]);
}

/** A random valid My Number (the first digit is never 0, as issued numbers look). */
export function generateMyNumber(random: Random): string {
  const b = random.bytes(11);
  let first11 = String((b[0]! % 9) + 1);
  for (let i = 1; i < 11; i++) first11 += String(b[i]! % 10);
  return first11 + myNumberCheckDigit(first11);
}
