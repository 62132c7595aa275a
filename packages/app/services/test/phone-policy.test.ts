import type { CertificateRecord, PhoneRecord } from '@myna/services';
import { describe, expect, it } from 'vitest';
// The rules' own module (not the package index): the mutation run re-imports it for every mutant.
import {
  PHONE_SERVICE_START,
  phoneCertificateForReset,
  phoneCertificateNotAfter,
  phonePinValue,
  phonePinValues,
  phonePrecondition,
  phoneUsable,
  requireActiveCard,
  requireActivePhone,
  requirePlatformAvailable,
  validCardSignCertificate,
  withinValidity,
} from '../src/phone/policy.js';
import { CARD, certificateRecord, NOT_AFTER, NOT_BEFORE, NOW, refusal } from './policy-fixtures.js';

/**
 * The smartphone certificates' preconditions as pure rules (phone/policy.ts; docs/phone.md), each
 * case with the catalog error a holder would see, stated from the sources — not computed by the
 * code. This file is what the mutation run (`bash scripts/mutation.sh phone`) kills mutants with.
 */

const PHONE: PhoneRecord = {
  id: 'phone-1',
  sandboxId: 'sb1',
  cardId: 'card_1',
  residentId: 'res_1',
  platform: 'android',
  serial: '800000000000001',
  status: 'active',
  adminKey: new Uint8Array(32),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const cert = (kind: 'auth' | 'sign', over: Partial<CertificateRecord> = {}): CertificateRecord =>
  certificateRecord(kind, { serialHex: kind === 'auth' ? '0A' : '0B', ...over });

describe('the platforms start on their days (JST)', () => {
  it('names the days of the sources: Android 2023-05-11, iPhone 2025-06-24', () => {
    expect(PHONE_SERVICE_START).toEqual({ android: '2023-05-11', iphone: '2025-06-24' });
  });

  it('Android: refused the day before (JST), open from 00:00 JST on 2023-05-11', () => {
    // 2023-05-10 23:59 JST = 14:59 UTC; 2023-05-11 00:00 JST = 2023-05-10 15:00 UTC.
    expect(refusal(() => requirePlatformAvailable('android', new Date('2023-05-10T14:59:59Z')))).toEqual({
      code: 'PHONE_PRECONDITION',
      details: { reason: 'platform-not-yet-available', platform: 'android', from: '2023-05-11' },
    });
    expect(() => requirePlatformAvailable('android', new Date('2023-05-10T15:00:00Z'))).not.toThrow();
    expect(() => requirePlatformAvailable('android', NOW)).not.toThrow();
  });

  it('iPhone: refused before 2025-06-24 JST even when Android is open', () => {
    const eve = new Date('2025-06-23T14:59:59Z');
    expect(() => requirePlatformAvailable('android', eve)).not.toThrow();
    expect(refusal(() => requirePlatformAvailable('iphone', eve))).toEqual({
      code: 'PHONE_PRECONDITION',
      details: { reason: 'platform-not-yet-available', platform: 'iphone', from: '2025-06-24' },
    });
    expect(() => requirePlatformAvailable('iphone', new Date('2025-06-23T15:00:00Z'))).not.toThrow();
  });
});

describe('the new phone passwords follow the card rules', () => {
  const authRule = { code: 'PIN_FORMAT', details: { pin: 'auth', rule: '4 digits', element: 'phone' } };
  const signRule = {
    code: 'PIN_FORMAT',
    details: {
      pin: 'sign',
      rule: '6–16 characters, upper-case A–Z and 0–9 only, at least one letter and one digit',
      element: 'phone',
    },
  };

  it('user-auth: exactly 4 digits', () => {
    expect(phonePinValue('auth', '1234')).toBe('1234');
    for (const bad of ['123', '12345', '12a4', ''])
      expect(refusal(() => phonePinValue('auth', bad))).toEqual(authRule);
  });

  it('signature: 6–16 letters and digits with both, stored in upper case', () => {
    expect(phonePinValue('sign', 'abc123')).toBe('ABC123');
    expect(phonePinValue('sign', 'A1B2C3D4E5F6G7H8')).toBe('A1B2C3D4E5F6G7H8');
    for (const bad of ['AB12C', 'A1B2C3D4E5F6G7H8I', 'ABCDEF', '123456', 'ABC-123'])
      expect(refusal(() => phonePinValue('sign', bad))).toEqual(signRule);
  });

  it('a letter in the user-auth password is refused in either case', () => {
    expect(refusal(() => phonePinValue('auth', '123a'))).toEqual(authRule);
  });

  it('both at once: user-auth first, then signature', () => {
    expect(phonePinValues({ auth: '5678', sign: 'phone1' })).toEqual({ auth: '5678', sign: 'PHONE1' });
    expect(refusal(() => phonePinValues({ auth: '56', sign: 'x' }))).toEqual(authRule);
    expect(refusal(() => phonePinValues({ auth: '5678', sign: 'x' }))).toEqual(signRule);
  });
});

describe('the card must be active', () => {
  it('active passes; suspended and abolished name their card', () => {
    expect(() => requireActiveCard(CARD)).not.toThrow();
    expect(refusal(() => requireActiveCard({ ...CARD, status: 'suspended' }))).toEqual({
      code: 'CARD_SUSPENDED',
      details: { cardId: 'card_1' },
    });
    expect(refusal(() => requireActiveCard({ ...CARD, status: 'abolished' }))).toEqual({
      code: 'CARD_ABOLISHED',
      details: { cardId: 'card_1' },
    });
  });
});

describe('validity', () => {
  it('good and within [notBefore, notAfter], both ends included', () => {
    const c = cert('sign');
    expect(withinValidity(c, new Date(NOT_BEFORE))).toBe(true);
    expect(withinValidity(c, new Date(NOT_AFTER))).toBe(true);
    expect(withinValidity(c, new Date(Date.parse(NOT_BEFORE) - 1))).toBe(false);
    expect(withinValidity(c, new Date(Date.parse(NOT_AFTER) + 1))).toBe(false);
    expect(withinValidity({ ...c, status: 'hold' }, NOW)).toBe(false);
    expect(withinValidity({ ...c, status: 'revoked' }, NOW)).toBe(false);
  });
});

describe("the card's signature certificate (issuance and the phone signature password's reset)", () => {
  const invalid = { code: 'PHONE_PRECONDITION', details: { reason: 'card-sign-certificate-invalid' } };

  it('picks the good one within validity, past revoked ones', () => {
    const old = cert('sign', { serialHex: '01', status: 'revoked', reason: 'superseded' });
    const current = cert('sign', { serialHex: '02' });
    expect(validCardSignCertificate([old, current], NOW)).toBe(current);
  });

  it('none (under 15, face authentication), held, revoked, expired or not yet valid: refused', () => {
    expect(refusal(() => validCardSignCertificate([], NOW))).toEqual(invalid);
    expect(refusal(() => validCardSignCertificate([cert('sign', { status: 'hold' })], NOW))).toEqual(invalid);
    expect(refusal(() => validCardSignCertificate([cert('sign', { status: 'revoked' })], NOW))).toEqual(
      invalid,
    );
    const after = new Date(Date.parse(NOT_AFTER) + 1);
    expect(refusal(() => validCardSignCertificate([cert('sign')], after))).toEqual(invalid);
    const before = new Date(Date.parse(NOT_BEFORE) - 1);
    expect(refusal(() => validCardSignCertificate([cert('sign')], before))).toEqual(invalid);
  });

  it("the card's user-auth certificate does not stand in for it", () => {
    expect(refusal(() => validCardSignCertificate([cert('auth')], NOW))).toEqual(invalid);
  });

  it("the phone's certificates end with the card's signature certificate", () => {
    expect(phoneCertificateNotAfter(cert('sign')).toISOString()).toBe(NOT_AFTER);
  });
});

describe('the phone must be registered as active, its certificate good, to reset', () => {
  it('a revoked phone is refused', () => {
    expect(() => requireActivePhone(PHONE)).not.toThrow();
    expect(refusal(() => requireActivePhone({ ...PHONE, status: 'revoked' }))).toEqual({
      code: 'PHONE_PRECONDITION',
      details: { reason: 'phone-revoked' },
    });
  });

  it('the certificate of the password being reset: its current one, good and within validity', () => {
    const auth = cert('auth', { cardId: 'phone-1' });
    const sign = cert('sign', { cardId: 'phone-1' });
    expect(phoneCertificateForReset([auth, sign], 'sign', NOW)).toBe(sign);
    expect(phoneCertificateForReset([auth, sign], 'auth', NOW)).toBe(auth);
    const invalid = (certificate: string) => ({
      code: 'PHONE_PRECONDITION',
      details: { reason: 'phone-certificate-invalid', certificate },
    });
    expect(refusal(() => phoneCertificateForReset([auth], 'sign', NOW))).toEqual(invalid('sign'));
    expect(refusal(() => phoneCertificateForReset([{ ...sign, status: 'hold' }], 'sign', NOW))).toEqual(
      invalid('sign'),
    );
    expect(refusal(() => phoneCertificateForReset([{ ...auth, status: 'revoked' }], 'auth', NOW))).toEqual(
      invalid('auth'),
    );
    const after = new Date(Date.parse(NOT_AFTER) + 1);
    expect(refusal(() => phoneCertificateForReset([auth], 'auth', after))).toEqual(invalid('auth'));
    // A revoked old one is passed over for the current one.
    const old = { ...auth, serialHex: '01', status: 'revoked' as const };
    expect(phoneCertificateForReset([old, auth], 'auth', NOW)).toBe(auth);
  });
});

describe('the phone is usable for a login', () => {
  const auth = cert('auth', { cardId: 'phone-1' });
  const sign = cert('sign', { cardId: 'phone-1' });

  it('active with a good user-auth certificate within validity', () => {
    expect(phoneUsable(PHONE, [auth, sign], NOW)).toBe(true);
  });

  it('not when revoked, held, expired, or without a user-auth certificate', () => {
    expect(phoneUsable({ ...PHONE, status: 'revoked' }, [auth, sign], NOW)).toBe(false);
    expect(phoneUsable(PHONE, [{ ...auth, status: 'hold' }, sign], NOW)).toBe(false);
    expect(phoneUsable(PHONE, [auth, sign], new Date(Date.parse(NOT_AFTER) + 1))).toBe(false);
    expect(phoneUsable(PHONE, [sign], NOW)).toBe(false);
    expect(phoneUsable(PHONE, [{ ...auth, status: 'revoked' }, sign], NOW)).toBe(false);
  });

  it('a revoked earlier user-auth certificate is passed over for the current one', () => {
    const old = { ...auth, serialHex: '01', status: 'revoked' as const };
    expect(phoneUsable(PHONE, [old, auth, sign], NOW)).toBe(true);
  });

  it('the signature certificate alone does not make it usable', () => {
    expect(phoneUsable(PHONE, [{ ...auth, status: 'revoked' }, sign], NOW)).toBe(false);
  });
});

describe('the precondition error', () => {
  it('carries the reason and the extra details', () => {
    const e = phonePrecondition('x', { a: 1 });
    expect([e.code, e.details]).toEqual(['PHONE_PRECONDITION', { reason: 'x', a: 1 }]);
    expect(phonePrecondition('y').details).toEqual({ reason: 'y' });
  });
});
