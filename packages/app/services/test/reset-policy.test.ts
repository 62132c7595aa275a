import { PIN_RULES } from '@myna/card';
import { type CaCredentials, createCa, issueSignCertificate } from '@myna/pki';
import type {
  CertificateRecord,
  CounterProcedure,
  ResidentRecord,
  StaffAccount,
  StaffSessionRecord,
} from '@myna/services';
import { beforeAll, describe, expect, it } from 'vitest';
import { key, spki } from '../../../core/card/test/fixtures/index.js';
// The rules' own module (not the package index): the mutation run re-imports it for every mutant.
import {
  assertCardActive,
  assertCardNotAbolished,
  assertCertificateUsable,
  assertCounterHolder,
  assertCounterMayAct,
  assertKioskMayReset,
  assertPinFormat,
  assertStaffSession,
  otherPin,
  reservationExpired,
  reservationExpiry,
} from '../src/reset/policy.js';
import { CARD, certificateRecord, NOT_AFTER, NOT_BEFORE, NOW, refusal } from './policy-fixtures.js';

/**
 * The authority's reset policy as pure rules (reset/policy.ts; pin-lifecycle.md §§2–5), each case
 * with the catalog error a holder would see, stated from the spec — not computed by the code.
 * This file (with reset-completion.test.ts) is what the mutation run kills mutants with.
 */

