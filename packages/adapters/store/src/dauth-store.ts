import type { DauthClientRow, DauthModelRow, DauthStore } from '@myna/dauth';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from './open.js';
import { isUniqueViolation } from './retry.js';
import type { Database } from './schema.js';
import { writeUnsynced } from './unsynced.js';

/** Rows of the デジタル認証アプリ provider's tables (migration 0004-dauth). */
interface DauthTables {
  dauth_models: {
    sandbox_id: string;
    model: string;
    id: string;
    payload: string;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    expires_at_ms: number | string | bigint | null;
    consumed_at_ms: number | string | bigint | null;
  };
  dauth_clients: { sandbox_id: string; client_id: string; metadata: string; created_at: string };
  dauth_secrets: { sandbox_id: string; value_enc: string; created_at: string };
}

export type { DauthClientRow, DauthModelRow };

const num = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

/**
 * Persistence of the デジタル認証アプリ provider of each sandbox (@myna/dauth): the artefacts behind
 * oidc-provider's Adapter, the registered clients, and the provider's secrets (one encrypted
 * JSON per sandbox, written once: the first instance to start wins, the others read it).
 * Expired rows are invisible and swept on write.
 */
export class SqlDauthStore implements DauthStore {
  readonly #h: StoreDatabase;
  readonly #db: Kysely<DauthTables & Database>;

  constructor(handle: StoreDatabase) {
    this.#h = handle;
    this.#db = handle.db as unknown as Kysely<DauthTables & Database>;
  }

  async upsertModel(
    sandboxId: string,
    model: string,
    id: string,
    payload: Record<string, unknown>,
    expiresAtMs: number | null,
    index: { grantId?: string; uid?: string; userCode?: string } = {},
  ): Promise<void> {
    const row = {
      payload: JSON.stringify(payload),
      grant_id: index.grantId ?? null,
      uid: index.uid ?? null,
      user_code: index.userCode ?? null,
      expires_at_ms: expiresAtMs,
    };
    // Protocol artefacts are written without fsync (writeUnsynced: atomic and seen at once).
    await writeUnsynced(
      this.#h,
      this.#db
        .insertInto('dauth_models')
        .values({ sandbox_id: sandboxId, model, id, consumed_at_ms: null, ...row })
        .onConflict((oc) => oc.columns(['sandbox_id', 'model', 'id']).doUpdateSet(row)),
    );
  }

  async findModel(
    sandboxId: string,
    model: string,
    id: string,
    nowMs = Date.now(),
  ): Promise<DauthModelRow | undefined> {
    return this.#find(sandboxId, model, 'id', id, nowMs);
  }

  async findModelBy(
    sandboxId: string,
    model: string,
    by: 'uid' | 'userCode',
    value: string,
    nowMs = Date.now(),
  ): Promise<DauthModelRow | undefined> {
    return this.#find(sandboxId, model, by === 'uid' ? 'uid' : 'user_code', value, nowMs);
  }

