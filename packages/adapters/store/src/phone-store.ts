import type { PhonePlatform, PhoneRecord, PhoneStatus, PhoneStore } from '@myna/services';
import type { Selectable } from 'kysely';
import { StoreError } from './errors.js';
import type { StoreDatabase } from './open.js';
import { isUniqueViolation, withRetry } from './retry.js';
import type { PhonesTable } from './schema.js';

const ctx = { adminKey: (phoneId: string) => `phones:admin_key:${phoneId}` };

/**
 * `PhoneStore` (@myna/services, docs/phone.md) on SQLite or PostgreSQL: the `phones` table of
 * migration 0006. The element's issuer key is encrypted at rest with the master key. A second
 * phone with the same id is a StoreError `CONFLICT` (catalog INTERNAL); a status change of a
 * missing phone is `PHONE_NOT_FOUND` — as `MemoryPhoneStore` (contract:
 * test/contracts/phone-store.contract.ts).
 */
export class SqlPhoneStore implements PhoneStore {
  readonly #h: StoreDatabase;

  constructor(handle: StoreDatabase) {
    this.#h = handle;
  }

  async insertPhone(p: PhoneRecord): Promise<void> {
    await withRetry('insertPhone', () =>
      this.#h.db
        .insertInto('phones')
        .values({
          id: p.id,
          sandbox_id: p.sandboxId,
          card_id: p.cardId,
          resident_id: p.residentId,
          platform: p.platform,
          serial: p.serial,
          status: p.status,
          admin_key_enc: this.#h.box.encrypt(p.adminKey, ctx.adminKey(p.id)),
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute(),
    ).catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      throw new StoreError('CONFLICT', `phone ${p.id} is already recorded`, { cause: e });
    });
  }

  async getPhone(sandboxId: string, id: string): Promise<PhoneRecord | undefined> {
    const row = await this.#h.db
      .selectFrom('phones')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.#toRecord(row) : undefined;
  }

  async listPhones(sandboxId: string, filter: { cardId?: string } = {}): Promise<PhoneRecord[]> {
    const rows = await this.#h.db
      .selectFrom('phones')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .$if(filter.cardId !== undefined, (q) => q.where('card_id', '=', filter.cardId!))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.#toRecord(r));
  }

  async setPhoneStatus(sandboxId: string, id: string, status: PhoneStatus, at: string): Promise<void> {
    const r = await withRetry('setPhoneStatus', () =>
      this.#h.db
        .updateTable('phones')
        .set({ status, updated_at: at })
        .where('sandbox_id', '=', sandboxId)
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    if (Number(r.numUpdatedRows) === 0)
      throw new StoreError('NOT_FOUND', `phone ${id}`, { code: 'PHONE_NOT_FOUND', details: { phoneId: id } });
  }

  #toRecord(r: Selectable<PhonesTable>): PhoneRecord {
    return {
      id: r.id,
      sandboxId: r.sandbox_id,
      cardId: r.card_id,
      residentId: r.resident_id,
      platform: r.platform as PhonePlatform,
      serial: r.serial,
      status: r.status as PhoneStatus,
      adminKey: this.#h.box.decrypt(r.admin_key_enc, ctx.adminKey(r.id)),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
