import type { PhoneRecord, PhoneStore } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { expect, it } from 'vitest';

/** The `PhoneStore` contract (docs/phone.md), run on every adapter. */
export type OpenPhoneStore = () => Promise<PhoneStore>;

const T0 = '2026-11-24T01:00:00.000Z';
export const phone = (over: Partial<PhoneRecord> = {}): PhoneRecord => ({
  id: 'phone-a',
  sandboxId: 'sb1',
  cardId: 'c1',
  residentId: 'r1',
  platform: 'android',
  serial: '800000000000001',
  status: 'active',
  adminKey: new Uint8Array(32).fill(7),
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export function phoneStoreContract(open: OpenPhoneStore): void {
  it('keeps a phone with its issuer key and finds it by card, oldest first, per sandbox', async () => {
    const s = await open();
    await s.insertPhone(phone());
    await s.insertPhone(
      phone({ id: 'phone-b', serial: '800000000000002', createdAt: '2026-11-25T01:00:00.000Z' }),
    );
    await s.insertPhone(phone({ id: 'phone-c', cardId: 'c2', serial: '800000000000003' }));
    await s.insertPhone(phone({ id: 'phone-d', sandboxId: 'sb2', serial: '800000000000004' }));
    expect(await s.getPhone('sb1', 'phone-a')).toEqual(phone());
    expect(await s.getPhone('sb2', 'phone-a')).toBeUndefined();
    expect((await s.listPhones('sb1', { cardId: 'c1' })).map((p) => p.id)).toEqual(['phone-a', 'phone-b']);
    expect((await s.listPhones('sb1')).map((p) => p.id).sort()).toEqual(['phone-a', 'phone-b', 'phone-c']);
  });

  it('changes a status; a missing phone is PHONE_NOT_FOUND; a second id is INTERNAL CONFLICT', async () => {
    const s = await open();
    await s.insertPhone(phone());
    await s.setPhoneStatus('sb1', 'phone-a', 'revoked', '2026-11-26T01:00:00.000Z');
    expect(await s.getPhone('sb1', 'phone-a')).toMatchObject({
      status: 'revoked',
      updatedAt: '2026-11-26T01:00:00.000Z',
    });
    await expectCatalogError(() => s.setPhoneStatus('sb1', 'nope', 'revoked', T0), 'PHONE_NOT_FOUND');
    await expectCatalogError(() => s.insertPhone(phone()), 'INTERNAL', { reason: 'CONFLICT' });
  });
}
