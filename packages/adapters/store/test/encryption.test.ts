import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeImage } from '@myna/card';
import {
  openDatabase,
  SecretBox,
  SqlAuthorityStore,
  SqlCardStore,
  type StoreDatabase,
  StoreError,
} from '@myna/store';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { key, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';
import { resident } from './contracts/authority-store.contract.js';
import { tempDirs, testImage, testKeyHex } from './helpers/env.js';
import { usePostgres } from './helpers/postgres.js';

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close().catch(() => undefined)));
});

/** Distinctive holder secrets, long enough not to occur by chance in base64 text. */
const SIGN_PASSWORD = 'QZ7XK29WJ4';
const AUTH_PIN = '7391';
const PKCS8 = key('auth');

async function fill(h: StoreDatabase): Promise<void> {
  const image = await testImage('c1', { pins: { sign: SIGN_PASSWORD, auth: AUTH_PIN } });
  // Control: in clear, the serialised image would show every text needle.
  const clear = Buffer.from(serializeImage(image));
  for (const [what, needle] of needles()) {
    if (what !== 'PKCS#8 bytes') expect(clear.includes(needle), `control: ${what}`).toBe(true);
  }
  await new SqlCardStore(h, { sandboxId: 'sb1' }).create(image);
  const authority = new SqlAuthorityStore(h);
  await authority.insertResident(resident());
  await authority.putSecretIfAbsent('sb1', 'auth-ca-key', PKCS8);
}

/** Byte strings that must never be stored in clear. */
function needles(): [string, Buffer][] {
  const der = Buffer.from(PKCS8);
  const b64 = der.toString('base64');
  return [
    ['sign password', Buffer.from(SIGN_PASSWORD)],
    ['My Number', Buffer.from(TEST_HOLDER.myNumber)],
    ['PKCS#8 bytes', der.subarray(100, 164)],
    ['PKCS#8 base64', Buffer.from(b64.slice(200, 260))],
    ['PIN JSON', Buffer.from(`"value":"${AUTH_PIN}"`)],
  ];
}

function expectNoClearSecrets(bytes: Buffer, where: string): void {
  for (const [what, needle] of needles()) {
    expect(bytes.includes(needle), `${what} in clear in ${where}`).toBe(false);
  }
}

