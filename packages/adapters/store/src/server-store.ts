import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type StoredCardEvent, toStoredEvent } from './card-store.js';
import type { StoreDatabase } from './open.js';
import type { Database } from './schema.js';
import { writeUnsynced } from './unsynced.js';

/** Rows of the server's own tables (migration 0003-server). */
interface ServerTables {
  sandboxes: {
    id: string;
    name: string;
    api_key_hash: string;
    api_key_enc: string;
    clock_offset_ms: number | string | bigint;
    clock_frozen_at_ms: number | string | bigint | null;
    created_at: string;
    creator: string | null;
  };
  kiosk_sessions: {
    id: string;
    sandbox_id: string;
    state: string;
    version: number;
    last_used_ms: number | string | bigint;
  };
  card_leases: {
    card_id: string;
    sandbox_id: string;
    terminal: string;
    holder: string;
    expires_at_ms: number | string | bigint;
  };
}

export interface SandboxRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** The persisted sandbox clock: running with an offset from real time, or frozen at an instant. */
export interface ClockState {
  readonly offsetMs: number;
  readonly frozenAtMs: number | null;
}

export type LeaseResult = { readonly ok: true } | { readonly ok: false; readonly terminal: string };

const keyHash = (apiKey: string) =>
  createHash('sha256').update(`myna-sandbox-api-key:${apiKey}`).digest('hex');

/**
 * The server's persistence: the sandbox registry (API keys stored hashed for lookup and
 * encrypted for display to the local operator), each sandbox's clock, card leases that hold a
 * card in one terminal at a time across server instances, and the sandbox-wide event feed.
 */
export class SqlServerStore {
  readonly #h: StoreDatabase;
  readonly #db: Kysely<ServerTables & Database>;

  constructor(handle: StoreDatabase) {
    this.#h = handle;
    this.#db = handle.db as unknown as Kysely<ServerTables & Database>;
  }

