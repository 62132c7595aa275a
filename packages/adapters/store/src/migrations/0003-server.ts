import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../url.js';

/**
 * The server's tables: the sandbox registry (API keys, the persisted sandbox clock) and card
 * leases (a card sits in one terminal at a time, across server instances).
 */
export function server(_dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sandboxes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('api_key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('api_key_enc', 'text', (c) => c.notNull())
        // Clock: running with an offset from real time, or frozen at an instant (ms since epoch).
        .addColumn('clock_offset_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('clock_frozen_at_ms', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('card_leases')
        .addColumn('card_id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('terminal', 'text', (c) => c.notNull())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await sql`select 1`.execute(db);
    },
    // biome-ignore lint/suspicious/noExplicitAny: see above
    async down(db: Kysely<any>) {
      await db.schema.dropTable('card_leases').execute();
      await db.schema.dropTable('sandboxes').execute();
    },
  };
}
