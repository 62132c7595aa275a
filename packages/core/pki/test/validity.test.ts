import { expectCodedError } from '@myna/test-support';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  cardExpiry,
  certificateNotAfter,
  endOfDayJst,
  eraDigitOf,
  eraOf,
  fromJpkiBirthDate,
  isUnder15,
  jstDateOf,
  nthBirthdayAfter,
  PkiError,
  startOfDayJst,
  toJpkiBirthDate,
} from '../src/index.js';

describe('certificateNotAfter (pin-lifecycle.md §5.2)', () => {
  it('reproduces the production certificate of card.md §8: issued 2019-07-25 → 2024-05-02T14:59:59Z', () => {
    const notAfter = certificateNotAfter({
      issuedOn: '2019-07-25',
      birthDate: '1985-05-02',
      cardExpiry: '2029-05-02',
    });
    expect(notAfter.toISOString()).toBe('2024-05-02T14:59:59.000Z');
  });

  it('runs to the 5th birthday strictly after issuance', () => {
    // Issued the day before a birthday: that birthday is the 1st, so just over 4 years.
    expect(
      certificateNotAfter({ issuedOn: '2024-02-16', birthDate: '1980-02-17', cardExpiry: '2034-02-17' }),
    ).toEqual(new Date('2028-02-17T14:59:59Z'));
    // Issued on the birthday itself: that day does not count.
    expect(
      certificateNotAfter({ issuedOn: '2024-02-17', birthDate: '1980-02-17', cardExpiry: '2034-02-17' }),
    ).toEqual(new Date('2029-02-17T14:59:59Z'));
  });

  it('is capped by the card expiry', () => {
    expect(
      certificateNotAfter({ issuedOn: '2030-03-01', birthDate: '1980-02-17', cardExpiry: '2032-02-17' }),
    ).toEqual(new Date('2032-02-17T14:59:59Z'));
  });

  it('is capped by notLaterThan (e.g. the user-auth certificate)', () => {
    const cap = new Date('2027-01-01T00:00:00Z');
    expect(
      certificateNotAfter({
        issuedOn: '2024-03-01',
        birthDate: '1980-02-17',
        cardExpiry: '2034-02-17',
        notLaterThan: cap,
      }),
    ).toEqual(cap);
  });

  it('renewal restarts the 5-year count from the renewal day', () => {
    expect(
      certificateNotAfter({ issuedOn: '2028-12-01', birthDate: '1980-02-17', cardExpiry: '2034-02-17' }),
    ).toEqual(new Date('2033-02-17T14:59:59Z'));
  });
});

describe('cardExpiry', () => {
  it('adults (18+ at issuance) get the 10th birthday after issuance', () => {
    expect(cardExpiry({ issuedOn: '2025-04-10', birthDate: '2007-04-10' })).toBe('2035-04-10');
    expect(cardExpiry({ issuedOn: '2024-07-25', birthDate: '1980-02-17' })).toBe('2034-02-17');
  });

  it('under-18s get the 5th birthday', () => {
    expect(cardExpiry({ issuedOn: '2025-04-09', birthDate: '2007-04-10' })).toBe('2029-04-10');
    expect(cardExpiry({ issuedOn: '2020-01-15', birthDate: '2019-06-01' })).toBe('2024-06-01');
  });

  it('used 20 as the adult age for applications before 2022-04-01', () => {
    const p = { issuedOn: '2022-04-15', birthDate: '2003-01-01' } as const;
    expect(cardExpiry(p)).toBe('2032-01-01');
    expect(cardExpiry({ ...p, appliedOn: '2022-03-31' })).toBe('2027-01-01');
  });

  it('gives a minor’s certificate the same last day as the card', () => {
    const issuedOn = '2025-04-09';
    const birthDate = '2007-04-10';
    const card = cardExpiry({ issuedOn, birthDate });
    expect(certificateNotAfter({ issuedOn, birthDate, cardExpiry: card })).toEqual(
      new Date('2029-04-10T14:59:59Z'),
    );
  });
});

