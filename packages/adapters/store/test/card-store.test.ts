import { MemoryCardStore } from '@myna/card';
import { isMynaError } from '@myna/errors';
import { SqlCardStore, StoreError } from '@myna/store';
import { describe, expect, it } from 'vitest';
import { cardStoreContract, event } from './contracts/card-store.contract.js';
import { useFreshDatabases } from './helpers/databases.js';
import { testImage } from './helpers/env.js';

const databases = useFreshDatabases();
/** Two handles on one fresh database of the dialect (two "server instances"). */
const fresh = databases.two;

async function expectStoreError(p: Promise<unknown>, reason: string): Promise<StoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).reason).toBe(reason);
  return e as StoreError;
}

describe('MemoryCardStore keeps the CardStateStore contract', () => {
  cardStoreContract(async () => {
    const store = new MemoryCardStore();
    return { store, other: store, events: async (id) => store.events(id) };
  });
});

describe.each(['sqlite', 'postgres'] as const)('SqlCardStore on %s', (dialect) => {
  describe('keeps the CardStateStore contract', () => {
    cardStoreContract(async () => {
      const [a, b] = await fresh(dialect);
      const store = new SqlCardStore(a);
      return { store, other: new SqlCardStore(b), events: (id) => store.events(id) };
    });
  });

  it('keeps the chip ATR profile (issue 13): another handle reads it back, the default stays absent', async () => {
    const [a, b] = await fresh(dialect);
    const image = await testImage('atr1');
    await new SqlCardStore(a).create({ ...image, atr: 'contact-t0' });
    await new SqlCardStore(a).create({ ...image, id: 'atr2', serial: '400000012719999' });
    expect((await new SqlCardStore(b).load('atr1'))?.atr).toBe('contact-t0');
    expect((await new SqlCardStore(b).load('atr2'))?.atr).toBeUndefined();
  });

  it('lists its sandbox’s cards; another sandbox may reuse a serial', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    const image = await testImage('c1');
    await store.create(image);
    expect(await store.listCardIds()).toEqual(['c1']);
    await expectStoreError(store.create(image), 'CARD_EXISTS');
    await expectStoreError(store.create({ ...image, id: 'c2' }), 'CONFLICT');
    const other = new SqlCardStore(h, { sandboxId: 'other' });
    await other.create({ ...image, id: 'c3' });
    expect(await other.listCardIds()).toEqual(['c3']);
    expect(await store.listCardIds()).toEqual(['c1']);
  });

  it('reports unknown cards and key references as StoreErrors', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    const missing = await expectStoreError(store.readPin('nope', 'auth'), 'CARD_NOT_FOUND');
    // A MynaError of the project's catalog, so servers and the CLI map it.
    expect(isMynaError(missing, 'CARD_NOT_FOUND')).toBe(true);
    expect(missing.details).toEqual({ reason: 'CARD_NOT_FOUND', cardId: 'nope' });
    await expectStoreError(
      store.updatePin('nope', 'auth', (cur) => ({ events: [], result: cur })),
      'CARD_NOT_FOUND',
    );
    await store.create(await testImage('c1'));
    await h.db.deleteFrom('card_pins').where('card_id', '=', 'c1').where('pin_id', '=', 'juki').execute();
    await expectStoreError(store.readPin('c1', 'juki'), 'PIN_NOT_FOUND');
    await expectStoreError(
      store.updatePin('c1', 'auth', (cur) => ({ next: { ...cur, triesLeft: 4 }, events: [], result: 0 })),
      'CORRUPT_DATA',
    );
    await expectStoreError(store.updateImage('nope', { files: [] }, []), 'CARD_NOT_FOUND');
  });

  it('numbers committed events: events(cardId, { after, limit })', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    await store.create(await testImage('c1'));
    await store.updatePin('c1', 'auth', () => ({
      events: [event('c1', 'pin.failed', { pin: 'auth' }), event('c1', 'pin.changed', { pin: 'auth' })],
      result: 0,
    }));
    await store.updatePin('c1', 'sign', () => ({
      events: [event('c1', 'pin.reset', { pin: 'sign' }), event('c1', 'pin.refused', { pin: 'sign' })],
      result: 0,
    }));
    const events = await store.events('c1');
    expect(events.map((e) => e.type)).toEqual(['pin.failed', 'pin.changed', 'pin.reset', 'pin.refused']);
    expect(events.every((e) => e.sandboxId === 'default')).toBe(true);
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(4);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect((await store.events('c1', { after: seqs[1]! })).map((e) => e.type)).toEqual([
      'pin.reset',
      'pin.refused',
    ]);
    expect((await store.events('c1', { limit: 1 })).map((e) => e.type)).toEqual(['pin.failed']);
  });

  it('runs fn on the stored record after another instance changed it since this store last wrote', async () => {
    const [a, b] = await fresh(dialect);
    const sa = new SqlCardStore(a);
    const sb = new SqlCardStore(b);
    await sa.create(await testImage('c1'));
    const seen: number[] = [];
    const dec = (s: SqlCardStore) =>
      s.updatePin('c1', 'auth', (cur) => {
        seen.push(cur.triesLeft);
        return {
          next: { ...cur, triesLeft: cur.triesLeft - 1 },
          events: [event('c1', 'pin.failed', { pin: 'auth', triesLeft: cur.triesLeft - 1 })],
          result: cur.triesLeft - 1,
        };
      });
    expect(await dec(sa)).toBe(2);
    expect(await dec(sb)).toBe(1);
    // sa last wrote 2: whatever it guessed, the committed try is the one on the stored 1.
    expect(await dec(sa)).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect((await sb.readPin('c1', 'auth')).triesLeft).toBe(0);
    expect((await sa.events('c1')).map((e) => e.triesLeft)).toEqual([2, 1, 0]);
    // A try that writes nothing (no reference data) answers on the stored record too.
    await sb.updatePin('c1', 'auth', (cur) => ({ next: { ...cur, value: null }, events: [], result: 0 }));
    expect(
      await sa.updatePin('c1', 'auth', (cur) => ({
        events: [],
        result: cur.value === null ? 'none' : 'set',
      })),
    ).toBe('none');
  });

  it('rolls the counter back when the event insert fails', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    await store.create(await testImage('c1'));
    // The event insert fails (terminal is NOT NULL): the counter change is rolled back with it.
    await expect(
      store.updatePin('c1', 'auth', (cur) => ({
        next: { ...cur, triesLeft: 0 },
        events: [
          event('c1', 'pin.failed', { pin: 'auth' }),
          { ...event('c1', 'pin.blocked'), terminal: null as unknown as string },
        ],
        result: undefined,
      })),
    ).rejects.toMatchObject({ code: dialect === 'sqlite' ? 'SQLITE_CONSTRAINT_NOTNULL' : '23502' });
    expect((await store.readPin('c1', 'auth')).triesLeft).toBe(3);
    expect(await store.events('c1')).toEqual([]);
  });
});
