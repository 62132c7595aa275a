import { SqlCardStore, SqlServerStore } from '@myna/store';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { serverStoreContract } from './contracts/server-store.contract.js';
import { useFreshDatabases } from './helpers/databases.js';

const databases = useFreshDatabases();
/** Two handles on one fresh database of the dialect (two "server instances"). */
const fresh = databases.two;

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

const freshOne = databases.one;

describe.each(['sqlite', 'postgres'] as const)('card leases (%s)', (dialect) => {
  it('one holder at a time; renewal by the holder; an expired lease is free', async () => {
    const s = new SqlServerStore(await freshOne(dialect));
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
    const h = await freshOne(dialect);
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

describe('card leases on SQLite', () => {
  it('are written without fsync, and leave synchronous=FULL for every other commit', async () => {
    const h = await freshOne('sqlite');
    const s = new SqlServerStore(h);
    const pragma = async () =>
      Object.values((await sql.raw('pragma synchronous').execute(h.db)).rows[0] as object)[0];
    expect(await pragma()).toBe(2);
    const lease = { cardId: 'c1', sandboxId: 'sb', terminal: 'kiosk', holder: 'h1', nowMs: 0, ttlMs: 1000 };
    // While lease writes and other statements interleave, the others still run at FULL.
    const seen = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await s.acquireLease({ ...lease, cardId: `c${i}` });
        const mode = await pragma();
        await s.releaseLease(`c${i}`, 'h1');
        return mode;
      }),
    );
    expect(seen).toEqual(Array(10).fill(2));
    expect(await pragma()).toBe(2);
    if (h.direct.dialect !== 'sqlite') throw new Error('sqlite expected');
    expect(h.direct.sqlite.database.pragma('synchronous', { simple: true })).toBe(2);
    expect(await s.lease('c1')).toBeUndefined();
  });
});

describe.each(['sqlite', 'postgres'] as const)('the tail of the event feed (%s)', (dialect) => {
  it('is one lookup on an index of (sandbox_id, id), for the sandbox and for one card', async () => {
    const h = await freshOne(dialect);
    const s = new SqlServerStore(h);
    expect(await s.lastEventSeq('sb')).toBe(0);
    // biome-ignore lint/suspicious/noExplicitAny: raw rows
    const db = h.db as any;
    const at = new Date().toISOString();
    await db
      .insertInto('cards')
      .values(
        ['c1', 'c2'].map((id) => ({ id, sandbox_id: 'sb', serial: id, created_at: at, updated_at: at })),
      )
      .execute();
    const event = (card_id: string, sandbox_id = 'sb') => ({
      card_id,
      sandbox_id,
      type: 'pin.failed',
      pin: 'auth',
      tries_left: 2,
      max_tries: 3,
      terminal: 't',
      at,
      detail: null,
    });
    await db
      .insertInto('card_events')
      .values([event('c1'), event('c2'), event('c1'), event('c2', 'other')])
      .execute();
    const all = (await db
      .selectFrom('card_events')
      .select(['id', 'card_id', 'sandbox_id'])
      .orderBy('id')
      .execute()) as {
      id: number;
    }[];
    expect(await s.lastEventSeq('sb')).toBe(Number(all[2]!.id));
    expect(await s.lastEventSeq('sb', 'c2')).toBe(Number(all[1]!.id));
    expect(await s.lastEventSeq('nobody')).toBe(0);
    const indexes =
      dialect === 'sqlite'
        ? (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'card_events'`.execute(h.db)
          ).rows
        : (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'card_events'`.execute(h.db)
          ).rows;
    expect(indexes.map((r) => r.name)).toContain('card_events_sandbox_idx');
    if (dialect === 'sqlite') {
      const plan = (
        await sql<{
          detail: string;
        }>`explain query plan select max(id) from card_events where sandbox_id = ${'sb'}`.execute(h.db)
      ).rows.map((r) => r.detail);
      expect(plan.join(' ')).toContain('card_events_sandbox_idx');
    }
  });
});
