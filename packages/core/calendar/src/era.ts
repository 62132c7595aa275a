/**
 * The Japanese era (元号) table, the one home of era start days for every user: the card's
 * 照合番号B and 券面確認AP birth key (era year `YYMMDD`, spec: card.md §3) and the signature
 * certificate's birth date `EYYYYMMDD` (era digit 1 明治 … 5 令和, spec: card.md §8).
 *
 * 明治 starts on 1868-01-25 (慶応4年1月1日), not 1868-10-23 (慶応4年9月8日). The 明治改元の詔 issued on
 * 慶応4年9月8日 (1868-10-23) reads 「改慶應四年爲明治元年」: it renames the whole year 慶応4年 as
 * 明治元年, so the era applies retroactively from New Year's Day of that year, 1868-01-25 in the
 * Gregorian calendar (source: the 詔 and the 行政官布告 of the same day, 法令全書 明治元年; the
 * Gregorian day converts 旧暦 慶応4年1月1日). Both users need the same answer: a person
 * born on 1868-05-01 was born in 明治元年 on the card's birth key and has era digit 1 in the
 * certificate; the old card table (10-23) would have refused that birth date, and no card test
 * relied on it. Later eras start on the day after the previous emperor's death (大正, 昭和) or on
 * the day fixed by the enthronement (平成 1989-01-08, 令和 2019-05-01), not retroactively.
 */
import { type CalendarDate, CalendarError, compareYmd, parseCalendarDate } from './date.js';

export type EraDigit = 1 | 2 | 3 | 4 | 5;
export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

export interface Era {
  /** J-LIS era digit (1 明治 … 5 令和), as in the signature certificate's birth date `EYYYYMMDD`. */
  readonly digit: EraDigit;
  readonly name: EraName;
  /** First day, `'YYYY-MM-DD'` (Gregorian). */
  readonly start: CalendarDate;
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
export function eraOf(date: CalendarDate, what = 'date'): Era & { year: number } {
  const ymd = parseCalendarDate(date, what);
  for (const era of ERAS) {
    const start = parseCalendarDate(era.start);
    if (compareYmd(ymd, start) >= 0) return { ...era, year: ymd.y - start.y + 1 };
  }
  throw new CalendarError('BAD_DATE', 'dates before 明治 (1868-01-25) have no era');
}
