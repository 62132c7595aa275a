import { join } from 'node:path';
import { openDatabase, SqlCardStore, type StoreDatabase } from '@myna/store';
import { afterAll } from 'vitest';
import { fuzzSuite } from '../../../core/card/test/suites/fuzz.js';
import { pinModelSuite } from '../../../core/card/test/suites/pin-model.js';
import { tempDirs, testKeyHex } from './helpers/env.js';
import { usePostgres } from './helpers/postgres.js';

/**
 * The card's PIN model test and fuzz (packages/core/card/test/suites) on the durable store:
 * SqlCardStore on SQLite and on PostgreSQL, each with a fresh database. Fewer runs and APDUs than
 * in memory (every PIN command is a transaction); the same oracles.
 */
const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function sqlStore(dialect: 'sqlite' | 'postgres'): Promise<SqlCardStore> {
  const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'cards.db')}` : await postgres.fresh();
  const handle = await openDatabase(url, { masterKey: testKeyHex() });
  open.push(handle);
  return new SqlCardStore(handle);
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  pinModelSuite({ label: `SqlCardStore on ${dialect}`, open: () => sqlStore(dialect), numRuns: 8 });
  fuzzSuite({ label: `SqlCardStore on ${dialect}`, open: () => sqlStore(dialect), apdus: 20_000 });
}
