import { type CardEvent, type CardImage, type CardStateStore, type PinId, VirtualCard } from '@myna/card';
import { fixedClock, seededRandom } from '@myna/ports';
import { expectCatalogError } from '@myna/test-support';
import { expect, it } from 'vitest';
import { PINS } from '../../../../core/card/test/fixtures/index.js';
import { testImage } from '../helpers/env.js';

/**
 * A fresh store, a second store over the same data (another handle on the database, "another
 * server instance"; the memory store twice), and the committed events of a card, oldest first
 * (read through the adapter's own log: not part of the port).
 */
export type OpenCardStores = () => Promise<{
  readonly store: CardStateStore;
  readonly other: CardStateStore;
  readonly events: (cardId: string) => Promise<readonly CardEvent[]>;
}>;

export const event = (
  cardId: string,
  type: CardEvent['type'],
  extra: Partial<CardEvent> = {},
): CardEvent => ({
  type,
  cardId,
  terminal: 'test',
  at: '2026-11-22T00:00:00.000Z',
  ...extra,
});

/** The card's image without one key reference (as if it never had it). */
function without(image: CardImage, pin: PinId): CardImage {
  const { [pin]: _gone, ...pins } = image.pins;
  return { ...image, pins: pins as CardImage['pins'] };
}

/**
 * The `CardStateStore` contract (packages/core/card/src/ports.ts), the same cases on every
 * adapter: `MemoryCardStore` (@myna/card) and `SqlCardStore` on SQLite and PostgreSQL. Call it
 * inside a `describe` per adapter.
 */