describe('encryption at rest', () => {
  it('SQLite: the database file and its WAL hold no PIN, My Number or private key in clear', async () => {
    const dir = tmp();
    const h = await openDatabase(`sqlite:${join(dir, 'sandbox.db')}`);
    await fill(h);
    // While open (data still in the WAL) and after close (checkpointed into the main file).
    for (const f of readdirSync(dir)) expectNoClearSecrets(readFileSync(join(dir, f)), f);
    const pins = await h.db.selectFrom('card_pins').select(['pin_id', 'value_enc']).execute();
    expect(pins.length).toBeGreaterThan(5);
    for (const p of pins)
      if (p.value_enc !== null) expect(p.value_enc).toMatch(/^m1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    // Fresh IVs: the same PIN value encrypts differently in each row.
    const values = pins.map((p) => p.value_enc).filter((v) => v !== null);
    expect(new Set(values).size).toBe(values.length);
    // The stored image carries no PIN records: card_pins is the only place they live.
    const row = await h.db.selectFrom('cards').select('image_enc').executeTakeFirstOrThrow();
    expect(JSON.parse(h.box.decryptText(row.image_enc!, 'cards:image:c1')).pins).toEqual({});
    await h.close();
    for (const f of readdirSync(dir)) expectNoClearSecrets(readFileSync(join(dir, f)), f);
  });

  it('PostgreSQL: no row holds a PIN, My Number or private key in clear', async () => {
    const h = await openDatabase(await postgres.fresh(), { masterKey: testKeyHex() });
    open.push(h);
    await fill(h);
    for (const table of ['cards', 'card_pins', 'card_events', 'residents', 'secrets', 'certificates']) {
      const rows = await sql<{ t: string }>`select t::text as t from ${sql.table(table)} as t`.execute(h.db);
      const text = Buffer.from(rows.rows.map((r) => r.t).join('\n'));
      expectNoClearSecrets(text, table);
      expect(
        text.includes(Buffer.from(PKCS8).subarray(100, 164).toString('hex')),
        `key as hex in ${table}`,
      ).toBe(false);
    }
  });

  it('creates the master key file with mode 0600 beside the database, and reuses it', async () => {
    const dir = join(tmp(), 'nested', 'state');
    mkdirSync(dir, { recursive: true }); // a folder the user names must exist (open.test.ts)
    const a = await openDatabase(`sqlite:${join(dir, 'sandbox.db')}`);
    expect(a.masterKeySource).toEqual({ kind: 'file', path: join(dir, 'master.key'), created: true });
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    await a.close();
    const b = await openDatabase(`sqlite:${join(dir, 'sandbox.db')}`);
    open.push(b);
    expect(b.masterKeySource).toEqual({ kind: 'file', path: join(dir, 'master.key'), created: false });
    expect(b.box.keyId).toBe(a.box.keyId);
  });

  it('a wrong master key fails with MASTER_KEY_MISMATCH, revealing nothing', async () => {
    const dir = tmp();
    const url = `sqlite:${join(dir, 'sandbox.db')}`;
    const right = testKeyHex();
    const h = await openDatabase(url, { masterKey: right });
    await fill(h);
    await h.close();

    const wrongKey = testKeyHex();
    const w = await openDatabase(url, { env: { MYNA_MASTER_KEY: wrongKey } });
    open.push(w);
    expect(w.masterKeySource).toEqual({ kind: 'env' });
    const errors = [
      await new SqlCardStore(w).load('c1').catch((e: unknown) => e),
      await new SqlCardStore(w).readPin('c1', 'sign').catch((e: unknown) => e),
      await new SqlAuthorityStore(w).getSecret('sb1', 'auth-ca-key').catch((e: unknown) => e),
      await new SqlAuthorityStore(w).getResident('sb1', 'r1').catch((e: unknown) => e),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).code).toBe('MASTER_KEY_MISMATCH');
      const text = `${(e as Error).message} ${(e as Error).stack}`;
      for (const secret of [right, wrongKey, SIGN_PASSWORD, TEST_HOLDER.myNumber])
        expect(text).not.toContain(secret);
    }
    // The right key, given as base64 through the environment, still reads everything.
    const ok = await openDatabase(url, {
      env: { MYNA_MASTER_KEY: Buffer.from(right, 'hex').toString('base64') },
    });
    open.push(ok);
    expect((await new SqlCardStore(ok).readPin('c1', 'sign')).value).toBe(SIGN_PASSWORD);
  });

  it('a value moved to another row or altered fails with CORRUPT_DATA', async () => {
    const h = await openDatabase('sqlite::memory:');
    open.push(h);
    expect(h.masterKeySource).toEqual({ kind: 'ephemeral' });
    await fill(h);
    const sign = await h.db
      .selectFrom('card_pins')
      .select('value_enc')
      .where('pin_id', '=', 'sign')
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('card_pins')
      .set({ value_enc: sign.value_enc })
      .where('pin_id', '=', 'auth')
      .execute();
    const e = await new SqlCardStore(h).readPin('c1', 'auth').catch((x: unknown) => x);
    expect((e as StoreError).reason).toBe('CORRUPT_DATA');
    expect((e as Error).message).not.toContain(SIGN_PASSWORD);
    const box = new SecretBox(new Uint8Array(32));
    const v = box.encryptText('secret', 'x:y');
    expect(box.decryptText(v, 'x:y')).toBe('secret');
    const flipped = `${v.slice(0, -2)}${v.at(-2) === 'A' ? 'B' : 'A'}${v.at(-1)}`;
    expect(() => box.decryptText(flipped, 'x:y')).toThrow(
      expect.objectContaining({ reason: 'CORRUPT_DATA' }),
    );
    expect(() => box.decryptText('plain', 'x:y')).toThrow(
      expect.objectContaining({ reason: 'CORRUPT_DATA' }),
    );
  });

  it('rejects a malformed master key without repeating it', async () => {
    const dir = tmp();
    for (const bad of ['c2hvcnQ=', 'zz'.repeat(32), 'not a key at all']) {
      const e = await openDatabase(`sqlite:${join(dir, 'a.db')}`, { env: { MYNA_MASTER_KEY: bad } }).catch(
        (x: unknown) => x,
      );
      expect((e as StoreError).reason).toBe('MASTER_KEY_INVALID');
      expect((e as Error).message).not.toContain(bad);
    }
    writeFileSync(join(dir, 'master.key'), 'garbage\n', { mode: 0o600 });
    const e = await openDatabase(`sqlite:${join(dir, 'b.db')}`, { env: {} }).catch((x: unknown) => x);
    expect((e as StoreError).reason).toBe('MASTER_KEY_INVALID');
  });
});
