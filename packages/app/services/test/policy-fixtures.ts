import { isMynaError } from '@myna/errors';
import type { CardRecord, CertificateRecord } from '@myna/services';

/**
 * Fixtures of the pure policy tests (reset-policy.test.ts, phone-policy.test.ts — the files the
 * mutation runs kill mutants with): a card record, a certificate record, the instants around it,
 * and `refusal`, the catalog error a rule throws.
 */

/** The catalog error `f` throws: its code and details. */
export function refusal(f: () => unknown): { code: string; details: unknown } {
  try {
    f();
  } catch (e) {
    if (!isMynaError(e)) throw e;
    return { code: e.code, details: e.details };
  }
  throw new Error('expected a refusal');
}

export const CARD: CardRecord = {
  id: 'card_1',
  sandboxId: 'sb1',
  serial: '900000000000001',
  residentId: 'res_1',
  kind: 'adult',
  status: 'active',
  issuedOn: '2026-01-01',
  expiresOn: '2036-02-17',
  securityCode: '2285',
  adminKey: new Uint8Array(32),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

export const NOT_BEFORE = '2026-01-01T00:00:00.000Z';
export const NOT_AFTER = '2031-02-17T14:59:59.000Z';
export const NOW = new Date('2026-06-01T03:00:00Z');

/** A good certificate record of card_1, valid NOT_BEFORE…NOT_AFTER. */
export const certificateRecord = (
  kind: 'auth' | 'sign',
  over: Partial<CertificateRecord> = {},
): CertificateRecord => ({
  serialHex: '02',
  sandboxId: 'sb1',
  kind,
  cardId: 'card_1',
  residentId: 'res_1',
  der: new Uint8Array(0),
  notBefore: NOT_BEFORE,
  notAfter: NOT_AFTER,
  status: 'good',
  revokedAt: null,
  reason: null,
  issuedAt: NOT_BEFORE,
  ...over,
});
