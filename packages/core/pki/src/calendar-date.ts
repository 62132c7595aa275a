/**
 * Calendar dates and JST days for this package. The rules live in @myna/calendar (their one
 * home); these wrappers only turn its CalendarError into this package's PkiError, so callers keep
 * mapping one error type.
 */
import * as cal from '@myna/calendar';
import { PkiError } from './errors.js';

export type { CalendarDate, Ymd } from '@myna/calendar';
export { compareYmd, daysInMonth, formatCalendarDate, isLeapYear } from '@myna/calendar';

/** Runs `f`, rethrowing a CalendarError as PkiError with the same code and message. */
export function asPki<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof cal.CalendarError) throw new PkiError(e.code, e.message);
    throw e;
  }
}

/** Parses and validates `'YYYY-MM-DD'`. Throws PkiError BAD_DATE. */
export function parseCalendarDate(s: cal.CalendarDate, what = 'date'): cal.Ymd {
  return asPki(() => cal.parseCalendarDate(s, what));
}

/** The Japanese calendar day (JST) of an instant: 2024-05-02T15:00:00Z → '2024-05-03'. */
export function jstDateOf(instant: Date): cal.CalendarDate {
  return asPki(() => cal.jstDateOf(instant));
}

/** 00:00:00 JST of the day, as an instant (the previous day 15:00:00Z). */
export function startOfDayJst(date: cal.CalendarDate): Date {
  return asPki(() => cal.startOfDayJst(date));
}

/** 23:59:59 JST of the day, as an instant (14:59:59Z), the notAfter J-LIS uses (spec: card.md §8). */
export function endOfDayJst(date: cal.CalendarDate): Date {
  return asPki(() => cal.endOfDayJst(date));
}
