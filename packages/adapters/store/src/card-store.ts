import {
  applyImagePatch,
  type CardEvent,
  type CardEventType,
  type CardImage,
  type CardStateStore,
  deserializeImage,
  type ImagePatch,
  isValidPinRecord,
  type PinId,
  type PinRecord,
  type PinUpdate,
  serializeImage,
} from '@myna/card';
import type { Insertable, Selectable, Transaction } from 'kysely';
import { StoreError } from './errors.js';
import type { StoreDatabase } from './open.js';
import {
  commitPinPostgres,
  commitPinSqlite,
  type EventValues,
  type PinPlan,
  type PinRow,
  PinRowMissing,
} from './pin-commit.js';
import { DEFAULT_ATTEMPTS, isUniqueViolation, withRetry } from './retry.js';
import type { CardEventsTable, Database } from './schema.js';

export interface SqlCardStoreOptions {
  /**
   * Sandbox that `create` files a new card under and whose cards `listCardIds` lists. Default
   * `'default'`. When the authority recorded the card first (`SqlAuthorityStore.insertCard`),
   * `create` keeps the authority's sandbox; when the card came first, `insertCard` moves it.
   */
  readonly sandboxId?: string;
  /** Stamps `updated_at` columns (events carry their own `at`). Default: system time. */
  readonly now?: () => Date;
  /** Attempts per transaction on SQLITE_BUSY / serialisation failures. Default 6. */
  readonly maxAttempts?: number;
}

/** A committed event with its position in the card's log. */
export type StoredCardEvent = CardEvent & {
  /** Increasing position in the event log (for `events(cardId, { after })`). */
  readonly seq: number;
  readonly sandboxId: string;
};

/** How many PIN records a store remembers between tries (PostgreSQL). */
const KNOWN_RECORDS = 1024;

const EVENT_FIELDS = new Set(['type', 'cardId', 'pin', 'triesLeft', 'maxTries', 'terminal', 'at']);

/** Encryption contexts: each ciphertext is bound to its row and column. */
export const ctx = {
  image: (cardId: string) => `cards:image:${cardId}`,
  adminKey: (cardId: string) => `cards:admin_key:${cardId}`,
  securityCode: (cardId: string) => `cards:security_code:${cardId}`,
  pin: (cardId: string, pin: string) => `card_pins:value:${cardId}:${pin}`,
};

/**
 * `CardStateStore` on SQLite or PostgreSQL (spec: architecture.md "State and durability").
 *
 * - The image (files, keys, admin key) is stored encrypted as one value in `cards.image_enc`,
 *   without its PIN records; `card_pins` holds each key reference's value (encrypted), limit and
 *   counter — the only place counters live.
 * - `readPin` reads the database every time (other processes change counters).
 * - `updatePin` is one transaction per call, on the driver itself (`pin-commit.ts`): on SQLite
 *   BEGIN IMMEDIATE, read, `fn`, write `next`, append the events, COMMIT, synchronously on
 *   prepared statements; on PostgreSQL one statement that writes `next` and appends the events
 *   only if the record is still the one `fn` ran on (compare-and-set; else `fn` runs again on a
 *   fresh read, at last under `SELECT … FOR UPDATE`). It resolves only after the commit. On
 *   SQLITE_BUSY or a serialisation failure the whole transaction (and `fn`) is re-run, a bounded
 *   number of times.
 */
export class SqlCardStore implements CardStateStore {
  readonly sandboxId: string;
  readonly #h: StoreDatabase;
  readonly #now: () => Date;
  readonly #attempts: number;
  /**
   * PostgreSQL: the stored record (ciphertext, limit, counter) as this store last wrote or read
   * it, per card and key reference. Only a guess that saves the read: every write is a
   * compare-and-set against it, and a record another process changed is read again.
   */
  readonly #known = new Map<string, PinRow>();

  constructor(handle: StoreDatabase, opts: SqlCardStoreOptions = {}) {
    this.#h = handle;
    this.sandboxId = opts.sandboxId ?? 'default';
    this.#now = opts.now ?? (() => new Date());
    this.#attempts = opts.maxAttempts ?? DEFAULT_ATTEMPTS;
  }

