import { openDatabase, SqlDauthStore, type StoreDatabase } from '@myna/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The デジタル認証アプリ provider's persistence on SQLite (PostgreSQL: packages/adapters/dauth/test/postgres.test.ts). */
let h: StoreDatabase;
let s: SqlDauthStore;
beforeAll(async () => {
  h = await openDatabase('sqlite::memory:', { masterKey: new Uint8Array(32).fill(1) });
  s = new SqlDauthStore(h);
});
afterAll(() => h.close());

describe('SqlDauthStore', () => {
  it('stores artefacts per sandbox, finds them by id, uid and userCode, hides expired ones', async () => {
    const later = Date.now() + 60_000;
    await s.upsertModel('a', 'Session', 's1', { uid: 'u1', accountId: 'x' }, later, { uid: 'u1' });
    expect((await s.findModel('a', 'Session', 's1'))?.payload).toEqual({ uid: 'u1', accountId: 'x' });
    expect((await s.findModelBy('a', 'Session', 'uid', 'u1'))?.payload.accountId).toBe('x');
    expect(await s.findModel('b', 'Session', 's1')).toBeUndefined();
    await s.upsertModel('a', 'DeviceCode', 'd1', { userCode: 'ABCD' }, later, { userCode: 'ABCD' });
    expect(await s.findModelBy('a', 'DeviceCode', 'userCode', 'ABCD')).toBeDefined();
    await s.upsertModel('a', 'AccessToken', 'old', {}, Date.now() - 1);
    expect(await s.findModel('a', 'AccessToken', 'old')).toBeUndefined();
    await s.sweep();
  });

  it('consumes once (a replayed code loses the race), revokes by grant, destroys', async () => {
    await s.upsertModel('a', 'AuthorizationCode', 'c1', { grantId: 'g1' }, Date.now() + 60_000, {
      grantId: 'g1',
    });
    await s.upsertModel('a', 'AccessToken', 't1', { grantId: 'g1' }, Date.now() + 60_000, { grantId: 'g1' });
    const both = await Promise.all([
      s.consumeModel('a', 'AuthorizationCode', 'c1'),
      s.consumeModel('a', 'AuthorizationCode', 'c1'),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect((await s.findModel('a', 'AuthorizationCode', 'c1'))?.consumedAtMs).toBeTypeOf('number');
    await s.revokeByGrantId('a', 'g1');
    expect(await s.findModel('a', 'AccessToken', 't1')).toBeUndefined();
    await s.upsertModel('a', 'Grant', 'g2', {}, null);
    await s.destroyModel('a', 'Grant', 'g2');
    expect(await s.findModel('a', 'Grant', 'g2')).toBeUndefined();
  });

  it('registers clients once per sandbox', async () => {
    expect(await s.addClient('a', 'RP1', { client_id: 'RP1' }, new Date().toISOString())).toBe(true);
    expect(await s.addClient('a', 'RP1', { client_id: 'RP1' }, new Date().toISOString())).toBe(false);
    expect(await s.addClient('b', 'RP1', { client_id: 'RP1' }, new Date().toISOString())).toBe(true);
    expect((await s.listClients('a')).map((c) => c.clientId)).toEqual(['RP1']);
    expect(await s.deleteClient('a', 'RP1')).toBe(true);
    expect(await s.client('a', 'RP1')).toBeUndefined();
  });

  it('creates the provider secrets once and keeps them encrypted', async () => {
    let made = 0;
    const make = async () => {
      made++;
      return JSON.stringify({ secret: `value-${made}` });
    };
    const [x, y] = await Promise.all([s.secrets('a', make), s.secrets('a', make)]);
    expect(x).toBe(y);
    expect(await s.secrets('a', make)).toBe(x);
    const raw = await h.db
      .selectFrom('dauth_secrets' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(raw)).not.toContain('value-');
  });
});
