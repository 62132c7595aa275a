/**
 * Japan Standard Time: UTC+9 all year, no daylight saving. The one place that turns instants into
 * Japanese calendar days and back (kiosk hours, counter days, certificate validity, reservations).
 */
import { type CalendarDate, CalendarError, formatCalendarDate, parseCalendarDate } from './date.js';

export const JST_OFFSET_MS = 9 * 3600 * 1000;

function shifted(instant: Date): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new CalendarError('BAD_TIME', 'not a valid Date');
  }
  return new Date(instant.getTime() + JST_OFFSET_MS);
}

/** The Japanese calendar day (JST) of an instant: 2024-05-02T15:00:00Z → '2024-05-03'. */
export function jstDateOf(instant: Date): CalendarDate {
  const t = shifted(instant);
  return formatCalendarDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** Minutes since midnight JST of an instant. */
export function jstMinutes(instant: Date): number {
  const t = shifted(instant);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/** `YYYYMMDDhhmmss` in JST (the time part of a certificate request CN). */
export function jstStamp(instant: Date): string {
  return shifted(instant).toISOString().replace(/[-:T]/g, '').slice(0, 14);
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

/** An instant as a person reads it in Japan, with the zone: `2031-04-01 23:59 JST`. */
export function jstDateTime(instant: Date): string {
  return `${shifted(instant).toISOString().slice(0, 16).replace('T', ' ')} JST`;
}
