import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../url.js';

/** The first schema. Portable schema builder; `sql` only for the dialect's byte and serial types. */
export function initial(dialect: Dialect): Migration {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('cards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text')
        .addColumn('kind', 'text')
        .addColumn('status', 'text')
        .addColumn('issued_on', 'text')
        .addColumn('expires_on', 'text')
        .addColumn('security_code_enc', 'text')
        .addColumn('admin_key_enc', 'text')
        .addColumn('image_enc', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('cards_sandbox_serial_unique', ['sandbox_id', 'serial'])
        .execute();
      await db.schema
        .createIndex('cards_resident_idx')
        .on('cards')
        .columns(['sandbox_id', 'resident_id'])
        .execute();

      await db.schema
        .createTable('card_pins')
        .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
        .addColumn('pin_id', 'text', (c) => c.notNull())
        .addColumn('value_enc', 'text')
        .addColumn('max_tries', 'integer', (c) => c.notNull())
        .addColumn('tries_left', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('card_pins_pk', ['card_id', 'pin_id'])
        .addCheckConstraint('card_pins_tries_check', sql`tries_left >= 0 and tries_left <= max_tries`)
        .execute();

      await db.schema
        .createTable('card_events')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('pin', 'text')
        .addColumn('tries_left', 'integer')
        .addColumn('max_tries', 'integer')
        .addColumn('terminal', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema
        .createIndex('card_events_card_idx')
        .on('card_events')
        .columns(['card_id', 'id'])
        .execute();

      await db.schema
        .createTable('residents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('my_number_enc', 'text', (c) => c.notNull())
        .addColumn('my_number_hmac', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('photo', bytes, (c) => c.notNull())
        .addColumn('facts_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('residents_sandbox_my_number_unique', ['sandbox_id', 'my_number_hmac'])
        .execute();

      await db.schema
        .createTable('certificates')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('serial_hex', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('der', bytes, (c) => c.notNull())
        .addColumn('not_before', 'text', (c) => c.notNull())
        .addColumn('not_after', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('reason', 'text')
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('certificates_pk', ['sandbox_id', 'kind', 'serial_hex'])
        .execute();
      await db.schema
        .createIndex('certificates_card_idx')
        .on('certificates')
        .columns(['sandbox_id', 'card_id'])
        .execute();

      await db.schema
        .createTable('secrets')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value_enc', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('secrets_pk', ['sandbox_id', 'name'])
        .execute();

      await db.schema
        .createTable('public_objects')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('public_objects_pk', ['sandbox_id', 'name'])
        .execute();

      await db.schema
        .createTable('sequences')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sequences_pk', ['sandbox_id', 'name'])
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: see up()
    async down(db: Kysely<any>) {
      for (const t of [
        'sequences',
        'public_objects',
        'secrets',
        'certificates',
        'residents',
        'card_events',
        'card_pins',
        'cards',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
