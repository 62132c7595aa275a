import { join } from 'node:path';
import { openDatabase, SqlServerStore, type StoreDatabase } from '@myna/store';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs, testKeyHex } from './helpers/env.js';
import { usePostgres } from './helpers/postgres.js';

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function fresh(dialect: 'sqlite' | 'postgres'): Promise<StoreDatabase> {
  const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
  const h = await openDatabase(url, { masterKey: testKeyHex() });
  open.push(h);
  return h;
}

describe.each(['sqlite', 'postgres'] as const)('card leases (%s)', (dialect) => {
  it('one holder at a time; renewal by the holder; an expired lease is free', async () => {
    const s = new SqlServerStore(await fresh(dialect));
    const l = (holder: string, terminal: string, nowMs: number) =>
      s.acquireLease({ cardId: 'c1', sandboxId: 'sb', terminal, holder, nowMs, ttlMs: 1000 });
    expect(await l('h1', 'kiosk', 0)).toEqual({ ok: true });
    expect(await l('h2', 'counter', 500)).toEqual({ ok: false, terminal: 'kiosk' });
    expect(await l('h1', 'kiosk', 900)).toEqual({ ok: true }); // renewed until 1900
    expect(await l('h2', 'counter', 1500)).toEqual({ ok: false, terminal: 'kiosk' });
    expect(await l('h2', 'counter', 1900)).toEqual({ ok: true });
    expect(await s.lease('c1')).toEqual({ terminal: 'counter', holder: 'h2', expiresAtMs: 2900 });
    await s.releaseLease('c1', 'h1'); // not the holder: nothing happens
    expect((await s.lease('c1'))?.holder).toBe('h2');
    await s.releaseLease('c1', 'h2');
    expect(await s.lease('c1')).toBeUndefined();
  });

  it('simultaneous takers of a free card: exactly one wins, the others learn its terminal', async () => {
    const h = await fresh(dialect);
    // Several handles on PostgreSQL: separate connections, as separate instances have.
    const stores = [new SqlServerStore(h), new SqlServerStore(h)];
    for (let round = 0; round < 10; round++) {
      const rs = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stores[i % 2]!.acquireLease({
            cardId: `c${round}`,
            sandboxId: 'sb',
            terminal: `t${i}`,
            holder: `h${i}`,
            nowMs: 0,
            ttlMs: 1000,
          }),
        ),
      );
      const winners = rs.flatMap((r, i) => (r.ok ? [`t${i}`] : []));
      expect(winners).toHaveLength(1);
      expect(rs.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, terminal: winners[0] }));
    }
  });
});
