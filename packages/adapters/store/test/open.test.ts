import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  isStoreError,
  openDatabase,
  parseDatabaseUrl,
  SqlCardStore,
  type StoreDatabase,
  StoreError,
} from '@myna/store';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs, testImage, testKeyHex } from './helpers/env.js';

const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function openErr(url: string): Promise<StoreError> {
  const e = await openDatabase(url, { masterKey: testKeyHex() }).then(
    (h) => {
      open.push(h);
      return undefined;
    },
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

describe('openDatabase', () => {
  it('rejects bad URLs with BAD_DATABASE_URL and never echoes a password', async () => {
    for (const url of [
      'mysql://admin:hunter2@db.example/sandbox',
      'postgres://admin:hunter2@db.example:port/sandbox',
      'postgres://admin:hunter2@/sandbox',
      'postgresql://admin:hunter2@:5432',
      'sqlite:',
      '',
      'hunter2',
    ]) {
      const e = await openErr(url);
      expect(e.code, url).toBe('BAD_DATABASE_URL');
      expect(`${e.message} ${e.stack}`).not.toContain('hunter2');
    }
  });

  it('reports an unreachable PostgreSQL as CONNECTION_FAILED with the password masked', async () => {
    const e = await openErr('postgres://admin:hunter2@127.0.0.1:1/sandbox');
    expect(e.reason).toBe('CONNECTION_FAILED');
    expect(e.message).toContain('postgres://admin:***@127.0.0.1:1/sandbox');
    expect(e.message).not.toContain('hunter2');
  });

  it('parses the URL forms', () => {
    expect(parseDatabaseUrl('sqlite:data/x.db', '/srv')).toMatchObject({
      dialect: 'sqlite',
      path: '/srv/data/x.db',
    });
    expect(parseDatabaseUrl('sqlite:///var/x.db', '/srv')).toMatchObject({ path: '/var/x.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toMatchObject({ dialect: 'sqlite', memory: true });
    expect(parseDatabaseUrl('postgresql://u:pw@h:5432/db?password=pw2')).toMatchObject({
      dialect: 'postgres',
      display: 'postgresql://u:***@h:5432/db?password=***',
    });
  });

  it('defaults to sqlite:./.myna-sandbox/sandbox.db, creating the folder and the key file', async () => {
    const cwd = tmp();
    const h = await openDatabase(undefined, { cwd, env: {} });
    open.push(h);
    expect(h.dialect).toBe('sqlite');
    expect(h.target).toBe(`sqlite:${join(cwd, '.myna-sandbox', 'sandbox.db')}`);
    expect(existsSync(join(cwd, '.myna-sandbox', 'sandbox.db'))).toBe(true);
    expect(statSync(join(cwd, '.myna-sandbox', 'master.key')).mode & 0o777).toBe(0o600);
    // DATABASE_URL from the environment wins over the default.
    mkdirSync(join(cwd, 'other'));
    const other = await openDatabase(undefined, { cwd, env: { DATABASE_URL: 'sqlite:other/x.db' } });
    open.push(other);
    expect(other.target).toBe(`sqlite:${join(cwd, 'other', 'x.db')}`);
  });

  it('refuses a sqlite: path in a folder that does not exist, creating nothing', async () => {
    const cwd = tmp();
    for (const [url, env] of [
      ['sqlite:no/such/dir/x.db', {}],
      [undefined, { DATABASE_URL: `sqlite:${join(cwd, 'missing', 'x.db')}` }],
    ] as const) {
      const e = await openDatabase(url, { cwd, env }).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(isStoreError(e, 'DATABASE_FOLDER_MISSING')).toBe(true);
      expect((e as StoreError).code).toBe('DATABASE_FOLDER_MISSING');
      expect(String((e as StoreError).details.folder)).toMatch(/no\/such\/dir$|missing$/);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('sets WAL, busy_timeout 10 s, foreign keys and synchronous=FULL on SQLite', async () => {
    const h = await openDatabase(`sqlite:${join(tmp(), 'a.db')}`, { masterKey: testKeyHex() });
    open.push(h);
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(h.db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('busy_timeout')).toBe(10_000);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('synchronous')).toBe(2);
  });

  it('opens SQLite transactions with BEGIN IMMEDIATE (the write lock is taken before any write)', async () => {
    const file = join(tmp(), 'a.db');
    const h = await openDatabase(`sqlite:${file}`, { masterKey: testKeyHex() });
    open.push(h);
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      const attempt = await h.db.transaction().execute(async (trx) => {
        await trx.selectFrom('sequences').selectAll().execute(); // a read only
        try {
          other.exec('begin immediate');
          other.exec('rollback');
          return 'got the lock';
        } catch (e) {
          return (e as { code?: string }).code;
        }
      });
      expect(attempt).toBe('SQLITE_BUSY');
      other.exec('begin immediate'); // free again after commit
      other.exec('rollback');
    } finally {
      other.close();
    }
  });

  it('lets several handles in one process open and use one new file at once', async () => {
    const url = `sqlite:${join(tmp(), 'a.db')}`;
    const key = testKeyHex();
    const handles = await Promise.all([0, 1, 2].map(() => openDatabase(url, { masterKey: key })));
    open.push(...handles);
    const stores = handles.map((h) => new SqlCardStore(h));
    await stores[0]!.create(await testImage('c1'));
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        stores[i % 3]!.updatePin('c1', 'kenkakuA', (cur) => ({
          next: { ...cur, triesLeft: cur.triesLeft - 1 },
          events: [],
          result: 0,
        })),
      ),
    );
    expect((await stores[2]!.readPin('c1', 'kenkakuA')).triesLeft).toBe(1);
  });

  it('an in-memory database works without any key configuration', async () => {
    const h = await openDatabase('sqlite::memory:', { env: {} });
    open.push(h);
    const store = new SqlCardStore(h);
    await store.create(await testImage('m1'));
    expect((await store.load('m1'))?.id).toBe('m1');
  });
});
