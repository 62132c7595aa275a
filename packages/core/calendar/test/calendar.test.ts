import { fc, test } from '@fast-check/vitest';
import {
  CalendarError,
  ERAS,
  endOfDayJst,
  eraOf,
  fromCompactDate,
  jstDateOf,
  jstMinutes,
  jstStamp,
  parseCalendarDate,
  startOfDayJst,
} from '@myna/calendar';
import { describe, expect, it } from 'vitest';

describe('JST (UTC+9, no daylight saving)', () => {
  it('maps instants to Japanese days, minutes and stamps', () => {
    expect(jstDateOf(new Date('2024-05-02T14:59:59Z'))).toBe('2024-05-02');
    expect(jstDateOf(new Date('2024-05-02T15:00:00Z'))).toBe('2024-05-03');
    expect(jstMinutes(new Date('2024-05-02T21:30:00Z'))).toBe(6 * 60 + 30);
    expect(jstStamp(new Date('2024-05-02T15:04:05Z'))).toBe('20240503000405');
    expect(startOfDayJst('2024-05-03')).toEqual(new Date('2024-05-02T15:00:00Z'));
    expect(endOfDayJst('2024-05-02')).toEqual(new Date('2024-05-02T14:59:59Z'));
  });
  it('refuses an invalid instant', () => {
    expect(() => jstDateOf(new Date(Number.NaN))).toThrow(CalendarError);
  });
  test.prop([fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })])(
    'every instant lies within its JST day',
    (t) => {
      const day = jstDateOf(t);
      expect(startOfDayJst(day).getTime()).toBeLessThanOrEqual(t.getTime());
      expect(endOfDayJst(day).getTime() + 1000).toBeGreaterThan(t.getTime());
    },
  );
});

describe('dates', () => {
  it('validates YYYY-MM-DD and YYYYMMDD', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(() => parseCalendarDate('2023-02-29')).toThrow(CalendarError);
    expect(fromCompactDate('19800217')).toBe('1980-02-17');
    expect(() => fromCompactDate('1980-02-17')).toThrow(RangeError);
    expect(() => fromCompactDate('19800230')).toThrow(RangeError);
  });
});

describe('eras (one table for the card and the certificates)', () => {
  it.each([
    ['1868-01-24', null, 0],
    ['1868-01-25', '明治', 1],
    ['1868-10-23', '明治', 1],
    ['1912-07-29', '明治', 45],
    ['1912-07-30', '大正', 1],
    ['1926-12-25', '昭和', 1],
    ['1980-02-17', '昭和', 55],
    ['1989-01-08', '平成', 1],
    ['2019-05-01', '令和', 1],
  ] as const)('%s is %s %i', (date, name, year) => {
    if (name === null) {
      expect(() => eraOf(date)).toThrow(CalendarError);
      return;
    }
    expect(eraOf(date)).toMatchObject({ name, year });
  });
  it('lists the eras newest first with digits 5…1', () => {
    expect(ERAS.map((e) => e.digit)).toEqual([5, 4, 3, 2, 1]);
    expect(ERAS.at(-1)).toMatchObject({ name: '明治', start: '1868-01-25' });
  });
});
