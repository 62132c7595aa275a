/**
 * Japanese era (元号) digits for the signature certificate's birth-date otherName
 * 1.2.392.200149.8.5.5.4, encoded `EYYYYMMDD`: one era digit followed by the Gregorian date
 * (spec: card.md §8, "per J-LIS profile spec 3.2 as cited by a public project").
 *
 * The era table (and why 明治 starts on 1868-01-25) lives in @myna/calendar, its one home.
 */
import * as cal from '@myna/calendar';
import { asPki, type CalendarDate, formatCalendarDate, parseCalendarDate } from './calendar-date.js';
import { PkiError } from './errors.js';

export { ERAS, type Era, type EraDigit } from '@myna/calendar';

/** The era a day belongs to, with its year within the era (元年 = 1). Throws BAD_DATE before 明治. */
export function eraOf(date: CalendarDate): cal.Era & { year: number } {
  return asPki(() => cal.eraOf(date));
}

export function eraDigitOf(date: CalendarDate): cal.EraDigit {
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
