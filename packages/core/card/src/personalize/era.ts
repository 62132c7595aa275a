/**
 * Japanese era years (和暦), used by 照合番号B and the 券面確認AP birth-date key
 * (spec: card.md §3: birth date "in Japanese-era year YYMMDD", e.g. 1980-02-17 → 昭和55 → 550217).
 */
export interface Era {
  readonly name: string;
  /** First day, YYYYMMDD. */
  readonly start: string;
  /** J-LIS era digit (1 明治 … 5 令和), as in the signature certificate's birth date `EYYYYMMDD`. */
  readonly digit: number;
}

export const ERAS: readonly Era[] = [
  { name: '令和', start: '20190501', digit: 5 },
  { name: '平成', start: '19890108', digit: 4 },
  { name: '昭和', start: '19261225', digit: 3 },
  { name: '大正', start: '19120730', digit: 2 },
  { name: '明治', start: '18681023', digit: 1 },
];

/** The era and era year of a Gregorian date `YYYYMMDD`. */
export function eraOf(yyyymmdd: string): { era: Era; year: number } {
  assertDate(yyyymmdd);
  const era = ERAS.find((e) => yyyymmdd >= e.start);
  if (!era) throw new RangeError('date before 明治');
  return { era, year: Number(yyyymmdd.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1 };
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

export function assertDate(yyyymmdd: string): void {
  if (!/^[0-9]{8}$/.test(yyyymmdd)) throw new RangeError('date must be YYYYMMDD');
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    throw new RangeError('not a calendar date');
  }
}
