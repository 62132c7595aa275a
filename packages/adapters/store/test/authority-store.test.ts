import { MemoryAuthorityStore } from '@myna/services';
import { SqlAuthorityStore, SqlCardStore, StoreError } from '@myna/store';
import { describe, expect, it } from 'vitest';
import { authorityStoreContract, cardRecord, resident } from './contracts/authority-store.contract.js';
import { useFreshDatabases } from './helpers/databases.js';
import { testImage } from './helpers/env.js';

const databases = useFreshDatabases();
/** Two handles on one fresh database of the dialect (two "server instances"). */
const fresh = databases.two;

async function storeError(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

describe('MemoryAuthorityStore keeps the AuthorityStore contract', () => {
  authorityStoreContract(async () => {
    const s = new MemoryAuthorityStore();
    return [s, s];
  });
});

describe.each(['sqlite', 'postgres'] as const)('SqlAuthorityStore on %s', (dialect) => {
  describe('keeps the AuthorityStore contract', () => {
    authorityStoreContract(async () => {
      const [a, b] = await fresh(dialect);
      return [new SqlAuthorityStore(a), new SqlAuthorityStore(b)];
    });
  });

  it('throws StoreErrors whose reason is the details.reason', async () => {
    const [a] = await fresh(dialect);
    const s = new SqlAuthorityStore(a);
    await s.insertResident(resident());
    expect((await storeError(s.insertResident(resident({ id: 'r3' })))).reason).toBe('CONFLICT');
    expect((await storeError(s.updateResident(resident({ id: 'zz' })))).reason).toBe('NOT_FOUND');
    expect((await storeError(s.setCardStatus('sb1', 'zz', 'abolished', 'now'))).reason).toBe('NOT_FOUND');
  });

  it('records card records beside the chip, stored before or after', async () => {
    const [a] = await fresh(dialect);
    const s = new SqlAuthorityStore(a);
    // Authority first, chip second.
    const img1 = await testImage('c1');
    await s.insertCard(cardRecord({ serial: img1.serial }));
    expect(await s.getCard('sb1', 'c1')).toEqual(cardRecord({ serial: img1.serial }));
    const chips = new SqlCardStore(a, { sandboxId: 'ignored' });
    await chips.create(img1);
    expect((await chips.load('c1'))?.serial).toBe(img1.serial);
    expect(await new SqlCardStore(a, { sandboxId: 'sb1' }).listCardIds()).toEqual(['c1']);

    // Chip first (default sandbox), authority second: the card moves into the authority's sandbox.
    const img2 = await testImage('c2');
    await chips.create(img2);
    await chips.updatePin('c2', 'auth', (cur) => ({
      next: { ...cur, triesLeft: 2 },
      events: [{ type: 'pin.failed', cardId: 'c2', pin: 'auth', triesLeft: 2, terminal: 't', at: 'now' }],
      result: 0,
    }));
    const rec2 = cardRecord({ id: 'c2', serial: img2.serial, createdAt: '2026-11-23T00:00:00.000Z' });
    await s.insertCard(rec2);
    expect(await s.getCard('sb1', 'c2')).toEqual(rec2);
    expect((await chips.events('c2'))[0]?.sandboxId).toBe('sb1');
    expect((await chips.readPin('c2', 'auth')).triesLeft).toBe(2);
    expect((await s.listCards('sb1')).map((c) => c.id)).toEqual(['c1', 'c2']);

    expect((await storeError(s.insertCard(rec2))).reason).toBe('CONFLICT');
    expect((await storeError(s.insertCard(cardRecord({ id: 'c3', serial: img2.serial })))).reason).toBe(
      'CONFLICT',
    );
    // A chip stored under another serial cannot be recorded.
    const img4 = await testImage('c4');
    await chips.create(img4);
    expect((await storeError(s.insertCard(cardRecord({ id: 'c4', serial: '400000099999999' })))).reason).toBe(
      'CONFLICT',
    );
  });
});
