/**
 * Calendar dates as `'YYYY-MM-DD'` strings (proleptic Gregorian, no time zone). Dates in the
 * JPKI/My Number rules (issue date, birth date, card expiry) are Japanese calendar days; this
 * module converts them to instants in JST (UTC+9, no daylight saving).
 */
import { PkiError } from './errors.js';

/** `'YYYY-MM-DD'`, e.g. `'1980-02-17'`. */
export type CalendarDate = string;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Parses and validates `'YYYY-MM-DD'`. Throws PkiError BAD_DATE. */
export function parseCalendarDate(s: CalendarDate, what = 'date'): Ymd {
  const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) throw new PkiError('BAD_DATE', `${what} must be a 'YYYY-MM-DD' string`);
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) {
    throw new PkiError('BAD_DATE', `${what} is not a calendar date`);
  }
  return ymd;
}

export function formatCalendarDate({ y, m, d }: Ymd): CalendarDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

const JST_OFFSET_MS = 9 * 3600 * 1000;

/** The Japanese calendar day (JST) of an instant: 2024-05-02T15:00:00Z → '2024-05-03'. */
export function jstDateOf(instant: Date): CalendarDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new PkiError('BAD_TIME', 'not a valid Date');
  }
  const t = new Date(instant.getTime() + JST_OFFSET_MS);
  return formatCalendarDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** 00:00:00 JST of the day, as an instant (the previous day 15:00:00Z). */
export function startOfDayJst(date: CalendarDate): Date {
  const { y, m, d } = parseCalendarDate(date);
  return new Date(Date.UTC(y, m - 1, d) - JST_OFFSET_MS);
}

/** 23:59:59 JST of the day, as an instant (14:59:59Z), the notAfter J-LIS uses (spec: card.md §8). */
export function endOfDayJst(date: CalendarDate): Date {
  const { y, m, d } = parseCalendarDate(date);
  return new Date(Date.UTC(y, m - 1, d, 14, 59, 59));
}
