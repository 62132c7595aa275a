import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../url.js';

/**
 * The smartphone certificates' registry (スマホ用電子証明書, docs/phone.md): one row per phone
 * secure element, linked to the card it was issued from. The element's chip is a row of `cards`
 * (the card store writes it, like a card's), its certificates are rows of `certificates` with
 * `card_id` = the phone's id; only the link and the element's issuer key (encrypted) live here.
 */
export function phones(_dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('phones')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('admin_key_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('phones_card_idx')
        .on('phones')
        .columns(['sandbox_id', 'card_id'])
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: see above
    async down(db: Kysely<any>) {
      await db.schema.dropTable('phones').execute();
    },
  };
}