describe('29 February birthdays fall on 28 February in common years', () => {
  it('expiry', () => {
    expect(nthBirthdayAfter('2000-02-29', '2024-03-01', 1)).toBe('2025-02-28');
    expect(nthBirthdayAfter('2000-02-29', '2024-03-01', 4)).toBe('2028-02-29');
    expect(
      certificateNotAfter({ issuedOn: '2024-03-01', birthDate: '2000-02-29', cardExpiry: '2034-02-28' }),
    ).toEqual(new Date('2029-02-28T14:59:59Z'));
    expect(cardExpiry({ issuedOn: '2024-03-01', birthDate: '2000-02-29' })).toBe('2034-02-28');
  });

  it('age', () => {
    expect(ageOn('2000-02-29', '2018-02-27')).toBe(17);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-28')).toBe(19);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });
});

describe('isUnder15 / ageOn', () => {
  it('turns 15 on the 15th birthday', () => {
    expect(isUnder15({ birthDate: '2010-06-01', on: '2025-05-31' })).toBe(true);
    expect(isUnder15({ birthDate: '2010-06-01', on: '2025-06-01' })).toBe(false);
  });

  it('rejects bad dates and days before birth', async () => {
    await expectCodedError(() => ageOn('2010-02-30', '2025-01-01'), PkiError, 'BAD_DATE');
    await expectCodedError(() => ageOn('2010/01/01', '2025-01-01'), PkiError, 'BAD_DATE');
    await expectCodedError(() => ageOn('2010-01-02', '2010-01-01'), PkiError, 'BAD_DATE');
  });
});

describe('JST days', () => {
  it('maps instants to Japanese calendar days and back', () => {
    expect(jstDateOf(new Date('2024-05-02T14:59:59Z'))).toBe('2024-05-02');
    expect(jstDateOf(new Date('2024-05-02T15:00:00Z'))).toBe('2024-05-03');
    expect(startOfDayJst('2024-05-03')).toEqual(new Date('2024-05-02T15:00:00Z'));
    expect(endOfDayJst('2024-05-02')).toEqual(new Date('2024-05-02T14:59:59Z'));
  });
});

describe('era digits for EYYYYMMDD (card.md §8)', () => {
  it.each([
    ['1868-01-25', 1],
    ['1912-07-29', 1],
    ['1912-07-30', 2],
    ['1926-12-24', 2],
    ['1926-12-25', 3],
    ['1989-01-07', 3],
    ['1989-01-08', 4],
    ['2019-04-30', 4],
    ['2019-05-01', 5],
  ] as const)('%s → %i', (date, digit) => {
    expect(eraDigitOf(date)).toBe(digit);
  });

  it('has no digit before 明治', async () => {
    await expectCodedError(() => eraDigitOf('1868-01-24'), PkiError, 'BAD_DATE');
  });

  it('gives the era year', () => {
    expect(eraOf('2019-05-01')).toMatchObject({ name: '令和', year: 1 });
    expect(eraOf('1980-02-17')).toMatchObject({ name: '昭和', year: 55 });
  });

  it('encodes and decodes', async () => {
    expect(toJpkiBirthDate('1980-02-17')).toBe('319800217');
    expect(toJpkiBirthDate('1989-01-08')).toBe('419890108');
    expect(toJpkiBirthDate('2019-05-01')).toBe('520190501');
    expect(fromJpkiBirthDate('319800217')).toBe('1980-02-17');
    await expectCodedError(() => fromJpkiBirthDate('419800217', true), PkiError, 'BAD_DATE');
    expect(fromJpkiBirthDate('419800217')).toBe('1980-02-17');
    await expectCodedError(() => fromJpkiBirthDate('19800217'), PkiError, 'BAD_DATE');
    await expectCodedError(() => fromJpkiBirthDate('619800217'), PkiError, 'BAD_DATE');
  });
});
