import type { AuthorityStore, CardRecord, CertificateRecord, ResidentRecord } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { expect, it } from 'vitest';
import { PHOTO, TEST_HOLDER } from '../../../../core/card/test/fixtures/index.js';

/**
 * Two `AuthorityStore`s over the same data: two handles on one database ("two server instances"),
 * or the same in-memory store twice.
 */
export type OpenAuthorityStores = () => Promise<readonly [AuthorityStore, AuthorityStore]>;

export const resident = (over: Partial<ResidentRecord> = {}): ResidentRecord => ({
  id: 'r1',
  sandboxId: 'sb1',
  myNumber: TEST_HOLDER.myNumber,
  name: TEST_HOLDER.name,
  address: TEST_HOLDER.address,
  birthDate: '1980-02-17',
  sex: '1',
  municipalityCode: '13221',
  photo: PHOTO,
  factsVersion: 1,
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:00:00.000Z',
  ...over,
});

export const cardRecord = (over: Partial<CardRecord> = {}): CardRecord => ({
  id: 'c1',
  sandboxId: 'sb1',
  serial: '400000012719843',
  residentId: 'r1',
  kind: 'adult',
  status: 'active',
  issuedOn: '2025-02-17',
  expiresOn: '2035-02-17',
  securityCode: '2285',
  adminKey: new Uint8Array(32).fill(0xa5),
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:00:00.000Z',
  ...over,
});

export const certificate = (over: Partial<CertificateRecord> = {}): CertificateRecord => ({
  serialHex: '1001',
  sandboxId: 'sb1',
  kind: 'auth',
  cardId: 'c1',
  residentId: 'r1',
  der: new Uint8Array([0x30, 0x82, 0x01, 0x00, 0xff, 0x00]),
  notBefore: '2025-02-17T00:00:00.000Z',
  notAfter: '2030-02-17T14:59:59.000Z',
  status: 'good',
  revokedAt: null,
  reason: null,
  issuedAt: '2025-02-17T00:00:01.000Z',
  ...over,
});

/**
 * The `AuthorityStore` contract (packages/app/services/src/ports.ts), the same cases on every
 * adapter: `MemoryAuthorityStore` and `SqlAuthorityStore` on SQLite and PostgreSQL. Call it inside
 * a `describe` per adapter.
 */
