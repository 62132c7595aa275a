/**
 * Japanese era (元号) digits for the signature certificate's birth-date otherName
 * 1.2.392.200149.8.5.5.4, encoded `EYYYYMMDD`: one era digit followed by the Gregorian date
 * (spec: card.md §8, "per J-LIS profile spec 3.2 as cited by a public project").
 *
 * Era start days (Gregorian): 明治 1868-01-25 (the first day of 慶応4年/明治元年, the era being applied
 * retroactively from New Year), 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01.
 */
import { type CalendarDate, compareYmd, formatCalendarDate, parseCalendarDate } from './calendar-date.js';
import { PkiError } from './errors.js';

export type EraDigit = 1 | 2 | 3 | 4 | 5;

export interface Era {
  digit: EraDigit;
  name: '明治' | '大正' | '昭和' | '平成' | '令和';
  start: CalendarDate;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { digit: 5, name: '令和', start: '2019-05-01' },
  { digit: 4, name: '平成', start: '1989-01-08' },
  { digit: 3, name: '昭和', start: '1926-12-25' },
  { digit: 2, name: '大正', start: '1912-07-30' },
  { digit: 1, name: '明治', start: '1868-01-25' },
];

/** The era a day belongs to, with its year within the era (元年 = 1). Throws BAD_DATE before 明治. */
export function eraOf(date: CalendarDate): Era & { year: number } {
  const ymd = parseCalendarDate(date);
  for (const era of ERAS) {
    const start = parseCalendarDate(era.start);
    if (compareYmd(ymd, start) >= 0) return { ...era, year: ymd.y - start.y + 1 };
  }
  throw new PkiError('BAD_DATE', 'dates before 明治 (1868-01-25) have no era digit');
}

export function eraDigitOf(date: CalendarDate): EraDigit {
  return eraOf(date).digit;
}

/** `'1980-02-17'` → `'319800217'`. */
export function toJpkiBirthDate(date: CalendarDate): string {
  const { y, m, d } = parseCalendarDate(date, 'birthDate');
  return `${eraDigitOf(date)}${formatCalendarDate({ y, m, d }).replaceAll('-', '')}`;
}

/**
 * `'319800217'` → `'1980-02-17'`. The era digit must be 1–5; whether it agrees with the date is
 * checked only when `strict` (certificates from elsewhere may disagree; ours never do).
 */
export function fromJpkiBirthDate(value: string, strict = false): CalendarDate {
  const m = /^([1-5])(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) throw new PkiError('BAD_DATE', "birth date must be 'EYYYYMMDD' with era digit 1–5");
  const date = `${m[2]}-${m[3]}-${m[4]}`;
  parseCalendarDate(date, 'birth date');
  if (strict && eraDigitOf(date) !== Number(m[1])) {
    throw new PkiError('BAD_DATE', 'era digit does not match the date');
  }
  return date;
}
