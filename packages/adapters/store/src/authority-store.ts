import type { CardStateStore } from '@myna/card';
import type {
  AuthorityStore,
  CardKind,
  CardRecord,
  CardStatus,
  CertificateKind,
  CertificateRecord,
  CertificateStatus,
  IssuanceRecord,
  ResidentRecord,
  RevocationReason,
} from '@myna/services';
import { type Kysely, sql, type Transaction } from 'kysely';
import { ctx as cardCtx, SqlCardStore } from './card-store.js';
import { StoreError } from './errors.js';
import type { StoreDatabase } from './open.js';
import { isUniqueViolation, toBigInt, toBytes, withRetry } from './retry.js';
import type { CardsTable, CertificatesTable, Database, ResidentsTable } from './schema.js';

const ctx = {
  secret: (sandboxId: string, name: string) => `secrets:value:${sandboxId}:${name}`,
  myNumber: (residentId: string) => `residents:my_number:${residentId}`,
  myNumberLookup: (sandboxId: string) => `residents:my_number_hmac:${sandboxId}`,
};

/**
 * `AuthorityStore` (packages/services/src/ports.ts) on SQLite or PostgreSQL.
 *
 * Encrypted at rest with the master key: secrets, My Numbers, card security codes and admin keys.
 * My Numbers are also kept as a keyed HMAC (unique per sandbox) so `myNumberTaken` never decrypts
 * rows. Unique violations throw a StoreError with reason `CONFLICT` (catalog code
 * `MY_NUMBER_TAKEN` for a My Number, else `INTERNAL`); updates of missing rows reason `NOT_FOUND`
 * (code `RESIDENT_NOT_FOUND`, `CARD_NOT_FOUND` or `CERTIFICATE_NOT_FOUND`). Messages never contain
 * a My Number or a secret.
 */
export class SqlAuthorityStore implements AuthorityStore {
  readonly #h: StoreDatabase;

  constructor(handle: StoreDatabase) {
    this.#h = handle;
  }

  // ───────────── secrets, public objects, sequences ─────────────