export function authorityStoreContract(open: OpenAuthorityStores): void {
  it('hands out gap-free sequences under concurrency', async () => {
    const [sa, sb] = await open();
    const got = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? sa : sb).nextSequence('sb1', 'cert')),
    );
    expect([...got].sort((x, y) => (x < y ? -1 : 1))).toEqual(
      Array.from({ length: 60 }, (_, i) => BigInt(i + 1)),
    );
    expect(await sa.nextSequence('sb1', 'cert')).toBe(61n);
    expect(await sa.nextSequence('sb1', 'crl')).toBe(1n);
    expect(await sb.nextSequence('sb2', 'cert')).toBe(1n);
  });

  it('putSecretIfAbsent: one value wins a race and every caller gets it', async () => {
    const [sa, sb] = await open();
    expect(await sa.getSecret('sb1', 'ca-key')).toBeUndefined();
    const values = Array.from({ length: 16 }, (_, i) => new Uint8Array([i, 1, 2, 3]));
    const results = await Promise.all(
      values.map((v, i) => (i % 2 ? sa : sb).putSecretIfAbsent('sb1', 'ca-key', v)),
    );
    const winner = results[0]!;
    expect(values).toContainEqual(winner);
    for (const r of results) expect(r).toEqual(winner);
    expect(await sb.getSecret('sb1', 'ca-key')).toEqual(winner);
    expect(await sa.getSecret('sb2', 'ca-key')).toBeUndefined();
    expect(winner).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(winner)).toBe(false);

    const pub = await Promise.all(
      values.map((v, i) => (i % 2 ? sa : sb).putPublicIfAbsent('sb1', 'ca-cert', v)),
    );
    for (const r of pub) expect(r).toEqual(pub[0]);
    expect(await sa.getPublic('sb1', 'ca-cert')).toEqual(pub[0]);
    expect(await sa.getPublic('sb1', 'nope')).toBeUndefined();
  });

  it('keeps its own copy of stored bytes', async () => {
    const [s] = await open();
    const secret = new Uint8Array([1, 2, 3]);
    const got = await s.putSecretIfAbsent('sb1', 'k', secret);
    secret[0] = 0xff;
    got[1] = 0xff;
    expect(await s.getSecret('sb1', 'k')).toEqual(new Uint8Array([1, 2, 3]));
    const pub = new Uint8Array([4, 5, 6]);
    await s.putPublicIfAbsent('sb1', 'p', pub);
    pub[0] = 0xff;
    (await s.getPublic('sb1', 'p'))![1] = 0xff;
    expect(await s.getPublic('sb1', 'p')).toEqual(new Uint8Array([4, 5, 6]));
  });

  it('round-trips residents and finds My Numbers by keyed hash', async () => {
    const [s] = await open();
    // Inserted newest first: the list is still oldest first.
    await s.insertResident(
      resident({ id: 'r2', myNumber: '123456789018', createdAt: '2026-11-23T00:00:00.000Z' }),
    );
    await s.insertResident(resident());
    expect(await s.getResident('sb1', 'r1')).toEqual(resident());
    expect(await s.getResident('sb2', 'r1')).toBeUndefined();
    expect((await s.listResidents('sb1')).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(await s.myNumberTaken('sb1', TEST_HOLDER.myNumber)).toBe(true);
    expect(await s.myNumberTaken('sb2', TEST_HOLDER.myNumber)).toBe(false);
    expect(await s.myNumberTaken('sb1', '999999999999')).toBe(false);

    const dup = await expectCatalogError(s.insertResident(resident({ id: 'r3' })), 'MY_NUMBER_TAKEN', {
      reason: 'CONFLICT',
      residentId: 'r3',
    });
    expect(dup.message).not.toContain(TEST_HOLDER.myNumber);
    expect(JSON.stringify(dup.details)).not.toContain(TEST_HOLDER.myNumber);
    await s.insertResident(resident({ sandboxId: 'sb2', id: 'r4' })); // another sandbox may hold it

    const moved = resident({
      address: '東京都千代田区',
      factsVersion: 2,
      myNumber: '111111111118',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    // createdAt is the insert's: an update does not move it.
    await s.updateResident({ ...moved, createdAt: '2026-12-01T00:00:00.000Z' });
    expect(await s.getResident('sb1', 'r1')).toEqual(moved);
    expect(await s.myNumberTaken('sb1', TEST_HOLDER.myNumber)).toBe(false);
    expect(await s.myNumberTaken('sb1', '111111111118')).toBe(true);
    await expectCatalogError(
      s.updateResident(resident({ id: 'r2', myNumber: '111111111118' })),
      'MY_NUMBER_TAKEN',
      { reason: 'CONFLICT', residentId: 'r2' },
    );
    expect((await s.getResident('sb1', 'r2'))?.myNumber).toBe('123456789018');
    await expectCatalogError(s.updateResident(resident({ id: 'zz' })), 'RESIDENT_NOT_FOUND', {
      reason: 'NOT_FOUND',
      residentId: 'zz',
    });
    // A resident of another sandbox is not there to update.
    await expectCatalogError(s.updateResident(resident({ sandboxId: 'sb3' })), 'RESIDENT_NOT_FOUND');
    expect(await s.getResident('sb3', 'r1')).toBeUndefined();
    await expectCatalogError(s.insertResident(resident({ myNumber: '222222222226' })), 'INTERNAL', {
      reason: 'CONFLICT',
      residentId: 'r1',
    });
    expect(await s.myNumberTaken('sb1', '222222222226')).toBe(false);
  });

  it('round-trips card records, oldest first, with their status and kind', async () => {
    const [s] = await open();
    const rec2 = cardRecord({ id: 'c2', serial: '400000012719844', createdAt: '2026-11-23T00:00:00.000Z' });
    await s.insertCard(rec2);
    await s.insertCard(cardRecord());
    expect(await s.getCard('sb1', 'c1')).toEqual(cardRecord());
    expect(await s.getCard('sb1', 'c2')).toEqual(rec2);
    expect((await s.listCards('sb1')).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await s.listCards('sb2')).toEqual([]);
    expect(await s.getCard('sb2', 'c1')).toBeUndefined();
    await s.setCardStatus('sb1', 'c1', 'suspended', '2026-12-01T00:00:00.000Z');
    expect(await s.getCard('sb1', 'c1')).toMatchObject({
      status: 'suspended',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    await expectCatalogError(s.setCardStatus('sb1', 'zz', 'abolished', 'now'), 'CARD_NOT_FOUND', {
      reason: 'NOT_FOUND',
      cardId: 'zz',
    });
    await expectCatalogError(s.setCardStatus('sb2', 'c1', 'abolished', 'now'), 'CARD_NOT_FOUND');
    await s.setCardKind('sb1', 'c1', 'face-auth', '2026-12-02T00:00:00.000Z');
    expect(await s.getCard('sb1', 'c1')).toMatchObject({
      kind: 'face-auth',
      status: 'suspended',
      updatedAt: '2026-12-02T00:00:00.000Z',
    });
    await expectCatalogError(s.setCardKind('sb1', 'zz', 'adult', 'now'), 'CARD_NOT_FOUND', {
      reason: 'NOT_FOUND',
      cardId: 'zz',
    });
    await expectCatalogError(s.insertCard(rec2), 'INTERNAL', { reason: 'CONFLICT' });
    await expectCatalogError(s.insertCard(cardRecord({ id: 'c3', serial: rec2.serial })), 'INTERNAL', {
      reason: 'CONFLICT',
    });
    expect(await s.getCard('sb1', 'c3')).toBeUndefined();
    expect(await s.getCard('sb1', 'c2')).toEqual(rec2);
    // Another sandbox may reuse a serial.
    await s.insertCard(cardRecord({ id: 'c4', sandboxId: 'sb2', serial: rec2.serial }));
    expect((await s.listCards('sb2')).map((c) => c.id)).toEqual(['c4']);
  });

  it('round-trips certificates with filters and revocation', async () => {
    const [s] = await open();
    await s.insertCertificate(
      certificate({ serialHex: '1002', cardId: 'c2', issuedAt: '2025-02-18T00:00:00.000Z' }),
    );
    await s.insertCertificate(
      certificate({ kind: 'sign', serialHex: '2001', issuedAt: '2025-02-17T00:00:02.000Z' }),
    );
    await s.insertCertificate(certificate());
    // Same instant: ordered by kind, then serial.
    await s.insertCertificate(certificate({ serialHex: '0FFF', kind: 'sign', cardId: 'c3' }));
    await s.insertCertificate(certificate({ serialHex: '0FFF', cardId: 'c3' }));
    expect(await s.getCertificate('sb1', 'auth', '1001')).toEqual(certificate());
    expect(await s.getCertificate('sb1', 'sign', '1001')).toBeUndefined();
    expect(await s.getCertificate('sb2', 'auth', '1001')).toBeUndefined();
    const ids = (cs: CertificateRecord[]) => cs.map((c) => `${c.kind}:${c.serialHex}`);
    expect(ids(await s.listCertificates('sb1', {}))).toEqual([
      'auth:0FFF',
      'auth:1001',
      'sign:0FFF',
      'sign:2001',
      'auth:1002',
    ]);
    expect(ids(await s.listCertificates('sb1', { kind: 'auth' }))).toEqual([
      'auth:0FFF',
      'auth:1001',
      'auth:1002',
    ]);
    expect(ids(await s.listCertificates('sb1', { cardId: 'c1' }))).toEqual(['auth:1001', 'sign:2001']);
    expect(await s.listCertificates('sb2', {})).toEqual([]);
    await s.setCertificateStatus(
      'sb1',
      'sign',
      '2001',
      'revoked',
      '2026-01-01T00:00:00.000Z',
      'affiliationChanged',
    );
    expect(await s.getCertificate('sb1', 'sign', '2001')).toMatchObject({
      status: 'revoked',
      revokedAt: '2026-01-01T00:00:00.000Z',
      reason: 'affiliationChanged',
    });
    expect(ids(await s.listCertificates('sb1', { status: 'revoked' }))).toEqual(['sign:2001']);
    expect(ids(await s.listCertificates('sb1', { status: 'good', cardId: 'c1' }))).toEqual(['auth:1001']);
    await expectCatalogError(s.insertCertificate(certificate({ status: 'hold' })), 'INTERNAL', {
      reason: 'CONFLICT',
    });
    expect(await s.getCertificate('sb1', 'auth', '1001')).toEqual(certificate());
    await expectCatalogError(
      s.setCertificateStatus('sb1', 'auth', 'FFFF', 'hold', null, 'certificateHold'),
      'CERTIFICATE_NOT_FOUND',
      { reason: 'NOT_FOUND', kind: 'auth', serial: 'FFFF' },
    );
  });
}
