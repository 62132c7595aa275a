import { join } from 'node:path';
import type { CardRecord, CertificateRecord, ResidentRecord } from '@myna/services';
import { openDatabase, SqlAuthorityStore, SqlCardStore, type StoreDatabase, StoreError } from '@myna/store';
import { afterEach, describe, expect, it } from 'vitest';
import { PHOTO, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';
import { tempDirs, testImage, testKeyHex } from './helpers/env.js';
import { usePostgres } from './helpers/postgres.js';

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function fresh(dialect: 'sqlite' | 'postgres'): Promise<[StoreDatabase, StoreDatabase]> {
  const key = testKeyHex();
  const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
  const a = await openDatabase(url, { masterKey: key });
  const b = await openDatabase(url, { masterKey: key });
  open.push(a, b);
  return [a, b];
}

async function storeError(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

const resident = (over: Partial<ResidentRecord> = {}): ResidentRecord => ({
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

const cardRecord = (over: Partial<CardRecord> = {}): CardRecord => ({
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

const certificate = (over: Partial<CertificateRecord> = {}): CertificateRecord => ({
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

describe.each(['sqlite', 'postgres'] as const)('SqlAuthorityStore on %s', (dialect) => {
  it('hands out gap-free sequences under concurrency', async () => {
    const [a, b] = await fresh(dialect);
    const sa = new SqlAuthorityStore(a);
    const sb = new SqlAuthorityStore(b);
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
    const [a, b] = await fresh(dialect);
    const sa = new SqlAuthorityStore(a);
    const sb = new SqlAuthorityStore(b);
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

  it('round-trips residents and finds My Numbers by keyed hash', async () => {
    const [a] = await fresh(dialect);
    const s = new SqlAuthorityStore(a);
    await s.insertResident(resident());
    await s.insertResident(
      resident({ id: 'r2', myNumber: '123456789018', createdAt: '2026-11-23T00:00:00.000Z' }),
    );
    expect(await s.getResident('sb1', 'r1')).toEqual(resident());
    expect(await s.getResident('sb2', 'r1')).toBeUndefined();
    expect((await s.listResidents('sb1')).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(await s.myNumberTaken('sb1', TEST_HOLDER.myNumber)).toBe(true);
    expect(await s.myNumberTaken('sb2', TEST_HOLDER.myNumber)).toBe(false);
    expect(await s.myNumberTaken('sb1', '999999999999')).toBe(false);

    const dup = await storeError(s.insertResident(resident({ id: 'r3' })));
    expect(dup.reason).toBe('CONFLICT');
    expect(dup.message).not.toContain(TEST_HOLDER.myNumber);
    await s.insertResident(resident({ sandboxId: 'sb2', id: 'r4' })); // another sandbox may hold it

    const moved = resident({
      address: '東京都千代田区',
      factsVersion: 2,
      myNumber: '111111111118',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    await s.updateResident(moved);
    expect(await s.getResident('sb1', 'r1')).toEqual(moved);
    expect(await s.myNumberTaken('sb1', TEST_HOLDER.myNumber)).toBe(false);
    expect(await s.myNumberTaken('sb1', '111111111118')).toBe(true);
    expect((await storeError(s.updateResident(resident({ id: 'r2', myNumber: '111111111118' })))).code).toBe(
      'MY_NUMBER_TAKEN',
    );
    expect((await storeError(s.updateResident(resident({ id: 'zz' })))).code).toBe('RESIDENT_NOT_FOUND');
    expect((await storeError(s.insertResident(resident({ myNumber: '222222222226' })))).code).toBe(
      'INTERNAL',
    );
  });

  it('round-trips card records, with the chip stored before or after', async () => {
    const [a] = await fresh(dialect);
    const s = new SqlAuthorityStore(a);
    // Authority first, chip second.
    const img1 = await testImage('c1');
    await s.insertCard(cardRecord({ serial: img1.serial }));
    expect(await s.getCard('sb1', 'c1')).toEqual(cardRecord({ serial: img1.serial }));
    const chips = new SqlCardStore(a, { sandboxId: 'ignored' });
    await chips.create(img1);
    expect((await chips.load('c1'))?.serial).toBe(img1.serial);
    expect(await new SqlCardStore(a, { sandboxId: 'sb1' }).listCardIds()).toEqual(['c1']);

    // Chip first (default sandbox), authority second: the card moves into the authority's sandbox.
    const img2 = await testImage('c2');
    await chips.create(img2);
    await chips.updatePin('c2', 'auth', (cur) => ({
      next: { ...cur, triesLeft: 2 },
      events: [{ type: 'pin.failed', cardId: 'c2', pin: 'auth', triesLeft: 2, terminal: 't', at: 'now' }],
      result: 0,
    }));
    const rec2 = cardRecord({ id: 'c2', serial: img2.serial, createdAt: '2026-11-23T00:00:00.000Z' });
    await s.insertCard(rec2);
    expect(await s.getCard('sb1', 'c2')).toEqual(rec2);
    expect((await chips.events('c2'))[0]?.sandboxId).toBe('sb1');
    expect((await chips.readPin('c2', 'auth')).triesLeft).toBe(2);

    expect((await s.listCards('sb1')).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await s.listCards('sb2')).toEqual([]);
    expect(await s.getCard('sb2', 'c1')).toBeUndefined();
    await s.setCardStatus('sb1', 'c1', 'suspended', '2026-12-01T00:00:00.000Z');
    expect(await s.getCard('sb1', 'c1')).toMatchObject({
      status: 'suspended',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    expect((await storeError(s.setCardStatus('sb1', 'zz', 'abolished', 'now'))).reason).toBe('NOT_FOUND');
    await s.setCardKind('sb1', 'c1', 'face-auth', '2026-12-02T00:00:00.000Z');
    expect(await s.getCard('sb1', 'c1')).toMatchObject({ kind: 'face-auth', status: 'suspended' });
    expect((await storeError(s.setCardKind('sb1', 'zz', 'adult', 'now'))).reason).toBe('NOT_FOUND');
    expect((await storeError(s.insertCard(rec2))).reason).toBe('CONFLICT');
    expect((await storeError(s.insertCard(cardRecord({ id: 'c3', serial: img2.serial })))).reason).toBe(
      'CONFLICT',
    );
  });

  it('round-trips certificates with filters and revocation', async () => {
    const [a] = await fresh(dialect);
    const s = new SqlAuthorityStore(a);
    await s.insertCertificate(certificate());
    await s.insertCertificate(
      certificate({ kind: 'sign', serialHex: '2001', issuedAt: '2025-02-17T00:00:02.000Z' }),
    );
    await s.insertCertificate(
      certificate({ serialHex: '1002', cardId: 'c2', issuedAt: '2025-02-18T00:00:00.000Z' }),
    );
    expect(await s.getCertificate('sb1', 'auth', '1001')).toEqual(certificate());
    expect(await s.getCertificate('sb1', 'sign', '1001')).toBeUndefined();
    const ids = (cs: CertificateRecord[]) => cs.map((c) => `${c.kind}:${c.serialHex}`);
    expect(ids(await s.listCertificates('sb1', {}))).toEqual(['auth:1001', 'sign:2001', 'auth:1002']);
    expect(ids(await s.listCertificates('sb1', { kind: 'auth' }))).toEqual(['auth:1001', 'auth:1002']);
    expect(ids(await s.listCertificates('sb1', { cardId: 'c1' }))).toEqual(['auth:1001', 'sign:2001']);
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
    expect((await storeError(s.insertCertificate(certificate()))).reason).toBe('CONFLICT');
    expect(
      (await storeError(s.setCertificateStatus('sb1', 'auth', 'FFFF', 'hold', null, 'certificateHold'))).code,
    ).toBe('CERTIFICATE_NOT_FOUND');
  });
});