  async getSecret(sandboxId: string, name: string): Promise<Uint8Array | undefined> {
    const row = await this.#h.db
      .selectFrom('secrets')
      .select('value_enc')
      .where('sandbox_id', '=', sandboxId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? this.#h.box.decrypt(row.value_enc, ctx.secret(sandboxId, name)) : undefined;
  }

  async putSecretIfAbsent(sandboxId: string, name: string, value: Uint8Array): Promise<Uint8Array> {
    const value_enc = this.#h.box.encrypt(value, ctx.secret(sandboxId, name));
    await withRetry('putSecretIfAbsent', () =>
      this.#h.db
        .insertInto('secrets')
        .values({ sandbox_id: sandboxId, name, value_enc })
        .onConflict((oc) => oc.columns(['sandbox_id', 'name']).doNothing())
        .execute(),
    );
    const stored = await this.getSecret(sandboxId, name);
    if (!stored) throw new StoreError('NOT_FOUND', `secret ${name} vanished after insert`);
    return stored;
  }

  async getPublic(sandboxId: string, name: string): Promise<Uint8Array | undefined> {
    const row = await this.#h.db
      .selectFrom('public_objects')
      .select('value')
      .where('sandbox_id', '=', sandboxId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toBytes(row.value) : undefined;
  }

  async putPublicIfAbsent(sandboxId: string, name: string, value: Uint8Array): Promise<Uint8Array> {
    await withRetry('putPublicIfAbsent', () =>
      this.#h.db
        .insertInto('public_objects')
        .values({ sandbox_id: sandboxId, name, value: Buffer.from(value) })
        .onConflict((oc) => oc.columns(['sandbox_id', 'name']).doNothing())
        .execute(),
    );
    const stored = await this.getPublic(sandboxId, name);
    if (!stored) throw new StoreError('NOT_FOUND', `public object ${name} vanished after insert`);
    return stored;
  }

  /**
   * One upsert statement (`insert … on conflict do update set value = value + 1 returning value`):
   * atomic on both dialects (the row lock on PostgreSQL, the write lock on SQLite), and gap-free
   * because nothing else runs in its transaction.
   */
  async nextSequence(sandboxId: string, name: string): Promise<bigint> {
    const row = await withRetry('nextSequence', () =>
      this.#h.db
        .insertInto('sequences')
        .values({ sandbox_id: sandboxId, name, value: 1 })
        .onConflict((oc) =>
          oc.columns(['sandbox_id', 'name']).doUpdateSet({ value: sql`sequences.value + 1` }),
        )
        .returning('value')
        .executeTakeFirstOrThrow(),
    );
    return toBigInt(row.value);
  }

  // ───────────── residents ─────────────

  async insertResident(r: ResidentRecord): Promise<void> {
    try {
      await withRetry('insertResident', () =>
        this.#h.db.insertInto('residents').values(this.#residentRow(r)).execute(),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const idTaken = (await this.#residentExists(r.sandboxId, r.id)) !== undefined;
      throw new StoreError(
        'CONFLICT',
        idTaken
          ? `resident ${r.id} already exists in sandbox ${r.sandboxId}`
          : `the My Number of resident ${r.id} is already registered in sandbox ${r.sandboxId}`,
        { code: idTaken ? 'INTERNAL' : 'MY_NUMBER_TAKEN', details: { residentId: r.id }, cause: e },
      );
    }
  }

  #residentExists(sandboxId: string, id: string) {
    return this.#h.db
      .selectFrom('residents')
      .select('id')
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async getResident(sandboxId: string, id: string): Promise<ResidentRecord | undefined> {
    const row = await this.#h.db
      .selectFrom('residents')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.#resident(row) : undefined;
  }

  async listResidents(sandboxId: string): Promise<ResidentRecord[]> {
    const rows = await this.#h.db
      .selectFrom('residents')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.#resident(r));
  }

  async updateResident(r: ResidentRecord): Promise<void> {
    const { id: _id, sandbox_id: _sb, created_at: _c, ...set } = this.#residentRow(r);
    let updated: bigint;
    try {
      const res = await withRetry('updateResident', () =>
        this.#h.db
          .updateTable('residents')
          .set(set)
          .where('sandbox_id', '=', r.sandboxId)
          .where('id', '=', r.id)
          .executeTakeFirst(),
      );
      updated = res.numUpdatedRows;
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new StoreError(
          'CONFLICT',
          `the new My Number of resident ${r.id} is already registered in sandbox ${r.sandboxId}`,
          { code: 'MY_NUMBER_TAKEN', details: { residentId: r.id }, cause: e },
        );
      }
      throw e;
    }
    if (updated === 0n) {
      throw new StoreError('NOT_FOUND', `no resident ${r.id} in sandbox ${r.sandboxId}`, {
        code: 'RESIDENT_NOT_FOUND',
        details: { residentId: r.id },
      });
    }
  }

  async myNumberTaken(sandboxId: string, myNumber: string): Promise<boolean> {
    const row = await this.#h.db
      .selectFrom('residents')
      .select('id')
      .where('sandbox_id', '=', sandboxId)
      .where('my_number_hmac', '=', this.#h.box.lookupHash(myNumber, ctx.myNumberLookup(sandboxId)))
      .executeTakeFirst();
    return row !== undefined;
  }

  #residentRow(r: ResidentRecord): ResidentsTable {
    const { box } = this.#h;
    return {
      id: r.id,
      sandbox_id: r.sandboxId,
      my_number_enc: box.encryptText(r.myNumber, ctx.myNumber(r.id)),
      my_number_hmac: box.lookupHash(r.myNumber, ctx.myNumberLookup(r.sandboxId)),
      name: r.name,
      address: r.address,
      birth_date: r.birthDate,
      sex: r.sex,
      municipality_code: r.municipalityCode,
      photo: Buffer.from(r.photo),
      facts_version: r.factsVersion,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    };
  }

  #resident(row: ResidentsTable): ResidentRecord {
    return {
      id: row.id,
      sandboxId: row.sandbox_id,
      myNumber: this.#h.box.decryptText(row.my_number_enc, ctx.myNumber(row.id)),
      name: row.name,
      address: row.address,
      birthDate: row.birth_date,
      sex: row.sex as ResidentRecord['sex'],
      municipalityCode: row.municipality_code,
      photo: toBytes(row.photo),
      factsVersion: Number(row.facts_version),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  // ───────────── cards ─────────────

  /**
   * Records the municipality's view of a card. The chip may already be stored (`SqlCardStore.create`
   * came first): the row is then completed, and moved into `c.sandboxId` with its events.
   */
  async insertCard(c: CardRecord): Promise<void> {
    await withRetry('insertCard', () =>
      this.#h.db.transaction().execute((trx) => this.#writeCard(trx, c)),
    ).catch((e: unknown) => {
      throw cardConflict(e, c);
    });
  }

  /** The card record's columns, in the caller's transaction (see `insertCard`). */
  async #writeCard(trx: Transaction<Database>, c: CardRecord): Promise<void> {
    const { box } = this.#h;
    const fields = {
      sandbox_id: c.sandboxId,
      serial: c.serial,
      resident_id: c.residentId,
      kind: c.kind,
      status: c.status,
      issued_on: c.issuedOn,
      expires_on: c.expiresOn,
      security_code_enc: box.encryptText(c.securityCode, cardCtx.securityCode(c.id)),
      admin_key_enc: box.encrypt(c.adminKey, cardCtx.adminKey(c.id)),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    };
    const row = await trx
      .selectFrom('cards')
      .select(['serial', 'kind', 'sandbox_id'])
      .where('id', '=', c.id)
      .$if(this.#h.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) {
      await trx
        .insertInto('cards')
        .values({ id: c.id, ...fields, image_enc: null })
        .execute();
      return;
    }
    if (row.kind !== null) throw new StoreError('CONFLICT', `card ${c.id} is already recorded`);
    if (row.serial !== c.serial)
      throw new StoreError('CONFLICT', `card ${c.id} holds a chip with another serial`);
    await trx.updateTable('cards').set(fields).where('id', '=', c.id).execute();
    if (row.sandbox_id !== c.sandboxId) {
      await trx
        .updateTable('card_events')
        .set({ sandbox_id: c.sandboxId })
        .where('card_id', '=', c.id)
        .execute();
    }
  }

  async getCard(sandboxId: string, id: string): Promise<CardRecord | undefined> {
    const row = await this.#h.db
      .selectFrom('cards')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .where('kind', 'is not', null)
      .executeTakeFirst();
    return row ? this.#card(row) : undefined;
  }

  async listCards(sandboxId: string): Promise<CardRecord[]> {
    const rows = await this.#h.db
      .selectFrom('cards')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('kind', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.#card(r));
  }

  async setCardStatus(sandboxId: string, id: string, status: CardStatus, at: string): Promise<void> {
    await this.#updateCard('setCardStatus', sandboxId, id, { status }, at);
  }

  async setCardKind(sandboxId: string, id: string, kind: CardKind, at: string): Promise<void> {
    await this.#updateCard('setCardKind', sandboxId, id, { kind }, at);
  }

  /** Updates a recorded card's columns; NOT_FOUND if the sandbox has no such card record. */
  async #updateCard(
    what: string,
    sandboxId: string,
    id: string,
    set: { status?: CardStatus; kind?: CardKind },
    at: string,
  ): Promise<void> {
    const res = await withRetry(what, () =>
      this.#h.db
        .updateTable('cards')
        .set({ ...set, updated_at: at })
        .where('sandbox_id', '=', sandboxId)
        .where('id', '=', id)
        .where('kind', 'is not', null)
        .executeTakeFirst(),
    );
    if (res.numUpdatedRows === 0n)
      throw new StoreError('NOT_FOUND', `no card ${id} recorded in sandbox ${sandboxId}`, {
        code: 'CARD_NOT_FOUND',
        details: { cardId: id },
      });
  }

  #card(row: CardsTable): CardRecord {
    const { box } = this.#h;
    if (row.security_code_enc === null || row.admin_key_enc === null) {
      throw new StoreError('CORRUPT_DATA', `card ${row.id} is recorded without its secrets`);
    }
    return {
      id: row.id,
      sandboxId: row.sandbox_id,
      serial: row.serial,
      residentId: row.resident_id ?? '',
      kind: row.kind as CardKind,
      status: row.status as CardStatus,
      issuedOn: row.issued_on ?? '',
      expiresOn: row.expires_on ?? '',
      securityCode: box.decryptText(row.security_code_enc, cardCtx.securityCode(row.id)),
      adminKey: box.decrypt(row.admin_key_enc, cardCtx.adminKey(row.id)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  // ───────────── certificates ─────────────

  async insertCertificate(c: CertificateRecord): Promise<void> {
    await withRetry('insertCertificate', () => this.#writeCertificate(this.#h.db, c)).catch((e: unknown) => {
      throw certificateConflict(e, c);
    });
  }

  /** Whether this store writes to the database `handle` (then its rows can join a transaction there). */
  sharesDatabase(handle: StoreDatabase): boolean {
    return this.#h.db === handle.db;
  }

  /**
   * Inside the caller's transaction on this store's database (`SqlPhoneStore.recordIssuance`): a
   * new certificate, or a revocation (`CERTIFICATE_NOT_FOUND` if there is no such certificate).
   */
  async writeCertificate(trx: Transaction<Database>, c: CertificateRecord): Promise<void> {
    await this.#writeCertificate(trx, c);
  }

  async writeRevocation(
    trx: Transaction<Database>,
    c: { sandboxId: string; kind: CertificateKind; serialHex: string },
    at: string,
    reason: RevocationReason,
  ): Promise<void> {
    const res = await trx
      .updateTable('certificates')
      .set({ status: 'revoked', revoked_at: at, reason })
      .where('sandbox_id', '=', c.sandboxId)
      .where('kind', '=', c.kind)
      .where('serial_hex', '=', c.serialHex)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) {
      throw new StoreError('NOT_FOUND', `no ${c.kind} certificate ${c.serialHex} in sandbox ${c.sandboxId}`, {
        code: 'CERTIFICATE_NOT_FOUND',
        details: { kind: c.kind, serial: c.serialHex },
      });
    }
  }

  async #writeCertificate(q: Kysely<Database>, c: CertificateRecord): Promise<void> {
    await q
      .insertInto('certificates')
      .values({
        sandbox_id: c.sandboxId,
        kind: c.kind,
        serial_hex: c.serialHex,
        card_id: c.cardId,
        resident_id: c.residentId,
        der: Buffer.from(c.der),
        not_before: c.notBefore,
        not_after: c.notAfter,
        status: c.status,
        revoked_at: c.revokedAt,
        reason: c.reason,
        issued_at: c.issuedAt,
      })
      .execute();
  }

  /**
   * One issuance in ONE transaction (port: `AuthorityStore.recordIssuance`): the chip row and its
   * PINs (when `chips` is a `SqlCardStore` on this database — the chip and the card record share
   * the `cards` row), the card record and its certificates. A failure anywhere rolls all of it
   * back. A chip store elsewhere cannot join: its chip is written first, then the records in one
   * transaction.
   */
  async recordIssuance(issuance: IssuanceRecord, chips: CardStateStore): Promise<void> {
    const joined = chips instanceof SqlCardStore && chips.sharesDatabase(this.#h);
    if (!joined) await chips.create(issuance.chip);
    await withRetry('recordIssuance', () =>
      this.#h.db.transaction().execute(async (trx) => {
        if (joined) await chips.writeChip(trx, issuance.chip);
        await this.#writeCard(trx, issuance.card);
        for (const c of issuance.certificates) await this.#writeCertificate(trx, c);
      }),
    ).catch((e: unknown) => {
      throw isUniqueViolation(e)
        ? new StoreError(
            'CONFLICT',
            `card ${issuance.card.id}: its serial, id or a certificate serial is taken`,
            {
              cause: e,
            },
          )
        : e;
    });
  }

