import { join } from 'node:path';
import { type CardImage, type CardStateStore, MemoryCardStore } from '@myna/card';
import {
  type AuthorityStore,
  createSandbox,
  MemoryAuthorityStore,
  MemoryPhoneStore,
  type PhoneStore,
  SandboxClock,
} from '@myna/services';
import {
  openDatabase,
  SqlAuthorityStore,
  SqlCardStore,
  SqlPhoneStore,
  type StoreDatabase,
} from '@myna/store';
import { afterEach, describe, expect, it } from 'vitest';
import { ADULT, PINS } from '../../../app/services/test/helpers.js';
import { tempDirs, testKeyHex } from './helpers/env.js';
import { FailNthWrite, WRITES } from './helpers/fault.js';
import { usePostgres } from './helpers/postgres.js';

/**
 * `MynaPortalPhone.issue` writes the new phone element, its registry row, its two certificates and
 * the retirement of the phone it replaces (the old phone `revoked`, its certificates revoked
 * `superseded`) in one transaction (PhoneStore.recordIssuance): a failure at any of those writes
 * leaves none of them behind — the old phone stays the holder's phone. The fault injector is a
 * Kysely plugin that fails the Nth write of the issuance — a real failure inside the real database.
 * The card's own PIN commits (raw SQL) and sequences are not counted.
 */

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/** An issuance's writes: a new chip (inserts/deletes on cards, card_pins), phones and certificates. */
function issuanceWrite(kind: string, table: string): boolean {
  if (table === 'phones' || table === 'certificates') return WRITES.has(kind);
  return (table === 'cards' || table === 'card_pins') && kind !== 'UpdateQueryNode' && WRITES.has(kind);
}
const failNthWrite = (n: number) => new FailNthWrite(n, issuanceWrite);

function sandbox(store: AuthorityStore, cards: CardStateStore, phones: PhoneStore) {
  const clock = new SandboxClock();
  clock.freeze('2026-11-22T10:00:00+09:00');
  return createSandbox({ id: 'sb1', store, cards, phones, clock });
}

const PHONE_PINS = { auth: '9876', sign: 'PHONE123' } as const;

/** A sandbox on these stores with a card and its first phone (Android). */
async function firstPhone(store: AuthorityStore, chips: CardStateStore, phones: PhoneStore) {
  const sb = sandbox(store, chips, phones);
  const { card } = await sb.municipality.registerAndIssue(ADULT, { pins: PINS });
  const first = await sb.mynaPortal.issue({
    cardId: card.id,
    platform: 'android',
    cardSignPin: PINS.sign,
    phonePins: PHONE_PINS,
  });
  return { sb, card, first };
}

describe.each(['sqlite', 'postgres'] as const)('phone issuance in one transaction on %s', (dialect) => {
  async function database(): Promise<StoreDatabase> {
    const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
    const h = await openDatabase(url, { masterKey: testKeyHex() });
    open.push(h);
    return h;
  }

  it('leaves nothing behind and keeps the old phone whichever of its nine writes fails', async () => {
    const h = await database();
    const stores = (d: StoreDatabase) =>
      [new SqlAuthorityStore(d), new SqlCardStore(d, { sandboxId: 'sb1' }), new SqlPhoneStore(d)] as const;
    const [store, chips, phones] = stores(h);
    const { sb, card, first } = await firstPhone(store, chips, phones);
    const snapshot = async () => ({
      phones: (await phones.listPhones('sb1')).map((p) => [p.id, p.status, p.updatedAt]),
      certificates: (await store.listCertificates('sb1', {})).map((c) => [c.serialHex, c.status, c.reason]),
      chips: (await chips.listCardIds()).sort(),
      pinRows: (await h.db.selectFrom('card_pins').select('card_id').execute()).length,
    });
    const before = await snapshot();
    expect(before.phones).toEqual([[first.phone.id, 'active', first.phone.updatedAt]]);
    // Writes 1…9: the chip row, its PIN rows (delete, insert), the phone row, the old phone's two
    // certificates and its status, the new certificates.
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const w: StoreDatabase = { ...h, db: h.db.withPlugin(failNthWrite(n)) };
      const faulty = sandbox(...stores(w));
      await expect(
        faulty.mynaPortal.issue({
          cardId: card.id,
          platform: 'iphone',
          cardSignPin: PINS.sign,
          phonePins: PHONE_PINS,
        }),
      ).rejects.toThrow(`injected failure at write ${n}`);
      expect([n, await snapshot()]).toEqual([n, before]);
      expect((await sb.mynaPortal.status(first.phone.id)).usable).toBe(true);
    }
    const counter = failNthWrite(Number.POSITIVE_INFINITY);
    const w: StoreDatabase = { ...h, db: h.db.withPlugin(counter) };
    const second = await sandbox(...stores(w)).mynaPortal.issue({
      cardId: card.id,
      platform: 'iphone',
      cardSignPin: PINS.sign,
      phonePins: PHONE_PINS,
    });
    expect(counter.writes).toBe(9);
    const old = await sb.mynaPortal.status(first.phone.id);
    expect([old.phone.status, old.certificates.map((c) => [c.status, c.reason])]).toEqual([
      'revoked',
      [
        ['revoked', 'superseded'],
        ['revoked', 'superseded'],
      ],
    ]);
    expect((await sb.mynaPortal.status(second.phone.id)).usable).toBe(true);
    expect((await chips.listCardIds()).sort()).toEqual([card.id, first.phone.id, second.phone.id].sort());
  });
});