  /** `creator`: who created it without an API key (a hash of the caller's address), for the limit. */
  async createSandbox(s: {
    id: string;
    name: string;
    apiKey: string;
    at: string;
    creator?: string;
  }): Promise<void> {
    await this.#db
      .insertInto('sandboxes')
      .values({
        id: s.id,
        name: s.name,
        api_key_hash: keyHash(s.apiKey),
        api_key_enc: this.#h.box.encryptText(s.apiKey, `sandbox:${s.id}:api-key`),
        clock_offset_ms: 0,
        clock_frozen_at_ms: null,
        created_at: s.at,
        creator: s.creator ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** How many sandboxes `creator` made since `sinceIso`. */
  async sandboxesCreatedBy(creator: string, sinceIso: string): Promise<number> {
    const r = await this.#db
      .selectFrom('sandboxes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('creator', '=', creator)
      .where('created_at', '>=', sinceIso)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async sandbox(id: string): Promise<SandboxRow | undefined> {
    const r = await this.#db
      .selectFrom('sandboxes')
      .select(['id', 'name', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, name: r.name, createdAt: r.created_at };
  }

  async sandboxByApiKey(apiKey: string): Promise<SandboxRow | undefined> {
    const r = await this.#db
      .selectFrom('sandboxes')
      .select(['id', 'name', 'created_at'])
      .where('api_key_hash', '=', keyHash(apiKey))
      .executeTakeFirst();
    return r && { id: r.id, name: r.name, createdAt: r.created_at };
  }

  async listSandboxes(): Promise<SandboxRow[]> {
    const rows = await this.#db
      .selectFrom('sandboxes')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  /** The API key in clear, for the local operator (the `serve` banner). */
  async apiKeyOf(id: string): Promise<string | undefined> {
    const r = await this.#db
      .selectFrom('sandboxes')
      .select('api_key_enc')
      .where('id', '=', id)
      .executeTakeFirst();
    return r && this.#h.box.decryptText(r.api_key_enc, `sandbox:${id}:api-key`);
  }

  async clock(id: string): Promise<ClockState> {
    const r = await this.#db
      .selectFrom('sandboxes')
      .select(['clock_offset_ms', 'clock_frozen_at_ms'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return { offsetMs: 0, frozenAtMs: null };
    return {
      offsetMs: Number(r.clock_offset_ms),
      frozenAtMs: r.clock_frozen_at_ms === null ? null : Number(r.clock_frozen_at_ms),
    };
  }

  async setClock(id: string, state: ClockState): Promise<void> {
    await this.#db
      .updateTable('sandboxes')
      .set({ clock_offset_ms: Math.round(state.offsetMs), clock_frozen_at_ms: state.frozenAtMs })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Takes or renews the lease of a card for a terminal session: granted when the card is free,
   * its lease expired, or already held by `holder`; otherwise answers who holds it. One atomic
   * statement (INSERT … ON CONFLICT DO UPDATE … WHERE), so simultaneous openers on any number of
   * instances get exactly one winner and no duplicate-key error.
   */
  async acquireLease(l: {
    cardId: string;
    sandboxId: string;
    terminal: string;
    holder: string;
    nowMs: number;
    ttlMs: number;
  }): Promise<LeaseResult> {
    for (let attempt = 0; ; attempt++) {
      const won = this.#db
        .insertInto('card_leases')
        .values({
          card_id: l.cardId,
          sandbox_id: l.sandboxId,
          terminal: l.terminal,
          holder: l.holder,
          expires_at_ms: l.nowMs + l.ttlMs,
        })
        .onConflict((oc) =>
          oc
            .column('card_id')
            .doUpdateSet((eb) => ({
              sandbox_id: eb.ref('excluded.sandbox_id'),
              terminal: eb.ref('excluded.terminal'),
              holder: eb.ref('excluded.holder'),
              expires_at_ms: eb.ref('excluded.expires_at_ms'),
            }))
            .where((eb) =>
              eb.or([
                eb('card_leases.holder', '=', l.holder),
                eb('card_leases.expires_at_ms', '<=', l.nowMs),
              ]),
            ),
        )
        .returning('holder');
      if ((await writeUnsynced(this.#h, won)).rows.length > 0) return { ok: true };
      const cur = await this.lease(l.cardId);
      // Released between the two statements: try again (a free card is granted next time).
      if (cur || attempt >= 3) return { ok: false, terminal: cur?.terminal ?? 'unknown' };
    }
  }

  /** The current lease of a card (expired or not), or undefined when the card is free. */
  async lease(
    cardId: string,
  ): Promise<{ terminal: string; holder: string; expiresAtMs: number } | undefined> {
    const r = await this.#db
      .selectFrom('card_leases')
      .select(['terminal', 'holder', 'expires_at_ms'])
      .where('card_id', '=', cardId)
      .executeTakeFirst();
    return r && { terminal: r.terminal, holder: r.holder, expiresAtMs: Number(r.expires_at_ms) };
  }

  async releaseLease(cardId: string, holder: string): Promise<void> {
    // Leases are written without fsync (writeUnsynced: atomic and seen at once, lost only with power).
    await writeUnsynced(
      this.#h,
      this.#db.deleteFrom('card_leases').where('card_id', '=', cardId).where('holder', '=', holder),
    );
  }

  /**
   * A new kiosk session (its screen state as JSON). Kiosks idle for longer than `idleMs` are
   * forgotten, and the sandbox keeps its `max` most recently used; a forgotten kiosk's card is
   * let go (its lease, held as `leaseHolder(id)`, is released).
   */
  async createKiosk(k: {
    id: string;
    sandboxId: string;
    state: unknown;
    nowMs: number;
    idleMs: number;
    max: number;
    leaseHolder: (kioskId: string) => string;
  }): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const idle = await trx
        .selectFrom('kiosk_sessions')
        .select('id')
        .where('last_used_ms', '<', k.nowMs - k.idleMs)
        .execute();
      const mine = await trx
        .selectFrom('kiosk_sessions')
        .select('id')
        .where('sandbox_id', '=', k.sandboxId)
        .where('last_used_ms', '>=', k.nowMs - k.idleMs)
        .orderBy('last_used_ms', 'desc')
        .execute();
      const gone = [...idle, ...mine.slice(Math.max(0, k.max - 1))].map((r) => r.id);
      if (gone.length > 0) {
        await trx.deleteFrom('kiosk_sessions').where('id', 'in', gone).execute();
        await trx.deleteFrom('card_leases').where('holder', 'in', gone.map(k.leaseHolder)).execute();
      }
      await trx
        .insertInto('kiosk_sessions')
        .values({
          id: k.id,
          sandbox_id: k.sandboxId,
          state: JSON.stringify(k.state),
          version: 1,
          last_used_ms: k.nowMs,
        })
        .execute();
    });
  }

  /** A kiosk session not idle for longer than `idleMs` (undefined otherwise). */
  async kiosk(
    id: string,
    o: { nowMs: number; idleMs: number },
  ): Promise<{ sandboxId: string; state: unknown; version: number } | undefined> {
    const r = await this.#db
      .selectFrom('kiosk_sessions')
      .selectAll()
      .where('id', '=', id)
      .where('last_used_ms', '>=', o.nowMs - o.idleMs)
      .executeTakeFirst();
    return r && { sandboxId: r.sandbox_id, state: JSON.parse(r.state), version: Number(r.version) };
  }

  /** Writes a kiosk's new state over the version read; false if another step wrote first. */
  async saveKiosk(k: { id: string; state: unknown; version: number; nowMs: number }): Promise<boolean> {
    const r = await this.#db
      .updateTable('kiosk_sessions')
      .set({ state: JSON.stringify(k.state), version: k.version + 1, last_used_ms: k.nowMs })
      .where('id', '=', k.id)
      .where('version', '=', k.version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The position of the sandbox's (or one card's) newest event, 0 if none: one indexed lookup. */
  async lastEventSeq(sandboxId: string, cardId?: string): Promise<number> {
    const r = await this.#db
      .selectFrom('card_events')
      .select((eb) => eb.fn.max('id').as('last'))
      .where('sandbox_id', '=', sandboxId)
      .$if(cardId !== undefined, (q) => q.where('card_id', '=', cardId!))
      .executeTakeFirst();
    return r?.last == null ? 0 : Number(r.last);
  }

  /** Events of a sandbox (optionally one card) after a position, oldest first: the live feed's source. */
  async events(
    sandboxId: string,
    opts: { after?: number; cardId?: string; limit?: number } = {},
  ): Promise<StoredCardEvent[]> {
    const rows = await this.#db
      .selectFrom('card_events')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .$if(opts.cardId !== undefined, (q) => q.where('card_id', '=', opts.cardId!))
      .$if(opts.after !== undefined, (q) => q.where('id', '>', opts.after!))
      .orderBy('id')
      .limit(opts.limit ?? 500)
      .execute();
    return rows.map(toStoredEvent);
  }
}