export function cardStoreContract(open: OpenCardStores): void {
  it('creates a card and loads the same image with its PIN records', async () => {
    const { store, other } = await open();
    const image = await testImage('c1');
    await store.create(image);
    expect(await store.load('c1')).toEqual(image);
    expect(await other.load('c1')).toEqual(image);
    expect(await store.readPin('c1', 'auth')).toEqual({ value: PINS.auth, maxTries: 3, triesLeft: 3 });
    expect(await store.readPin('c1', 'sign')).toEqual({ value: PINS.sign, maxTries: 5, triesLeft: 5 });
    expect(await store.load('nope')).toBeUndefined();
  });

  it('refuses a second create of the same id, and a second card with the same serial', async () => {
    const { store } = await open();
    const image = await testImage('c1');
    await store.create(image);
    await expectCatalogError(store.create(image), 'INTERNAL', { reason: 'CARD_EXISTS', cardId: 'c1' });
    await expectCatalogError(store.create({ ...image, id: 'c2' }), 'INTERNAL', { reason: 'CONFLICT' });
    expect(await store.load('c2')).toBeUndefined();
  });

  it('reports unknown cards and key references', async () => {
    const { store } = await open();
    const missing = await expectCatalogError(store.readPin('nope', 'auth'), 'CARD_NOT_FOUND');
    expect(missing.details).toEqual({ reason: 'CARD_NOT_FOUND', cardId: 'nope' });
    await expectCatalogError(
      store.updatePin('nope', 'auth', (cur) => ({ events: [], result: cur })),
      'CARD_NOT_FOUND',
      { cardId: 'nope' },
    );
    await expectCatalogError(store.updateImage('nope', { files: [] }, []), 'CARD_NOT_FOUND', {
      cardId: 'nope',
    });
    await store.create(without(await testImage('c1'), 'juki'));
    await expectCatalogError(store.readPin('c1', 'juki'), 'INTERNAL', {
      reason: 'PIN_NOT_FOUND',
      cardId: 'c1',
      pin: 'juki',
    });
    let ran = false;
    await expectCatalogError(
      store.updatePin('c1', 'juki', (cur) => {
        ran = true;
        return { events: [], result: cur };
      }),
      'INTERNAL',
      { reason: 'PIN_NOT_FOUND' },
    );
    expect(ran).toBe(false);
  });

  it('updatePin runs fn on the stored record, commits next with its events, then returns the result', async () => {
    const { store, events } = await open();
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
    // A changed value is stored and read back.
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

    const evs = await events('c1');
    expect(evs.map((e) => e.type)).toEqual(['pin.failed', 'pin.changed', 'pin.reset', 'pin.refused']);
    expect(evs[0]).toMatchObject({
      cardId: 'c1',
      pin: 'auth',
      triesLeft: 2,
      maxTries: 3,
      terminal: 'test',
      at: '2026-11-22T00:00:00.000Z',
    });
    expect(evs[1]).not.toHaveProperty('triesLeft');
    // The loaded image carries the current records.
    expect((await store.load('c1'))!.pins.auth).toEqual({ value: '9999', maxTries: 3, triesLeft: 3 });
  });

  it('commits next and events together or not at all', async () => {
    const { store, events } = await open();
    await store.create(await testImage('c1'));
    // fn throws: nothing is written.
    await expect(
      store.updatePin('c1', 'auth', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.readPin('c1', 'auth')).triesLeft).toBe(3);
    // An impossible record is refused, its events with it.
    for (const next of [
      { value: PINS.auth, maxTries: 3, triesLeft: 4 },
      { value: PINS.auth, maxTries: 3, triesLeft: -1 },
      { value: PINS.auth, maxTries: 3, triesLeft: 1.5 },
    ]) {
      await expectCatalogError(
        store.updatePin('c1', 'auth', () => ({ next, events: [event('c1', 'pin.failed')], result: 0 })),
        'INTERNAL',
        { reason: 'CORRUPT_DATA' },
      );
    }
    expect((await store.readPin('c1', 'auth')).triesLeft).toBe(3);
    expect(await events('c1')).toEqual([]);
    // …and so is a card created with one.
    const bad = await testImage('c2');
    await expectCatalogError(
      store.create({ ...bad, pins: { ...bad.pins, auth: { value: '1234', maxTries: 3, triesLeft: 9 } } }),
      'INTERNAL',
      { reason: 'CORRUPT_DATA' },
    );
    expect(await store.load('c2')).toBeUndefined();
  });

  it('updateImage replaces files and keys with its event, atomically', async () => {
    const { store, other, events } = await open();
    const image = await testImage('c1');
    await store.create(image);
    await store.updatePin('c1', 'auth', (cur) => ({ next: { ...cur, triesLeft: 1 }, events: [], result: 0 }));
    const content = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);
    await store.updateImage(
      'c1',
      { files: [{ ap: 'jpki', fid: 0x0a, content }], keys: [{ key: 'jpkiSign', pkcs8: null }] },
      [event('c1', 'admin.written', { target: 'jpki/EF 000a' })],
    );
    const loaded = await other.load('c1');
    expect(loaded?.files.jpki[0x0a]).toEqual(content);
    expect(loaded?.keys.jpkiSign).toBeUndefined();
    expect(loaded?.keys.jpkiAuth).toEqual(image.keys.jpkiAuth);
    // The counters are untouched: they never live in the image.
    expect(loaded?.pins.auth.triesLeft).toBe(1);
    expect((await events('c1')).map((e) => [e.type, e.target])).toEqual([['admin.written', 'jpki/EF 000a']]);
  });

  it('serialises concurrent updates from two stores (no lost decrement, no cache)', async () => {
    const { store: sa, other: sb, events } = await open();
    await sa.create(await testImage('c1'));
    await sa.updatePin('c1', 'kenhojoA', (cur) => ({
      next: { ...cur, maxTries: 60, triesLeft: 60 },
      events: [],
      result: 0,
    }));
    expect((await sb.readPin('c1', 'kenhojoA')).triesLeft).toBe(60);
    const dec = (s: CardStateStore) =>
      s.updatePin('c1', 'kenhojoA', (cur) => ({
        next: { ...cur, triesLeft: cur.triesLeft - 1 },
        events: [event('c1', 'pin.failed', { pin: 'kenhojoA', triesLeft: cur.triesLeft - 1 })],
        result: cur.triesLeft - 1,
      }));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => dec(i % 2 ? sa : sb)));
    expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => 20 + i));
    expect((await sa.readPin('c1', 'kenhojoA')).triesLeft).toBe(20);
    expect((await sb.readPin('c1', 'kenhojoA')).triesLeft).toBe(20);
    const evs = await events('c1');
    expect(evs).toHaveLength(40);
    expect(evs.map((e) => e.triesLeft)).toEqual(Array.from({ length: 40 }, (_, i) => 59 - i));
  });

  it('backs a VirtualCard: wrong VERIFY counts down durably, the right one restores', async () => {
    const { store, other, events } = await open();
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
    expect((await other.readPin('c1', 'auth')).triesLeft).toBe(1);
    expect(await send(`0020009804${Buffer.from(PINS.auth).toString('hex')}`)).toBe('9000');
    expect(await send('0020009800')).toBe('63C3');
    expect((await store.readPin('c1', 'auth')).triesLeft).toBe(3);
    expect((await events('c1')).map((e) => [e.type, e.triesLeft, e.terminal])).toEqual([
      ['pin.failed', 2, 'reader-1'],
      ['pin.failed', 1, 'reader-1'],
      ['pin.verified', 3, 'reader-1'],
    ]);
    expect(committed.map((e) => e.type)).toEqual(['pin.failed', 'pin.failed', 'pin.verified', 'pin.checked']);
  });
}
