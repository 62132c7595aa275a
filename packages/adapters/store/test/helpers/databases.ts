import { join } from 'node:path';
import { openDatabase, type StoreDatabase } from '@myna/store';
import { afterEach } from 'vitest';
import { tempDirs, testKeyHex } from './env.js';
import { usePostgres } from './postgres.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Fresh databases for a test file, closed after each test: a new SQLite file in a temp folder, or
 * a new database on the test PostgreSQL. `two` opens two handles on one database (two "server
 * instances"); `one` a single handle.
 */
export function useFreshDatabases() {
  const postgres = usePostgres();
  const tmp = tempDirs();
  const open: StoreDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  const url = async (dialect: Dialect) =>
    dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
  return {
    async two(dialect: Dialect): Promise<[StoreDatabase, StoreDatabase]> {
      const [u, key] = [await url(dialect), testKeyHex()];
      const a = await openDatabase(u, { masterKey: key });
      const b = await openDatabase(u, { masterKey: key });
      open.push(a, b);
      return [a, b];
    },
    async one(dialect: Dialect): Promise<StoreDatabase> {
      const h = await openDatabase(await url(dialect), { masterKey: testKeyHex() });
      open.push(h);
      return h;
    },
  };
}
