import { MemoryPhoneStore } from '@myna/services';
import { SqlPhoneStore } from '@myna/store';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { phone, phoneStoreContract } from './contracts/phone-store.contract.js';
import { useFreshDatabases } from './helpers/databases.js';

const databases = useFreshDatabases();

describe('MemoryPhoneStore keeps the PhoneStore contract', () => {
  phoneStoreContract(async () => new MemoryPhoneStore());
});

describe.each(['sqlite', 'postgres'] as const)('SqlPhoneStore on %s', (dialect) => {
  describe('keeps the PhoneStore contract', () => {
    phoneStoreContract(async () => new SqlPhoneStore(await databases.one(dialect)));
  });

  it('the issuer key is encrypted at rest', async () => {
    const h = await databases.one(dialect);
    await new SqlPhoneStore(h).insertPhone(phone({ adminKey: new Uint8Array(32).fill(0xab) }));
    const raw = JSON.stringify((await sql`select * from phones`.execute(h.db)).rows);
    expect(raw).toMatch(/m1\.[0-9a-f]{8}\./);
    expect(raw).not.toContain('abababab');
  });
});
