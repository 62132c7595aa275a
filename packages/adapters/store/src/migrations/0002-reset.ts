import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../url.js';

/**
 * The reset ecosystem's tables (packages/services/src/reset, docs/reset.md): reservations of the
 * JPKI PIN-reset app (at most one active per card and PIN: a partial unique index), counter staff
 * and their sessions (token hashes only), counter procedures and mailed letters (answer codes
 * encrypted), and office events (staff logins: steps not about a card). Procedure steps about a
 * card go into `card_events`, beside the card's PIN events.
 */
export function reset(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reset_reservations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
        .addColumn('pin', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('face_matched_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('terminal', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .execute();
      await db.schema
        .createIndex('reset_reservations_card_idx')
        .on('reset_reservations')
        .columns(['sandbox_id', 'card_id'])
        .execute();
      // One active reservation per card and PIN type (pin-lifecycle.md §2; a new one replaces it).
      await sql`create unique index reset_reservations_active_unique on reset_reservations (sandbox_id, card_id, pin) where status = 'active'`.execute(
        db,
      );

      await db.schema
        .createTable('counter_staff')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('counter_staff_pk', ['sandbox_id', 'id'])
        .execute();

      await db.schema
        .createTable('counter_sessions')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('window', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('counter_sessions_pk', ['sandbox_id', 'token_hash'])
        .execute();

      await db.schema
        .createTable('counter_procedures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('applicant_role', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text')
        // JSON array of PIN ids.
        .addColumn('pins', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        // JSON array of the identity checks that passed (names only).
        .addColumn('checks', 'text', (c) => c.notNull())
        .addColumn('visits', 'integer', (c) => c.notNull())
        .addColumn('answer_attempts', 'integer', (c) => c.notNull())
        .addColumn('letter_id', 'text')
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .execute();
      await db.schema
        .createIndex('counter_procedures_card_idx')
        .on('counter_procedures')
        .columns(['sandbox_id', 'card_id'])
        .execute();

      await db.schema
        .createTable('counter_letters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('procedure_id', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('addressee', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('answer_code_enc', 'text', (c) => c.notNull())
        .addColumn('mailed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('counter_letters_resident_idx')
        .on('counter_letters')
        .columns(['sandbox_id', 'resident_id'])
        .execute();

      await db.schema
        .createTable('office_events')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('terminal', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema
        .createIndex('office_events_sandbox_idx')
        .on('office_events')
        .columns(['sandbox_id', 'id'])
        .execute();
      // The card timeline reads a card's events ordered by time.
      await db.schema
        .createIndex('card_events_card_at_idx')
        .on('card_events')
        .columns(['card_id', 'at', 'id'])
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: see up()
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('card_events_card_at_idx').ifExists().execute();
      for (const t of [
        'office_events',
        'counter_letters',
        'counter_procedures',
        'counter_sessions',
        'counter_staff',
        'reset_reservations',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
