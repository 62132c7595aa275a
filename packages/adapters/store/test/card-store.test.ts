import { join } from 'node:path';
import { type CardEvent, VirtualCard } from '@myna/card';
import { isMynaError } from '@myna/errors';
import { fixedClock, seededRandom } from '@myna/ports';
import { openDatabase, SqlCardStore, type StoreDatabase, StoreError } from '@myna/store';
import { afterEach, describe, expect, it } from 'vitest';
import { PINS } from '../../../core/card/test/fixtures/index.js';
import { tempDirs, testImage, testKeyHex } from './helpers/env.js';
import { usePostgres } from './helpers/postgres.js';

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/** Opens two handles on one fresh database of the dialect (two "server instances"). */
async function fresh(dialect: 'sqlite' | 'postgres'): Promise<[StoreDatabase, StoreDatabase]> {
  const key = testKeyHex();
  const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
  const a = await openDatabase(url, { masterKey: key });
  const b = await openDatabase(url, { masterKey: key });
  open.push(a, b);
  return [a, b];
}

const event = (cardId: string, type: CardEvent['type'], extra: Partial<CardEvent> = {}): CardEvent => ({
  type,
  cardId,
  terminal: 'test',
  at: '2026-11-22T00:00:00.000Z',
  ...extra,
});

async function expectStoreError(p: Promise<unknown>, reason: string): Promise<StoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).reason).toBe(reason);
  return e as StoreError;
}

