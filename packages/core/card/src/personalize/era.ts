/**
 * Japanese era years (和暦), used by 照合番号B and the 券面確認AP birth-date key
 * (spec: card.md §3: birth date "in Japanese-era year YYMMDD", e.g. 1980-02-17 → 昭和55 → 550217).
 * The card writes dates compact (`YYYYMMDD`); the era table (and why 明治 starts on 1868-01-25)
 * lives in @myna/calendar, its one home.
 */
import { eraOf as calendarEraOf, type Era, fromCompactDate } from '@myna/calendar';

export type { Era } from '@myna/calendar';

/** The era and era year of a Gregorian date `YYYYMMDD`. Throws a RangeError before 明治. */
export function eraOf(yyyymmdd: string): { era: Era; year: number } {
  const { year, ...era } = calendarEraOf(fromCompactDate(yyyymmdd));
  return { era, year };
}

/** `YYMMDD` with the era year (e.g. 19800217 → "550217"). */
export function eraBirthYymmdd(yyyymmdd: string): string {
  const { year } = eraOf(yyyymmdd);
  return String(year % 100).padStart(2, '0') + yyyymmdd.slice(4, 8);
}

/**
 * 照合番号B = era birth `YYMMDD` + Gregorian card-expiry year `YYYY` + 4-digit security code
 * (spec: card.md §3, confirmed on a J-LIS test card: 19800217, 2035, 2285 → 55021720352285).
 */
export function collationB(birthDate: string, cardExpiry: string, securityCode: string): string {
  assertDate(cardExpiry);
  if (!/^[0-9]{4}$/.test(securityCode)) throw new RangeError('security code must be 4 digits');
  return eraBirthYymmdd(birthDate) + cardExpiry.slice(0, 4) + securityCode;
}

/** Throws a RangeError (CalendarError BAD_DATE) unless `yyyymmdd` is a calendar date. */
export function assertDate(yyyymmdd: string): void {
  fromCompactDate(yyyymmdd);
}