  async #find(
    sandboxId: string,
    model: string,
    column: 'id' | 'uid' | 'user_code',
    value: string,
    nowMs: number,
  ): Promise<DauthModelRow | undefined> {
    const r = await this.#db
      .selectFrom('dauth_models')
      .select(['payload', 'consumed_at_ms', 'expires_at_ms'])
      .where('sandbox_id', '=', sandboxId)
      .where('model', '=', model)
      .where(column, '=', value)
      .executeTakeFirst();
    return r && this.#row(r, nowMs);
  }

  /** The unexpired artefacts of a model, newest expiry first (e.g. pending interactions). */
  async listModels(
    sandboxId: string,
    model: string,
    nowMs = Date.now(),
    limit = 100,
  ): Promise<DauthModelRow[]> {
    const rows = await this.#db
      .selectFrom('dauth_models')
      .select(['payload', 'consumed_at_ms', 'expires_at_ms'])
      .where('sandbox_id', '=', sandboxId)
      .where('model', '=', model)
      .where('expires_at_ms', '>', nowMs)
      .orderBy('expires_at_ms', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => this.#row(r, nowMs)).filter((r): r is DauthModelRow => r !== undefined);
  }

  /** Marks consumed; resolves false when it already was (a replay), so two instances cannot both consume. */
  async consumeModel(sandboxId: string, model: string, id: string, atMs = Date.now()): Promise<boolean> {
    const r = await writeUnsynced(
      this.#h,
      this.#db
        .updateTable('dauth_models')
        .set({ consumed_at_ms: atMs })
        .where('sandbox_id', '=', sandboxId)
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at_ms', 'is', null),
    );
    return r.changes > 0;
  }

  async destroyModel(sandboxId: string, model: string, id: string): Promise<void> {
    await writeUnsynced(
      this.#h,
      this.#db
        .deleteFrom('dauth_models')
        .where('sandbox_id', '=', sandboxId)
        .where('model', '=', model)
        .where('id', '=', id),
    );
  }

  async revokeByGrantId(sandboxId: string, grantId: string): Promise<void> {
    await this.#db
      .deleteFrom('dauth_models')
      .where('sandbox_id', '=', sandboxId)
      .where('grant_id', '=', grantId)
      .execute();
  }

  /** Deletes expired artefacts of every sandbox. */
  async sweep(nowMs = Date.now()): Promise<void> {
    await this.#db.deleteFrom('dauth_models').where('expires_at_ms', '<', nowMs).execute();
  }

  #row(
    r: {
      payload: string;
      consumed_at_ms: number | string | bigint | null;
      expires_at_ms: number | string | bigint | null;
    },
    nowMs: number,
  ): DauthModelRow | undefined {
    const expiresAtMs = num(r.expires_at_ms);
    if (expiresAtMs !== null && expiresAtMs <= nowMs) return undefined;
    return {
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      consumedAtMs: num(r.consumed_at_ms),
      expiresAtMs,
    };
  }

  // ── clients ──

  /** Registers a client; false if the client_id is taken in this sandbox. */
  async addClient(
    sandboxId: string,
    clientId: string,
    metadata: Record<string, unknown>,
    at: string,
  ): Promise<boolean> {
    try {
      await this.#db
        .insertInto('dauth_clients')
        .values({
          sandbox_id: sandboxId,
          client_id: clientId,
          metadata: JSON.stringify(metadata),
          created_at: at,
        })
        .execute();
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async client(sandboxId: string, clientId: string): Promise<DauthClientRow | undefined> {
    const r = await this.#db
      .selectFrom('dauth_clients')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return r && { clientId: r.client_id, metadata: JSON.parse(r.metadata), createdAt: r.created_at };
  }

  async listClients(sandboxId: string): Promise<DauthClientRow[]> {
    const rows = await this.#db
      .selectFrom('dauth_clients')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      clientId: r.client_id,
      metadata: JSON.parse(r.metadata),
      createdAt: r.created_at,
    }));
  }

  async deleteClient(sandboxId: string, clientId: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('dauth_clients')
      .where('sandbox_id', '=', sandboxId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ── secrets ──

  /** The sandbox's provider secrets (JSON text), created with `create` on first use; encrypted at rest. */
  async secrets(sandboxId: string, create: () => Promise<string>): Promise<string> {
    const context = `dauth:${sandboxId}:secrets`;
    const read = async () => {
      const r = await this.#db
        .selectFrom('dauth_secrets')
        .select('value_enc')
        .where('sandbox_id', '=', sandboxId)
        .executeTakeFirst();
      return r && this.#h.box.decryptText(r.value_enc, context);
    };
    const existing = await read();
    if (existing !== undefined) return existing;
    const fresh = await create();
    await this.#db
      .insertInto('dauth_secrets')
      .values({
        sandbox_id: sandboxId,
        value_enc: this.#h.box.encryptText(fresh, context),
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('sandbox_id').doNothing())
      .execute();
    return (await read())!;
  }
}