describe('phone issuance in one step on the memory stores', () => {
  /** A chip store whose `create` fails after the first call: the chip is the first write on memory. */
  class FailingChips extends MemoryCardStore {
    fail = false;
    override async create(image: CardImage): Promise<void> {
      if (this.fail) throw new Error('injected failure at the chip');
      await super.create(image);
    }
  }

  it('records nothing and keeps the old phone when the element cannot be written', async () => {
    const store = new MemoryAuthorityStore();
    const chips = new FailingChips();
    const phones = new MemoryPhoneStore();
    const { sb, card, first } = await firstPhone(store, chips, phones);
    const certificates = await store.listCertificates('sb1', {});
    chips.fail = true;
    await expect(
      sb.mynaPortal.issue({
        cardId: card.id,
        platform: 'iphone',
        cardSignPin: PINS.sign,
        phonePins: PHONE_PINS,
      }),
    ).rejects.toThrow('injected failure at the chip');
    expect((await phones.listPhones('sb1')).map((p) => [p.id, p.status])).toEqual([
      [first.phone.id, 'active'],
    ]);
    expect(await store.listCertificates('sb1', {})).toEqual(certificates);
    expect(await chips.load(card.id)).toBeDefined();
    expect(await chips.load(first.phone.id)).toBeDefined();
    const newIds = (await phones.listPhones('sb1')).map((p) => p.id);
    expect(newIds).toEqual([first.phone.id]);
  });

  it('writes no element when a record would conflict or a replaced phone is missing', async () => {
    const store = new MemoryAuthorityStore();
    const chips = new MemoryCardStore();
    const phones = new MemoryPhoneStore();
    const { first: v } = await firstPhone(store, chips, phones);
    const image = (await chips.load(v.phone.id))!;
    const record = (await phones.getPhone('sb1', v.phone.id))!;
    const certs = await store.listCertificates('sb1', { cardId: v.phone.id });
    const other = { ...record, id: 'phone-other', serial: '899999999999999' };
    const base = { chip: { ...image, id: 'phone-other' }, phone: other, retire: [], at: record.createdAt };
    // The same certificate serials again.
    await expect(phones.recordIssuance({ ...base, certificates: certs }, chips, store)).rejects.toThrow();
    // A phone to replace that is not recorded.
    const missing = { phoneId: 'phone-nope', certificates: [] };
    await expect(
      phones.recordIssuance({ ...base, certificates: [], retire: [missing] }, chips, store),
    ).rejects.toThrow();
    expect(await chips.load('phone-other')).toBeUndefined();
    expect((await phones.listPhones('sb1')).map((p) => p.id)).toEqual([v.phone.id]);
    expect(await store.listCertificates('sb1', {})).toHaveLength(4);
  });
});
