import type { CardStateStore } from '@myna/card';
import type { SqlServerStore } from '@myna/store';
import { expect, it } from 'vitest';
import { testImage } from '../helpers/env.js';
import { event } from './card-store.contract.js';

/**
 * A fresh server store, a second one over the same data (another server instance), and a card
 * store of sandbox `sb` writing into the same event log.
 */
export type OpenServerStores = () => Promise<{
  readonly server: SqlServerStore;
  readonly other: SqlServerStore;
  readonly cards: (sandboxId: string) => CardStateStore;
}>;

/**
 * The server store's contract: the sandbox registry, the persisted sandbox clock, card leases
 * and the sandbox-wide event feed. `SqlServerStore` is its only adapter (the server always runs
 * on a database; `sqlite::memory:` for throw-away runs); the same cases run on SQLite and
 * PostgreSQL. Call it inside a `describe` per adapter.
 */
export function serverStoreContract(open: OpenServerStores): void {
  it('registers sandboxes once, finds them by id and by API key, lists them oldest first', async () => {
    const { server, other } = await open();
    await server.createSandbox({
      id: 'sb2',
      name: 'second',
      apiKey: 'key-2',
      at: '2026-11-23T00:00:00.000Z',
    });
    await server.createSandbox({ id: 'sb1', name: 'first', apiKey: 'key-1', at: '2026-11-22T00:00:00.000Z' });
    // A second create of the same id keeps the first (two instances starting together).
    await other.createSandbox({ id: 'sb1', name: 'again', apiKey: 'key-x', at: '2026-11-24T00:00:00.000Z' });
    expect(await other.sandbox('sb1')).toEqual({
      id: 'sb1',
      name: 'first',
      createdAt: '2026-11-22T00:00:00.000Z',
    });
    expect(await server.sandbox('nope')).toBeUndefined();
    expect((await server.sandboxByApiKey('key-2'))?.id).toBe('sb2');
    expect(await server.sandboxByApiKey('key-x')).toBeUndefined();
    expect(await server.sandboxByApiKey('')).toBeUndefined();
    expect((await other.listSandboxes()).map((s) => s.id)).toEqual(['sb1', 'sb2']);
    expect(await other.apiKeyOf('sb1')).toBe('key-1');
    expect(await server.apiKeyOf('nope')).toBeUndefined();
  });

  it('persists each sandbox clock', async () => {
    const { server, other } = await open();
    await server.createSandbox({ id: 'sb1', name: 'first', apiKey: 'key-1', at: '2026-11-22T00:00:00.000Z' });
    await server.createSandbox({
      id: 'sb2',
      name: 'second',
      apiKey: 'key-2',
      at: '2026-11-22T00:00:00.000Z',
    });
    expect(await server.clock('sb1')).toEqual({ offsetMs: 0, frozenAtMs: null });
    expect(await server.clock('nope')).toEqual({ offsetMs: 0, frozenAtMs: null });
    const frozen = Date.parse('2026-11-24T01:00:00.000Z');
    await server.setClock('sb1', { offsetMs: 86_400_000.4, frozenAtMs: frozen });
    expect(await other.clock('sb1')).toEqual({ offsetMs: 86_400_000, frozenAtMs: frozen });
    expect(await other.clock('sb2')).toEqual({ offsetMs: 0, frozenAtMs: null });
    await other.setClock('sb1', { offsetMs: -5_000, frozenAtMs: null });
    expect(await server.clock('sb1')).toEqual({ offsetMs: -5_000, frozenAtMs: null });
  });

  it('leases a card to one holder at a time until it expires or is released', async () => {
    const { server, other } = await open();
    const lease = (holder: string, nowMs: number, terminal = `t-${holder}`) => ({
      cardId: 'c1',
      sandboxId: 'sb1',
      terminal,
      holder,
      nowMs,
      ttlMs: 1_000,
    });
    expect(await server.acquireLease(lease('a', 10_000))).toEqual({ ok: true });
    expect(await other.acquireLease(lease('b', 10_500))).toEqual({ ok: false, terminal: 't-a' });
    // The holder renews; the lease now runs to 11_900.
    expect(await other.acquireLease(lease('a', 10_900))).toEqual({ ok: true });
    expect(await server.acquireLease(lease('b', 11_500))).toEqual({ ok: false, terminal: 't-a' });
    // Another card is free.
    expect(await server.acquireLease({ ...lease('b', 11_500), cardId: 'c2' })).toEqual({ ok: true });
    // Expired: another holder takes it.
    expect(await server.acquireLease(lease('b', 11_901))).toEqual({ ok: true });
    expect(await other.acquireLease(lease('a', 11_902))).toEqual({ ok: false, terminal: 't-b' });
    // Only the holder releases it.
    await server.releaseLease('c1', 'a');
    expect(await other.acquireLease(lease('a', 11_903))).toEqual({ ok: false, terminal: 't-b' });
    await other.releaseLease('c1', 'b');
    expect(await server.acquireLease(lease('a', 11_904))).toEqual({ ok: true });
  });

  it('feeds a sandbox’s committed events in order, by card, after a position, with a limit', async () => {
    const { server, cards } = await open();
    const one = cards('sb1');
    const two = cards('sb2');
    await one.create(await testImage('c1'));
    await one.create(await testImage('c2'));
    await two.create(await testImage('c3'));
    const fail = (store: CardStateStore, cardId: string, at: string) =>
      store.updatePin(cardId, 'auth', () => ({
        events: [event(cardId, 'pin.failed', { pin: 'auth', at })],
        result: 0,
      }));
    await fail(one, 'c1', '2026-11-22T00:00:03.000Z');
    await fail(two, 'c3', '2026-11-22T00:00:01.000Z');
    await fail(one, 'c2', '2026-11-22T00:00:02.000Z');
    await fail(one, 'c1', '2026-11-22T00:00:01.000Z');
    const all = await server.events('sb1');
    // Commit order, not event time.
    expect(all.map((e) => [e.cardId, e.at])).toEqual([
      ['c1', '2026-11-22T00:00:03.000Z'],
      ['c2', '2026-11-22T00:00:02.000Z'],
      ['c1', '2026-11-22T00:00:01.000Z'],
    ]);
    expect(all.every((e) => e.sandboxId === 'sb1' && e.type === 'pin.failed' && e.pin === 'auth')).toBe(true);
    expect((await server.events('sb1', { cardId: 'c1' })).map((e) => e.at)).toEqual([
      '2026-11-22T00:00:03.000Z',
      '2026-11-22T00:00:01.000Z',
    ]);
    expect((await server.events('sb1', { after: all[0]!.seq })).map((e) => e.seq)).toEqual([
      all[1]!.seq,
      all[2]!.seq,
    ]);
    expect((await server.events('sb1', { limit: 2 })).map((e) => e.seq)).toEqual([all[0]!.seq, all[1]!.seq]);
    expect((await server.events('sb2')).map((e) => e.cardId)).toEqual(['c3']);
    expect(await server.events('sb3')).toEqual([]);
  });
}
