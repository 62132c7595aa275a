import { join } from 'node:path';
import { openDatabase, SqlCardStore, SqlServerStore, type StoreDatabase } from '@myna/store';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { serverStoreContract } from './contracts/server-store.contract.js';
import { tempDirs, testKeyHex } from './helpers/env.js';
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

describe.each(['sqlite', 'postgres'] as const)('SqlServerStore on %s', (dialect) => {
  describe('keeps the server store contract', () => {
    serverStoreContract(async () => {
      const [a, b] = await fresh(dialect);
      return {
        server: new SqlServerStore(a),
        other: new SqlServerStore(b),
        cards: (sandboxId) => new SqlCardStore(a, { sandboxId }),
      };
    });
  });

  it('stores API keys hashed for lookup and encrypted for display, never in clear', async () => {
    const [a] = await fresh(dialect);
    const apiKey = 'msk_QZ7XK29WJ4distinctive';
    await new SqlServerStore(a).createSandbox({
      id: 'sb1',
      name: 'n',
      apiKey,
      at: '2026-11-22T00:00:00.000Z',
    });
    const raw = JSON.stringify((await sql`select * from sandboxes`.execute(a.db)).rows);
    expect(raw).toContain('sb1');
    expect(raw).not.toContain(apiKey);
  });
});