const RESIDENT: ResidentRecord = {
  id: 'res_1',
  sandboxId: 'sb1',
  myNumber: '123456789018',
  name: '黒桐　幹也',
  address: '東京都清瀬市観布子南１２－７－２０２',
  birthDate: '1980-02-17',
  sex: '1',
  municipalityCode: '13221',
  photo: new Uint8Array(0),
  factsVersion: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

let signDer: Uint8Array;
let signDerUnknownSex: Uint8Array;

beforeAll(async () => {
  // Fixed test keys: no key generation, so the file runs in milliseconds.
  const caKeys = { privateKeyPkcs8: key('signCa'), publicKeySpki: spki('signCa') };
  const userKeys = { publicKeySpki: spki('kenkakuSigner') };
  const ca: CaCredentials = {
    certDer: await createCa({
      kind: 'sign',
      key: { pkcs8: caKeys.privateKeyPkcs8, spki: caKeys.publicKeySpki },
      serial: 1n,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
    }),
    privateKeyPkcs8: caKeys.privateKeyPkcs8,
  };
  const issue = (sex: '1' | '9') =>
    issueSignCertificate({
      ca,
      subjectPublicKeySpki: userKeys.publicKeySpki,
      serial: 2n,
      notBefore: new Date(NOT_BEFORE),
      notAfter: new Date(NOT_AFTER),
      prefecture: 'Tokyo-to',
      city: 'Kiyose-shi',
      requestCn: '20260101090000000001132211',
      holder: { name: RESIDENT.name, sex, birthDate: RESIDENT.birthDate, address: RESIDENT.address },
    });
  [signDer, signDerUnknownSex] = await Promise.all([issue('1'), issue('9')]);
}, 60_000);

const cert = (kind: 'auth' | 'sign', over: Partial<CertificateRecord> = {}): CertificateRecord =>
  certificateRecord(kind, { der: signDer, ...over });

describe('the other PIN (§2.2)', () => {
  it('is the user-auth PIN for the signature password and the reverse', () => {
    expect(otherPin('sign')).toBe('auth');
    expect(otherPin('auth')).toBe('sign');
  });
});

describe('certificate preconditions (§2.2, §1.3)', () => {
  const invalid = (certificate: string, reason: string) => ({
    code: 'CERTIFICATE_INVALID',
    details: { certificate, reason },
  });

  it('accepts a good certificate within its validity, boundaries included, and returns it', () => {
    for (const kind of ['sign', 'auth'] as const) {
      const c = cert(kind);
      expect(assertCertificateUsable(kind, c, NOW, RESIDENT)).toBe(c);
      expect(assertCertificateUsable(kind, c, new Date(NOT_AFTER), RESIDENT)).toBe(c);
      expect(assertCertificateUsable(kind, c, new Date(NOT_BEFORE), RESIDENT)).toBe(c);
    }
  });

  it('refuses an absent, revoked, held, expired or not yet valid certificate, naming it', () => {
    for (const kind of ['sign', 'auth'] as const) {
      expect(refusal(() => assertCertificateUsable(kind, undefined, NOW, RESIDENT))).toEqual(
        invalid(kind, 'absent'),
      );
      expect(
        refusal(() =>
          assertCertificateUsable(
            kind,
            cert(kind, { status: 'revoked', reason: 'keyCompromise' }),
            NOW,
            RESIDENT,
          ),
        ),
      ).toEqual(invalid(kind, 'revoked'));
      expect(
        refusal(() =>
          assertCertificateUsable(
            kind,
            cert(kind, { status: 'revoked', reason: 'affiliationChanged' }),
            NOW,
            RESIDENT,
          ),
        ),
      ).toEqual(invalid(kind, 'facts-changed'));
      expect(
        refusal(() => assertCertificateUsable(kind, cert(kind, { status: 'hold' }), NOW, RESIDENT)),
      ).toEqual(invalid(kind, 'hold'));
      const justAfter = new Date(Date.parse(NOT_AFTER) + 1);
      expect(refusal(() => assertCertificateUsable(kind, cert(kind), justAfter, RESIDENT))).toEqual(
        invalid(kind, 'expired'),
      );
      const justBefore = new Date(Date.parse(NOT_BEFORE) - 1);
      expect(refusal(() => assertCertificateUsable(kind, cert(kind), justBefore, RESIDENT))).toEqual(
        invalid(kind, 'not-yet-valid'),
      );
    }
  });

  it('refuses a signature certificate whose basic four facts differ from the register, but not a user-auth one', () => {
    for (const patch of [
      { name: '黒桐　鮮花' },
      { address: '東京都清瀬市元町１－１' },
      { birthDate: '1980-02-18' },
      { sex: '2' as const },
    ]) {
      const moved = { ...RESIDENT, ...patch };
      expect(refusal(() => assertCertificateUsable('sign', cert('sign'), NOW, moved))).toEqual(
        invalid('sign', 'facts-changed'),
      );
      expect(assertCertificateUsable('auth', cert('auth'), NOW, moved).kind).toBe('auth');
    }
  });

  it('reads the register’s sex 0 (unknown) as the certificate’s 9 (not applicable)', () => {
    const unknown = { ...RESIDENT, sex: '0' as const };
    const c = cert('sign', { der: signDerUnknownSex });
    expect(assertCertificateUsable('sign', c, NOW, unknown)).toBe(c);
    expect(refusal(() => assertCertificateUsable('sign', c, NOW, RESIDENT))).toEqual(
      invalid('sign', 'facts-changed'),
    );
    expect(refusal(() => assertCertificateUsable('sign', cert('sign'), NOW, unknown))).toEqual(
      invalid('sign', 'facts-changed'),
    );
  });
});

describe('the card', () => {
  it('the app needs an active card', () => {
    expect(assertCardActive(CARD)).toBe(CARD);
    expect(refusal(() => assertCardActive({ ...CARD, status: 'suspended' }))).toEqual({
      code: 'CARD_SUSPENDED',
      details: { cardId: 'card_1' },
    });
    expect(refusal(() => assertCardActive({ ...CARD, status: 'abolished' }))).toEqual({
      code: 'CARD_ABOLISHED',
      details: { cardId: 'card_1' },
    });
  });
  it('the kiosk, the counter and the lost-card line refuse only an abolished card', () => {
    const suspended = { ...CARD, status: 'suspended' as const };
    expect(assertCardNotAbolished(suspended)).toBe(suspended);
    expect(assertCardNotAbolished(CARD)).toBe(CARD);
    expect(refusal(() => assertCardNotAbolished({ ...CARD, status: 'abolished' }))).toEqual({
      code: 'CARD_ABOLISHED',
      details: { cardId: 'card_1' },
    });
  });
  it('a new PIN must follow its rule; the error names the rule, never the value', () => {
    expect(() => assertPinFormat('auth', '1234')).not.toThrow();
    expect(() => assertPinFormat('sign', 'ABC123')).not.toThrow();
    expect(refusal(() => assertPinFormat('auth', '123'))).toEqual({
      code: 'PIN_FORMAT',
      details: { pin: 'auth', rule: PIN_RULES.auth.rule },
    });
    expect(refusal(() => assertPinFormat('sign', 'abc'))).toEqual({
      code: 'PIN_FORMAT',
      details: { pin: 'sign', rule: PIN_RULES.sign.rule },
    });
  });
});

describe('the reservation: 24 hours from the face match (§2.3, §2.4)', () => {
  const matched = new Date('2026-06-01T03:00:00.000Z');
  it('ends exactly 24 hours later', () => {
    expect(reservationExpiry(matched).toISOString()).toBe('2026-06-02T03:00:00.000Z');
  });
  it('is usable until one millisecond before its end, expired at and after it', () => {
    const r = { expiresAt: '2026-06-02T03:00:00.000Z' };
    expect(reservationExpired(r, new Date('2026-06-02T02:59:59.999Z'))).toBe(false);
    expect(reservationExpired(r, matched)).toBe(false);
    expect(reservationExpired(r, new Date('2026-06-02T03:00:00.000Z'))).toBe(true);
    expect(reservationExpired(r, new Date('2026-06-02T03:00:00.001Z'))).toBe(true);
  });
});

describe('the kiosk: hours and the chain’s capability (§3.1)', () => {
  const jst = (hhmm: string) => new Date(`2026-06-01T${hhmm}:00+09:00`);
  it('is in service from 06:30 inclusive to 23:00 exclusive, JST', () => {
    expect(() => assertKioskMayReset(jst('06:30'), 'seven-eleven', 'auth')).not.toThrow();
    expect(() => assertKioskMayReset(jst('22:59'), 'seven-eleven', 'auth')).not.toThrow();
    expect(() => assertKioskMayReset(jst('12:00'), 'lawson', 'sign')).not.toThrow();
    for (const t of ['06:29', '23:00', '23:30', '03:00']) {
      expect(refusal(() => assertKioskMayReset(jst(t), 'seven-eleven', 'sign'))).toEqual({
        code: 'KIOSK_CLOSED',
        details: {},
      });
    }
  });
  it('resets only the PINs its chain offers (sign-only chains refuse the user-auth PIN)', () => {
    for (const chain of ['lawson', 'familymart', 'ministop', 'daiei'] as const) {
      expect(() => assertKioskMayReset(jst('12:00'), chain, 'sign')).not.toThrow();
      expect(refusal(() => assertKioskMayReset(jst('12:00'), chain, 'auth'))).toEqual({
        code: 'STORE_CANNOT_RESET',
        details: { chain, pin: 'auth' },
      });
    }
    for (const chain of ['seven-eleven', 'aeon', 'fuji'] as const) {
      expect(() => assertKioskMayReset(jst('12:00'), chain, 'auth')).not.toThrow();
      expect(() => assertKioskMayReset(jst('12:00'), chain, 'sign')).not.toThrow();
    }
  });
  it('knows no chain outside the table', () => {
    expect(() => assertKioskMayReset(jst('12:00'), 'circle-k' as never, 'sign')).toThrow(
      new RangeError('unknown store chain circle-k'),
    );
  });
  it('checks the hours before the chain', () => {
    expect(refusal(() => assertKioskMayReset(jst('05:00'), 'lawson', 'auth')).code).toBe('KIOSK_CLOSED');
  });
});

describe('the counter (§4, §5)', () => {
  const session: StaffSessionRecord = {
    tokenHash: 'ab',
    sandboxId: 'sb1',
    staffId: 'kato.clerk',
    municipalityCode: '13221',
    window: '2',
    createdAt: '2026-06-01T00:00:00.000Z',
    expiresAt: '2026-06-01T08:00:00.000Z',
  };
  const staff: StaffAccount = {
    id: 'kato.clerk',
    sandboxId: 'sb1',
    municipalityCode: '13221',
    name: '加藤',
    role: 'clerk',
    passwordHash: 'scrypt$…',
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const supervisor: StaffAccount = { ...staff, id: 'sato.super', role: 'supervisor' };
  const procedure: CounterProcedure = {
    id: 'proc_1',
    sandboxId: 'sb1',
    municipalityCode: '13221',
    cardId: 'card_1',
    kind: 'pin-reset',
    applicant: { role: 'holder', name: null },
    pins: ['auth'],
    status: 'ready',
    checks: ['card-face-match', 'photo-id'],
    visits: 1,
    answerAttempts: 0,
    letterId: null,
    openedBy: 'staff:kato.clerk',
    openedAt: '2026-06-01T01:00:00.000Z',
    updatedAt: '2026-06-01T01:00:00.000Z',
    closedAt: null,
    closedBy: null,
  };
  const act =
    (over: Partial<Parameters<typeof assertCounterMayAct>[0]> = {}) =>
    () =>
      assertCounterMayAct({
        session,
        staff,
        procedure,
        terminal: 'counter:13221:2',
        kinds: ['pin-reset'],
        ...over,
      });

  it('a staff session counts until it expires, for an enabled account', () => {
    const before = new Date('2026-06-01T07:59:59.999Z');
    expect(assertStaffSession(session, staff, before)).toEqual({ session, staff });
    const failed = { code: 'STAFF_LOGIN_FAILED', details: { reason: 'no-session' } };
    expect(refusal(() => assertStaffSession(session, staff, new Date(session.expiresAt)))).toEqual(failed);
    expect(refusal(() => assertStaffSession(undefined, staff, before))).toEqual(failed);
    expect(refusal(() => assertStaffSession(session, undefined, before))).toEqual(failed);
    expect(refusal(() => assertStaffSession(session, { ...staff, disabled: true }, before))).toEqual(failed);
  });

  it('consents for a ready procedure of a permitted kind, at the staff member’s own window', () => {
    expect(act()).not.toThrow();
    expect(act({ kinds: ['lift-suspension', 'pin-reset'] })).not.toThrow();
    expect(act({ staff: supervisor, supervisor: true })).not.toThrow();
    expect(act({ supervisor: false })).not.toThrow();
  });

  it('refuses another municipality, another window, a clerk where a supervisor is needed', () => {
    expect(refusal(act({ procedure: { ...procedure, municipalityCode: '13101' } }))).toEqual({
      code: 'STAFF_FORBIDDEN',
      details: { reason: 'other-municipality' },
    });
    expect(refusal(act({ terminal: 'counter:13221:3' }))).toEqual({
      code: 'STAFF_FORBIDDEN',
      details: { reason: 'other-terminal' },
    });
    expect(refusal(act({ terminal: 'kiosk:lawson:1' }))).toEqual({
      code: 'STAFF_FORBIDDEN',
      details: { reason: 'other-terminal' },
    });
    expect(refusal(act({ supervisor: true }))).toEqual({
      code: 'STAFF_FORBIDDEN',
      details: { role: 'clerk', needs: 'supervisor' },
    });
  });

  it('refuses a procedure of another kind, or one not ready', () => {
    expect(refusal(act({ kinds: ['pin-change'] }))).toEqual({
      code: 'PROCEDURE_STATE',
      details: { kind: 'pin-reset', status: 'ready' },
    });
    for (const status of ['open', 'awaiting-answer'] as const) {
      expect(refusal(act({ procedure: { ...procedure, status } }))).toEqual({
        code: 'IDENTITY_NOT_CONFIRMED',
        details: { procedureId: 'proc_1', status },
      });
    }
    for (const status of ['completed', 'cancelled'] as const) {
      expect(refusal(act({ procedure: { ...procedure, status } }))).toEqual({
        code: 'PROCEDURE_STATE',
        details: { procedureId: 'proc_1', status },
      });
    }
  });

  it('checks in order: municipality, window, role, kind, status', () => {
    const everything = act({
      procedure: { ...procedure, municipalityCode: '13101', status: 'open' },
      terminal: 'counter:13221:9',
      supervisor: true,
      kinds: [],
    });
    expect(refusal(everything).details).toEqual({ reason: 'other-municipality' });
    expect(refusal(act({ terminal: 'x', supervisor: true, kinds: [] })).details).toEqual({
      reason: 'other-terminal',
    });
    expect(refusal(act({ supervisor: true, kinds: [] })).code).toBe('STAFF_FORBIDDEN');
    expect(refusal(act({ kinds: [], procedure: { ...procedure, status: 'open' } })).code).toBe(
      'PROCEDURE_STATE',
    );
  });

  it('serves only holders registered in the municipality, on a card not abolished', () => {
    expect(() => assertCounterHolder(procedure, CARD, RESIDENT)).not.toThrow();
    expect(() => assertCounterHolder(procedure, { ...CARD, status: 'suspended' }, RESIDENT)).not.toThrow();
    expect(
      refusal(() => assertCounterHolder(procedure, CARD, { ...RESIDENT, municipalityCode: '13101' })),
    ).toEqual({
      code: 'RESET_PRECONDITION',
      details: { reason: 'other-municipality' },
    });
    expect(refusal(() => assertCounterHolder(procedure, { ...CARD, status: 'abolished' }, RESIDENT))).toEqual(
      {
        code: 'CARD_ABOLISHED',
        details: { cardId: 'card_1' },
      },
    );
  });
});
