import type { CardStateStore } from '@myna/card';
import type {
  AuthorityStore,
  PhoneIssuanceRecord,
  PhonePlatform,
  PhoneRecord,
  PhoneStatus,
  PhoneStore,
} from '@myna/services';
import type { Kysely, Selectable } from 'kysely';
import { SqlAuthorityStore } from './authority-store.js';
import { SqlCardStore } from './card-store.js';
import { StoreError } from './errors.js';
import type { StoreDatabase } from './open.js';
import { isUniqueViolation, withRetry } from './retry.js';
import type { Database, PhonesTable } from './schema.js';

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

  /**
   * One phone issuance in ONE transaction (port: `PhoneStore.recordIssuance`): the element's chip
   * row and PINs, the phone's row, its certificates, and the replaced phones' revocation, when
   * `chips` and `certificates` are SQL stores on this database. A failure anywhere rolls all of it
   * back. Stores elsewhere cannot join: their writes come first (chip) and last (certificates).
   */
  async recordIssuance(
    issuance: PhoneIssuanceRecord,
    chips: CardStateStore,
    certificates: AuthorityStore,
  ): Promise<void> {
    const chipsJoin = chips instanceof SqlCardStore && chips.sharesDatabase(this.#h);
    const certsJoin = certificates instanceof SqlAuthorityStore && certificates.sharesDatabase(this.#h);
    const sb = issuance.phone.sandboxId;
    if (!chipsJoin) await chips.create(issuance.chip);
    await withRetry('recordPhoneIssuance', () =>
      this.#h.db.transaction().execute(async (trx) => {
        if (chipsJoin) await chips.writeChip(trx, issuance.chip);
        await this.#writePhone(trx, issuance.phone);
        for (const r of issuance.retire) {
          if (certsJoin) {
            for (const c of r.certificates)
              await certificates.writeRevocation(trx, { sandboxId: sb, ...c }, issuance.at, 'superseded');
          }
          await this.#writeStatus(trx, sb, r.phoneId, 'revoked', issuance.at);
        }
        if (certsJoin) for (const c of issuance.certificates) await certificates.writeCertificate(trx, c);
      }),
    ).catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      throw new StoreError(
        'CONFLICT',
        `phone ${issuance.phone.id}: its id, serial or a certificate serial is taken`,
        {
          cause: e,
        },
      );
    });
    if (certsJoin) return;
    for (const c of issuance.certificates) await certificates.insertCertificate(c);
    for (const r of issuance.retire) {
      for (const c of r.certificates)
        await certificates.setCertificateStatus(
          sb,
          c.kind,
          c.serialHex,
          'revoked',
          issuance.at,
          'superseded',
        );
    }
  }

  async insertPhone(p: PhoneRecord): Promise<void> {
    await withRetry('insertPhone', () => this.#writePhone(this.#h.db, p)).catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      throw new StoreError('CONFLICT', `phone ${p.id} is already recorded`, { cause: e });
    });
  }

  async #writePhone(q: Kysely<Database>, p: PhoneRecord): Promise<void> {
    await q
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
      .execute();
  }

  async #writeStatus(q: Kysely<Database>, sandboxId: string, id: string, status: PhoneStatus, at: string) {
    const r = await q
      .updateTable('phones')
      .set({ status, updated_at: at })
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      throw new StoreError('NOT_FOUND', `phone ${id}`, { code: 'PHONE_NOT_FOUND', details: { phoneId: id } });
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
    await withRetry('setPhoneStatus', () => this.#writeStatus(this.#h.db, sandboxId, id, status, at));
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