describe.each(['sqlite', 'postgres'] as const)('SqlCardStore on %s', (dialect) => {
  it('creates a card and loads the same image with its PIN records', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    const image = await testImage('c1');
    await store.create(image);
    const loaded = await store.load('c1');
    expect(loaded).toEqual(image);
    expect(await store.listCardIds()).toEqual(['c1']);
    expect(await store.readPin('c1', 'auth')).toEqual({ value: PINS.auth, maxTries: 3, triesLeft: 3 });
    expect(await store.readPin('c1', 'sign')).toEqual({ value: PINS.sign, maxTries: 5, triesLeft: 5 });
    expect(await store.load('nope')).toBeUndefined();
  });

  it('refuses a second create of the same id, and a second card with the same serial', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    const image = await testImage('c1');
    await store.create(image);
    await expectStoreError(store.create(image), 'CARD_EXISTS');
    await expectStoreError(store.create({ ...image, id: 'c2' }), 'CONFLICT');
    // Another sandbox may reuse a serial.
    await new SqlCardStore(h, { sandboxId: 'other' }).create({ ...image, id: 'c3' });
  });

  it('reports unknown cards and key references', async () => {
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
  });

  it('updatePin runs fn on the stored record, commits next with its events, then returns the result', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    await store.create(await testImage('c1'));
    const seen: unknown[] = [];
    const r = await store.updatePin('c1', 'auth', (cur) => {
      seen.push(cur);
      const next = { ...cur, triesLeft: cur.triesLeft - 1 };
      return {
        next,
        events: [event('c1', 'pin.failed', { pin: 'auth', triesLeft: 2, maxTries: 3 })],
        result: 'answered',
      };
    });
    expect(r).toBe('answered');
    expect(seen).toEqual([{ value: PINS.auth, maxTries: 3, triesLeft: 3 }]);
    expect(await store.readPin('c1', 'auth')).toEqual({ value: PINS.auth, maxTries: 3, triesLeft: 2 });
    // A changed value is stored (encrypted) and read back.
    await store.updatePin('c1', 'auth', (cur) => ({
      next: { ...cur, value: '9999', triesLeft: 3 },
      events: [event('c1', 'pin.changed', { pin: 'auth' }), event('c1', 'pin.reset', { pin: 'auth' })],
      result: undefined,
    }));
    expect(await store.readPin('c1', 'auth')).toEqual({ value: '9999', maxTries: 3, triesLeft: 3 });
    // Events only, no state change.
    await store.updatePin('c1', 'sign', () => ({
      events: [event('c1', 'pin.refused', { pin: 'sign' })],
      result: 0,
    }));
    expect((await store.readPin('c1', 'sign')).triesLeft).toBe(5);

    const events = await store.events('c1');
    expect(events.map((e) => e.type)).toEqual(['pin.failed', 'pin.changed', 'pin.reset', 'pin.refused']);
    expect(events[0]).toMatchObject({
      cardId: 'c1',
      pin: 'auth',
      triesLeft: 2,
      maxTries: 3,
      terminal: 'test',
    });
    expect(events[1]).not.toHaveProperty('triesLeft');
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect((await store.events('c1', { after: seqs[1]! })).map((e) => e.type)).toEqual([
      'pin.reset',
      'pin.refused',
    ]);
    expect((await store.events('c1', { limit: 1 })).map((e) => e.type)).toEqual(['pin.failed']);
    // The loaded image carries the current records.
    expect((await store.load('c1'))!.pins.auth).toEqual({ value: '9999', maxTries: 3, triesLeft: 3 });
  });

  it('commits next and events together or not at all', async () => {
    const [h] = await fresh(dialect);
    const store = new SqlCardStore(h);
    await store.create(await testImage('c1'));
    // fn throws: nothing is written.
    await expect(
      store.updatePin('c1', 'auth', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
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
    ).rejects.toThrow();
    expect((await store.readPin('c1', 'auth')).triesLeft).toBe(3);
    expect(await store.events('c1')).toEqual([]);
    // An impossible record is refused.
    await expectStoreError(
      store.updatePin('c1', 'auth', (cur) => ({ next: { ...cur, triesLeft: 4 }, events: [], result: 0 })),
      'CORRUPT_DATA',
    );
  });

  it('updateImage replaces files and keys with its event, atomically', async () => {
    const [a, b] = await fresh(dialect);
    const store = new SqlCardStore(a);
    const image = await testImage('c1');
    await store.create(image);
    await store.updatePin('c1', 'auth', (cur) => ({ next: { ...cur, triesLeft: 1 }, events: [], result: 0 }));
    const content = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);
    await store.updateImage(
      'c1',
      { files: [{ ap: 'jpki', fid: 0x0a, content }], keys: [{ key: 'jpkiSign', pkcs8: null }] },
      [event('c1', 'admin.written', { target: 'jpki/EF 000a' })],
    );
    const other = await new SqlCardStore(b).load('c1');
    expect(other?.files.jpki[0x0a]).toEqual(content);
    expect(other?.keys.jpkiSign).toBeUndefined();
    expect(other?.keys.jpkiAuth).toEqual(image.keys.jpkiAuth);
    // The counters are untouched: they never live in the image.
    expect(other?.pins.auth.triesLeft).toBe(1);
    expect((await store.events('c1')).map((e) => [e.type, e.target])).toEqual([
      ['admin.written', 'jpki/EF 000a'],
    ]);
    await expectStoreError(store.updateImage('nope', { files: [] }, []), 'CARD_NOT_FOUND');
  });

  it('serialises concurrent updates from two handles (no lost decrement, no cache)', async () => {
    const [a, b] = await fresh(dialect);
    const sa = new SqlCardStore(a);
    const sb = new SqlCardStore(b);
    await sa.create(await testImage('c1'));
    await sa.updatePin('c1', 'kenhojoA', (cur) => ({
      next: { ...cur, maxTries: 60, triesLeft: 60 },
      events: [],
      result: 0,
    }));
    expect((await sb.readPin('c1', 'kenhojoA')).triesLeft).toBe(60);
    const dec = (s: SqlCardStore) =>
      s.updatePin('c1', 'kenhojoA', (cur) => ({
        next: { ...cur, triesLeft: cur.triesLeft - 1 },
        events: [event('c1', 'pin.failed', { pin: 'kenhojoA', triesLeft: cur.triesLeft - 1 })],
        result: cur.triesLeft - 1,
      }));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => dec(i % 2 ? sa : sb)));
    expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => 20 + i));
    expect((await sa.readPin('c1', 'kenhojoA')).triesLeft).toBe(20);
    expect((await sb.readPin('c1', 'kenhojoA')).triesLeft).toBe(20);
    const evs = await sb.events('c1');
    expect(evs).toHaveLength(40);
    expect(evs.map((e) => e.triesLeft)).toEqual(Array.from({ length: 40 }, (_, i) => 59 - i));
  });

  it('backs a VirtualCard: wrong VERIFY counts down durably, the right one restores', async () => {
    const [a, b] = await fresh(dialect);
    const store = new SqlCardStore(a);
    await store.create(await testImage('c1'));
    const committed: CardEvent[] = [];
    const card = await VirtualCard.open('c1', {
      store,
      random: seededRandom('t'),
      clock: fixedClock('2026-11-22T09:00:00+09:00'),
      terminal: 'reader-1',
      onEvent: (e) => committed.push(e),
    });
    const send = async (hex: string) =>
      Buffer.from(await card.transmit(Buffer.from(hex, 'hex')))
        .toString('hex')
        .toUpperCase();
    expect(await send('00A4040C0AD392F000260100000001')).toBe('9000');
    expect(await send('002000980430303030')).toBe('63C2');
    expect(await send('002000980430303030')).toBe('63C1');
    // Another instance sees the counter at once.
    expect((await new SqlCardStore(b).readPin('c1', 'auth')).triesLeft).toBe(1);
    expect(await send(`0020009804${Buffer.from(PINS.auth).toString('hex')}`)).toBe('9000');
    expect(await send('0020009800')).toBe('63C3');
    expect((await store.readPin('c1', 'auth')).triesLeft).toBe(3);
    const stored = await store.events('c1');
    expect(stored.map((e) => [e.type, e.triesLeft, e.terminal])).toEqual([
      ['pin.failed', 2, 'reader-1'],
      ['pin.failed', 1, 'reader-1'],
      ['pin.verified', 3, 'reader-1'],
    ]);
    expect(committed.map((e) => e.type)).toEqual(['pin.failed', 'pin.failed', 'pin.verified', 'pin.checked']);
  });
});
