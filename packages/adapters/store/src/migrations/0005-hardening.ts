import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../url.js';

/**
 * Several instances behind a load balancer (issue 11): kiosk screens in the database (any
 * instance serves any step), an index to find the tail of a sandbox's event feed without reading
 * it, and who created a sandbox without an API key (a hash of the caller's address), so the
 * number such a caller may create is bounded across instances.
 */
export function hardening(_dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('kiosk_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        // The kiosk's screen state and the card session in its reader (JSON; never a PIN value).
        .addColumn('state', 'text', (c) => c.notNull())
        // Optimistic concurrency: a step writes only over the version it read.
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_used_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('kiosk_sessions_sandbox_idx')
        .on('kiosk_sessions')
        .columns(['sandbox_id', 'last_used_ms'])
        .execute();
      await db.schema
        .createIndex('card_events_sandbox_idx')
        .on('card_events')
        .columns(['sandbox_id', 'id'])
        .execute();
      await db.schema.alterTable('sandboxes').addColumn('creator', 'text').execute();
      await db.schema
        .createIndex('sandboxes_creator_idx')
        .on('sandboxes')
        .columns(['creator', 'created_at'])
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: see up()
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('sandboxes_creator_idx').ifExists().execute();
      await db.schema.alterTable('sandboxes').dropColumn('creator').execute();
      await db.schema.dropIndex('card_events_sandbox_idx').ifExists().execute();
      await db.schema.dropIndex('kiosk_sessions_sandbox_idx').ifExists().execute();
      await db.schema.dropTable('kiosk_sessions').execute();
    },
  };
}