  async create(image: CardImage): Promise<void> {
    await this.#tx('create', (trx) => this.writeChip(trx, image)).catch((e: unknown) => {
      throw chipConflict(e, image.id);
    });
  }

  /** Whether this store writes to the database `handle` (then its chip rows can join a transaction there). */
  sharesDatabase(handle: StoreDatabase): boolean {
    return this.#h.db === handle.db;
  }

  /**
   * Writes a new chip (its row in `cards` and its PIN rows) inside the caller's transaction `trx`
   * on this store's database — `create` for one card, `SqlAuthorityStore.recordIssuance` for a
   * whole issuance in one transaction. CARD_EXISTS if the card already has a chip.
   */
  async writeChip(trx: Transaction<Database>, image: CardImage): Promise<void> {
    if (image.format !== 1)
      throw new StoreError('CORRUPT_DATA', `card image format ${String(image.format)} is not supported`);
    const { box } = this.#h;
    const id = image.id;
    const imageEnc = box.encryptText(
      serializeImage({ ...image, pins: {} as CardImage['pins'] }),
      ctx.image(id),
    );
    const adminKeyEnc = box.encrypt(image.adminKey, ctx.adminKey(id));
    const pins = (Object.entries(image.pins) as [PinId, PinRecord][]).map(([pinId, rec]) => {
      checkRecord(rec);
      return {
        card_id: id,
        pin_id: pinId,
        value_enc: rec.value === null ? null : box.encryptText(rec.value, ctx.pin(id, pinId)),
        max_tries: rec.maxTries,
        tries_left: rec.triesLeft,
      };
    });
    const now = this.#now().toISOString();
    const row = await trx
      .selectFrom('cards')
      .select(['serial', 'image_enc'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row && row.image_enc !== null)
      throw new StoreError('CARD_EXISTS', `card ${id} exists`, { details: { cardId: id } });
    if (row) {
      // The authority recorded this card first: attach the chip to its row.
      if (row.serial !== image.serial) {
        throw new StoreError('CONFLICT', `card ${id} is recorded with another serial`);
      }
      await trx
        .updateTable('cards')
        .set({ image_enc: imageEnc, updated_at: now })
        .where('id', '=', id)
        .execute();
    } else {
      await trx
        .insertInto('cards')
        .values({
          id,
          sandbox_id: this.sandboxId,
          serial: image.serial,
          resident_id: null,
          kind: null,
          status: null,
          issued_on: null,
          expires_on: null,
          security_code_enc: null,
          admin_key_enc: adminKeyEnc,
          image_enc: imageEnc,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await trx.deleteFrom('card_pins').where('card_id', '=', id).execute();
    if (pins.length > 0) {
      await trx
        .insertInto('card_pins')
        .values(pins.map((p) => ({ ...p, updated_at: now })))
        .execute();
    }
  }

  async load(cardId: string): Promise<CardImage | undefined> {
    const { db, box } = this.#h;
    const row = await db.selectFrom('cards').select('image_enc').where('id', '=', cardId).executeTakeFirst();
    if (!row || row.image_enc === null) return undefined;
    const image = deserializeImage(box.decryptText(row.image_enc, ctx.image(cardId)));
    const pinRows = await db
      .selectFrom('card_pins')
      .select(['pin_id', 'value_enc', 'max_tries', 'tries_left'])
      .where('card_id', '=', cardId)
      .orderBy('pin_id')
      .execute();
    const pins: Partial<Record<PinId, PinRecord>> = {};
    for (const p of pinRows) pins[p.pin_id as PinId] = this.#record(cardId, p);
    return { ...image, pins: pins as CardImage['pins'] };
  }

  async readPin(cardId: string, pin: PinId): Promise<PinRecord> {
    const row = await this.#h.db
      .selectFrom('card_pins')
      .select(['pin_id', 'value_enc', 'max_tries', 'tries_left'])
      .where('card_id', '=', cardId)
      .where('pin_id', '=', pin)
      .executeTakeFirst();
    if (!row) throw await this.#missing(this.#h.db, cardId, pin);
    return this.#record(cardId, row);
  }

  async updatePin<T>(cardId: string, pin: PinId, fn: (current: PinRecord) => PinUpdate<T>): Promise<T> {
    const plan = (row: PinRow): PinPlan<T> => {
      const current = this.#record(cardId, { pin_id: pin, ...row });
      const update = fn(current);
      let next: PinPlan<T>['next'];
      if (update.next) {
        checkRecord(update.next);
        next = {
          value_enc:
            update.next.value === current.value
              ? row.value_enc
              : update.next.value === null
                ? null
                : this.#h.box.encryptText(update.next.value, ctx.pin(cardId, pin)),
          max_tries: update.next.maxTries,
          tries_left: update.next.triesLeft,
        };
      }
      const events = update.events.map((e) => eventRow(cardId, row.sandbox_id, e));
      return { next, events, updatedAt: this.#now().toISOString(), result: update.result };
    };
    const { direct } = this.#h;
    const key = `${cardId}\0${pin}`;
    return withRetry(
      'updatePin',
      async () => {
        if (direct.dialect === 'sqlite') return commitPinSqlite(direct.sqlite, cardId, pin, plan);
        const done = await commitPinPostgres(direct.pool, cardId, pin, plan, this.#known.get(key));
        this.#remember(key, done.row);
        return done.result;
      },
      this.#attempts,
    ).catch(async (e: unknown) => {
      this.#known.delete(key);
      throw e instanceof PinRowMissing ? await this.#missing(this.#h.db, cardId, pin) : e;
    });
  }

  /** Keeps the last `KNOWN_RECORDS` records this store wrote (PostgreSQL), oldest out first. */
  #remember(key: string, row: PinRow): void {
    this.#known.delete(key);
    this.#known.set(key, row);
    if (this.#known.size > KNOWN_RECORDS) this.#known.delete(this.#known.keys().next().value!);
  }

  /**
   * Replaces files and keys of the stored image (administrative WRITE EF / PUT KEY) and appends
   * the events, in one transaction (the card's row locked on PostgreSQL); resolves after commit.
   */
  async updateImage(cardId: string, patch: ImagePatch, events: readonly CardEvent[]): Promise<void> {
    const { box, dialect } = this.#h;
    await this.#tx('updateImage', async (trx) => {
      const row = await trx
        .selectFrom('cards')
        .select(['image_enc', 'sandbox_id'])
        .where('id', '=', cardId)
        .$if(dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row || row.image_enc === null) {
        throw new StoreError('CARD_NOT_FOUND', `no card with id ${cardId}`, { details: { cardId } });
      }
      const image = applyImagePatch(
        deserializeImage(box.decryptText(row.image_enc, ctx.image(cardId))),
        patch,
      );
      await trx
        .updateTable('cards')
        .set({
          image_enc: box.encryptText(
            serializeImage({ ...image, pins: {} as CardImage['pins'] }),
            ctx.image(cardId),
          ),
          updated_at: this.#now().toISOString(),
        })
        .where('id', '=', cardId)
        .execute();
      if (events.length > 0) {
        await trx
          .insertInto('card_events')
          .values(events.map((e) => eventRow(cardId, row.sandbox_id, e)))
          .execute();
      }
    });
  }

  /** Committed events of a card, oldest first; `after` is the `seq` of the last event already seen. */
  async events(cardId: string, opts: { after?: number; limit?: number } = {}): Promise<StoredCardEvent[]> {
    const rows = await this.#h.db
      .selectFrom('card_events')
      .selectAll()
      .where('card_id', '=', cardId)
      .$if(opts.after !== undefined, (q) => q.where('id', '>', opts.after!))
      .orderBy('id')
      .$if(opts.limit !== undefined, (q) => q.limit(opts.limit!))
      .execute();
    return rows.map(toStoredEvent);
  }

  /** Ids of the cards (with a chip image) in this store's sandbox, oldest first. */
  async listCardIds(): Promise<string[]> {
    const rows = await this.#h.db
      .selectFrom('cards')
      .select('id')
      .where('sandbox_id', '=', this.sandboxId)
      .where('image_enc', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  #tx<T>(what: string, body: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return withRetry(what, () => this.#h.db.transaction().execute(body), this.#attempts);
  }

  #record(
    cardId: string,
    row: { pin_id: string; value_enc: string | null; max_tries: number; tries_left: number },
  ): PinRecord {
    return {
      value:
        row.value_enc === null ? null : this.#h.box.decryptText(row.value_enc, ctx.pin(cardId, row.pin_id)),
      maxTries: Number(row.max_tries),
      triesLeft: Number(row.tries_left),
    };
  }

  async #missing(
    q: Pick<StoreDatabase['db'], 'selectFrom'>,
    cardId: string,
    pin: PinId,
  ): Promise<StoreError> {
    const card = await q.selectFrom('cards').select('image_enc').where('id', '=', cardId).executeTakeFirst();
    return card && card.image_enc !== null
      ? new StoreError('PIN_NOT_FOUND', `card ${cardId} has no key reference ${pin}`, {
          details: { cardId, pin },
        })
      : new StoreError('CARD_NOT_FOUND', `no card with id ${cardId}`, { details: { cardId } });
  }
}

/** A unique violation while writing a chip: another card of the sandbox has its serial. */
export function chipConflict(e: unknown, id: string): unknown {
  if (isUniqueViolation(e)) {
    return new StoreError('CONFLICT', `card ${id}: another card of this sandbox has the same serial`, {
      cause: e,
    });
  }
  return e;
}

function checkRecord(r: PinRecord): void {
  if (!isValidPinRecord(r)) {
    throw new StoreError('CORRUPT_DATA', 'a PIN record must have 0 <= triesLeft <= maxTries (integers)');
  }
}

function eventRow(
  cardId: string,
  sandboxId: string,
  e: CardEvent,
): Insertable<CardEventsTable> & EventValues {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (!EVENT_FIELDS.has(k) && v !== undefined) extra[k] = v;
  return {
    card_id: cardId,
    sandbox_id: sandboxId,
    type: e.type,
    pin: e.pin ?? null,
    tries_left: e.triesLeft ?? null,
    max_tries: e.maxTries ?? null,
    terminal: e.terminal,
    at: e.at,
    detail: Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
  };
}

export function toStoredEvent(r: Selectable<CardEventsTable>): StoredCardEvent {
  const extra = r.detail === null ? {} : (JSON.parse(r.detail) as Record<string, unknown>);
  return {
    ...extra,
    seq: Number(r.id),
    sandboxId: r.sandbox_id,
    type: r.type as CardEventType,
    cardId: r.card_id,
    ...(r.pin === null ? {} : { pin: r.pin as PinId }),
    ...(r.tries_left === null ? {} : { triesLeft: Number(r.tries_left) }),
    ...(r.max_tries === null ? {} : { maxTries: Number(r.max_tries) }),
    terminal: r.terminal,
    at: r.at,
  };
}
