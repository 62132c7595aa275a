import { join } from 'node:path';
import { type CardImage, type CardStateStore, MemoryCardStore } from '@myna/card';
import { type AuthorityStore, createSandbox, MemoryAuthorityStore, SandboxClock } from '@myna/services';
import { openDatabase, SqlAuthorityStore, SqlCardStore, type StoreDatabase } from '@myna/store';
import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ADULT, PINS } from '../../../app/services/test/helpers.js';
import { tempDirs, testKeyHex } from './helpers/env.js';
import { FailNthWrite, WRITES } from './helpers/fault.js';
import { usePostgres } from './helpers/postgres.js';

/**
 * `Municipality.issueCard` writes the chip, the card record and its certificates in one
 * transaction (AuthorityStore.recordIssuance): a failure after the first of those writes leaves
 * none of them behind. The fault injector is a Kysely plugin that fails the Nth write to the
 * issuance's tables — a real failure inside the real database, not a mock.
 */

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const ISSUANCE_TABLES = new Set(['cards', 'card_pins', 'certificates']);

/** Fails the `n`th write to cards/card_pins/certificates (counted from 1). */
const failNthWrite = (n: number) =>
  new FailNthWrite(n, (kind, table) => WRITES.has(kind) && ISSUANCE_TABLES.has(table));

function faulty(h: StoreDatabase, plugin: KyselyPlugin): StoreDatabase {
  return { ...h, db: h.db.withPlugin(plugin) };
}

function sandbox(store: AuthorityStore, cards: CardStateStore) {
  const clock = new SandboxClock();
  clock.freeze('2026-11-22T10:00:00+09:00');
  return createSandbox({ id: 'sb1', store, cards, clock });
}

describe.each(['sqlite', 'postgres'] as const)('issuance in one transaction on %s', (dialect) => {
  async function database(): Promise<StoreDatabase> {
    const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
    const h = await openDatabase(url, { masterKey: testKeyHex() });
    open.push(h);
    return h;
  }

  it('leaves nothing behind whichever of its six writes fails, then issues once the database works', async () => {
    const h = await database();
    const store = new SqlAuthorityStore(h);
    const chips = new SqlCardStore(h, { sandboxId: 'sb1' });
    const resident = await sandbox(store, chips).municipality.registerResident(ADULT);
    // Writes 2…6: after the chip row, after its PIN rows, after the card record, between the certificates.
    for (const n of [2, 3, 4, 5, 6]) {
      const w = faulty(h, failNthWrite(n));
      const sb = sandbox(new SqlAuthorityStore(w), new SqlCardStore(w, { sandboxId: 'sb1' }));
      await expect(sb.municipality.issueCard({ residentId: resident.id, pins: PINS })).rejects.toThrow(
        `injected failure at write ${n}`,
      );
      expect(await store.listCards('sb1')).toEqual([]);
      expect(await store.listCertificates('sb1', {})).toEqual([]);
      expect(await chips.listCardIds()).toEqual([]);
      const rows = await h.db.selectFrom('cards').select('id').execute();
      const pins = await h.db.selectFrom('card_pins').select('card_id').execute();
      expect([n, rows, pins]).toEqual([n, [], []]);
    }
    const counter = failNthWrite(Number.POSITIVE_INFINITY);
    const w = faulty(h, counter);
    const sb = sandbox(new SqlAuthorityStore(w), new SqlCardStore(w, { sandboxId: 'sb1' }));
    const { card } = await sb.municipality.issueCard({ residentId: resident.id, pins: PINS });
    expect(counter.writes).toBe(6);
    expect(await chips.listCardIds()).toEqual([card.id]);
    expect((await store.listCards('sb1')).map((c) => c.id)).toEqual([card.id]);
    expect(await store.listCertificates('sb1', { cardId: card.id })).toHaveLength(2);
  });
});

describe('issuance in one step on the memory stores', () => {
  /** A chip store whose `create` fails: the chip is the first write on memory. */
  class FailingChips extends MemoryCardStore {
    override async create(_image: CardImage): Promise<void> {
      throw new Error('injected failure at the chip');
    }
  }

  it('records nothing when the chip cannot be written', async () => {
    const store = new MemoryAuthorityStore();
    const sb = sandbox(store, new FailingChips());
    const resident = await sb.municipality.registerResident(ADULT);
    await expect(sb.municipality.issueCard({ residentId: resident.id, pins: PINS })).rejects.toThrow(
      'injected failure at the chip',
    );
    expect(await store.listCards('sb1')).toEqual([]);
    expect(await store.listCertificates('sb1', {})).toEqual([]);
  });

  it('writes no chip when a record would conflict', async () => {
    const store = new MemoryAuthorityStore();
    const chips = new MemoryCardStore();
    const sb = sandbox(store, chips);
    const { card, certificates } = await sb.municipality.registerAndIssue(ADULT, { pins: PINS });
    const image = (await chips.load(card.id))!;
    const again = { chip: { ...image, id: 'card_other' }, card: { ...card, id: 'card_other' }, certificates };
    await expect(store.recordIssuance(again, chips)).rejects.toThrow(/certificate serial/);
    expect(await chips.load('card_other')).toBeUndefined();
    expect((await store.listCards('sb1')).map((c) => c.id)).toEqual([card.id]);
  });
});
