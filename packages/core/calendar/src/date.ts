/**
 * Calendar dates as `'YYYY-MM-DD'` strings (proleptic Gregorian, no time zone). Dates in the
 * JPKI/My Number rules (issue date, birth date, card expiry) are Japanese calendar days.
 */

/** The only error this package throws; `code` says which rule was broken. */
export class CalendarError extends RangeError {
  override readonly name = 'CalendarError';
  constructor(
    readonly code: 'BAD_DATE' | 'BAD_TIME',
    message: string,
  ) {
    super(message);
  }
}

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

/** Parses and validates `'YYYY-MM-DD'`. Throws CalendarError BAD_DATE. */
export function parseCalendarDate(s: CalendarDate, what = 'date'): Ymd {
  const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) throw new CalendarError('BAD_DATE', `${what} must be a 'YYYY-MM-DD' string`);
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) {
    throw new CalendarError('BAD_DATE', `${what} is not a calendar date`);
  }
  return ymd;
}

export function formatCalendarDate({ y, m, d }: Ymd): CalendarDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** The compact form the card uses, `'YYYYMMDD'` → `'YYYY-MM-DD'` (validated). */
export function fromCompactDate(yyyymmdd: string, what = 'date'): CalendarDate {
  if (typeof yyyymmdd !== 'string' || !/^[0-9]{8}$/.test(yyyymmdd)) {
    throw new CalendarError('BAD_DATE', `${what} must be YYYYMMDD`);
  }
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  parseCalendarDate(date, what);
  return date;
}
