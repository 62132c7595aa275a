/**
 * Validity rules of the card and its certificates (spec: pin-lifecycle.md §5.2, card.md §8):
 *
 * - Both user certificates run until the **5th birthday after issuance**, capped by the card's
 *   expiry; notAfter is the end of that day, 23:59:59 JST = 14:59:59Z (as in the production
 *   certificate decoded in card.md §8: issued 2019-07-25, notAfter 2024-05-02T14:59:59Z).
 *   Renewal uses the same rule with the renewal day as the issue day.
 * - The card runs until the **10th birthday after issuance** if the holder is 18 or older on the
 *   issue day, else until the **5th** (the age boundary was 20 for applications before 2022-04-01).
 * - No signature certificate under 15 (card.md §8).
 *
 * Choices where the sources are silent, applied consistently:
 * - "n-th birthday after issuance" counts birthdays strictly after the issue day: a card issued on
 *   a birthday does not count that day.
 * - A 29 February birthday falls on **28 February** in common years (for expiry and for age).
 * - Ages are in completed years on the given day (the birthday counts from its first moment).
 *
 * All dates are `'YYYY-MM-DD'` Japanese calendar days (see calendar-date.ts); results that are
 * instants are `Date`s.
 */
import {
  type CalendarDate,
  compareYmd,
  endOfDayJst,
  formatCalendarDate,
  isLeapYear,
  parseCalendarDate,
  type Ymd,
} from './calendar-date.js';
import { PkiError } from './errors.js';

/** The day a person born on `birth` celebrates their birthday in `year` (29 Feb → 28 Feb in common years). */
function birthdayIn(birth: Ymd, year: number): Ymd {
  if (birth.m === 2 && birth.d === 29 && !isLeapYear(year)) return { y: year, m: 2, d: 28 };
  return { y: year, m: birth.m, d: birth.d };
}

function parsePair(birthDate: CalendarDate, on: CalendarDate, onName: string): [Ymd, Ymd] {
  const b = parseCalendarDate(birthDate, 'birthDate');
  const o = parseCalendarDate(on, onName);
  if (compareYmd(o, b) < 0) throw new PkiError('BAD_DATE', `${onName} is before birthDate`);
  return [b, o];
}

/** The n-th birthday strictly after `after` (n ≥ 1). */
export function nthBirthdayAfter(birthDate: CalendarDate, after: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n) || n < 1) throw new PkiError('BAD_PARAM', 'n must be a positive integer');
  const [b, a] = parsePair(birthDate, after, 'after');
  const firstYear = compareYmd(birthdayIn(b, a.y), a) > 0 ? a.y : a.y + 1;
  return formatCalendarDate(birthdayIn(b, firstYear + n - 1));
}

/** Age in completed years on the day `on`. */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const [b, o] = parsePair(birthDate, on, 'on');
  return o.y - b.y - (compareYmd(birthdayIn(b, o.y), o) > 0 ? 1 : 0);
}

/** True when the holder is younger than 15 on `on`: no signature certificate is issued (card.md §8). */
export function isUnder15(params: { birthDate: CalendarDate; on: CalendarDate }): boolean {
  return ageOn(params.birthDate, params.on) < 15;
}

export interface CardExpiryParams {
  /** The day the card is issued. */
  issuedOn: CalendarDate;
  birthDate: CalendarDate;
  /**
   * The application day, when known. Before 2022-04-01 the adult boundary was 20, not 18
   * (pin-lifecycle.md §5.2). Defaults to `issuedOn`.
   */
  appliedOn?: CalendarDate;
}

/** The last valid day of the card: 10th birthday after issuance (adults) or the 5th (minors). */
export function cardExpiry(params: CardExpiryParams): CalendarDate {
  const applied = parseCalendarDate(params.appliedOn ?? params.issuedOn, 'appliedOn');
  const adultAge = compareYmd(applied, { y: 2022, m: 4, d: 1 }) < 0 ? 20 : 18;
  const adult = ageOn(params.birthDate, params.issuedOn) >= adultAge;
  return nthBirthdayAfter(params.birthDate, params.issuedOn, adult ? 10 : 5);
}

export interface CertificateNotAfterParams {
  /** The day the certificate is issued (or renewed). */
  issuedOn: CalendarDate;
  birthDate: CalendarDate;
  /** The card's last valid day (see {@link cardExpiry}); the certificate never outlives the card. */
  cardExpiry: CalendarDate;
  /**
   * Any further upper bound, e.g. the user-auth certificate's notAfter when issuing a signature
   * certificate (one city says the signature certificate is capped by it; pin-lifecycle.md §5.2).
   */
  notLaterThan?: Date;
}

/**
 * notAfter of a user certificate: 23:59:59 JST of the 5th birthday after issuance, or of the card's
 * expiry day if earlier (spec: pin-lifecycle.md §5.2, card.md §8).
 */
export function certificateNotAfter(params: CertificateNotAfterParams): Date {
  const fifth = nthBirthdayAfter(params.birthDate, params.issuedOn, 5);
  const card = parseCalendarDate(params.cardExpiry, 'cardExpiry');
  const last = compareYmd(parseCalendarDate(fifth), card) <= 0 ? fifth : formatCalendarDate(card);
  const end = endOfDayJst(last);
  if (params.notLaterThan !== undefined && params.notLaterThan.getTime() < end.getTime()) {
    return new Date(params.notLaterThan.getTime());
  }
  return end;
}