  async getCertificate(
    sandboxId: string,
    kind: CertificateKind,
    serialHex: string,
  ): Promise<CertificateRecord | undefined> {
    const row = await this.#h.db
      .selectFrom('certificates')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('kind', '=', kind)
      .where('serial_hex', '=', serialHex)
      .executeTakeFirst();
    return row ? toCertificate(row) : undefined;
  }

  async listCertificates(
    sandboxId: string,
    filter: { kind?: CertificateKind; cardId?: string; status?: CertificateStatus },
  ): Promise<CertificateRecord[]> {
    const rows = await this.#h.db
      .selectFrom('certificates')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind!))
      .$if(filter.cardId !== undefined, (q) => q.where('card_id', '=', filter.cardId!))
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
      .orderBy('issued_at')
      .orderBy('kind')
      .orderBy('serial_hex')
      .execute();
    return rows.map(toCertificate);
  }

  async setCertificateStatus(
    sandboxId: string,
    kind: CertificateKind,
    serialHex: string,
    status: CertificateStatus,
    revokedAt: string | null,
    reason: RevocationReason | null,
  ): Promise<void> {
    const res = await withRetry('setCertificateStatus', () =>
      this.#h.db
        .updateTable('certificates')
        .set({ status, revoked_at: revokedAt, reason })
        .where('sandbox_id', '=', sandboxId)
        .where('kind', '=', kind)
        .where('serial_hex', '=', serialHex)
        .executeTakeFirst(),
    );
    if (res.numUpdatedRows === 0n) {
      throw new StoreError('NOT_FOUND', `no ${kind} certificate ${serialHex} in sandbox ${sandboxId}`, {
        code: 'CERTIFICATE_NOT_FOUND',
        details: { kind, serial: serialHex },
      });
    }
  }
}

function cardConflict(e: unknown, c: CardRecord): unknown {
  if (!isUniqueViolation(e)) return e;
  return new StoreError(
    'CONFLICT',
    `card ${c.id}: the id or serial is already recorded in sandbox ${c.sandboxId}`,
    {
      cause: e,
    },
  );
}

function certificateConflict(e: unknown, c: CertificateRecord): unknown {
  if (!isUniqueViolation(e)) return e;
  return new StoreError(
    'CONFLICT',
    `${c.kind} certificate ${c.serialHex} already exists in sandbox ${c.sandboxId}`,
    {
      cause: e,
    },
  );
}

function toCertificate(row: CertificatesTable): CertificateRecord {
  return {
    serialHex: row.serial_hex,
    sandboxId: row.sandbox_id,
    kind: row.kind as CertificateKind,
    cardId: row.card_id,
    residentId: row.resident_id,
    der: toBytes(row.der),
    notBefore: row.not_before,
    notAfter: row.not_after,
    status: row.status as CertificateStatus,
    revokedAt: row.revoked_at,
    reason: row.reason as RevocationReason | null,
    issuedAt: row.issued_at,
  };
}
