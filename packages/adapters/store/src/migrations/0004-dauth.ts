import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../url.js';

/**
 * The デジタル認証アプリ provider's tables (@myna/dauth, docs/dauth.md): oidc-provider's artefacts
 * (sessions, interactions, codes, tokens, grants, replay guards, sign transactions) as JSON
 * payloads with an expiry and the three lookup indexes oidc-provider needs (grantId, uid,
 * userCode); the registered relying parties; and each sandbox's provider secrets (signing keys,
 * cookie keys, pairwise salt), encrypted at rest.
 */
export function dauth(_dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('dauth_models')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('uid', 'text')
        .addColumn('user_code', 'text')
        .addColumn('expires_at_ms', 'bigint')
        .addColumn('consumed_at_ms', 'bigint')
        .addPrimaryKeyConstraint('dauth_models_pk', ['sandbox_id', 'model', 'id'])
        .execute();
      await db.schema
        .createIndex('dauth_models_grant_idx')
        .on('dauth_models')
        .columns(['sandbox_id', 'grant_id'])
        .execute();
      await db.schema
        .createIndex('dauth_models_uid_idx')
        .on('dauth_models')
        .columns(['sandbox_id', 'model', 'uid'])
        .execute();
      await db.schema
        .createIndex('dauth_models_user_code_idx')
        .on('dauth_models')
        .columns(['sandbox_id', 'model', 'user_code'])
        .execute();
      await db.schema
        .createIndex('dauth_models_expiry_idx')
        .on('dauth_models')
        .columns(['expires_at_ms'])
        .execute();
      await db.schema
        .createTable('dauth_clients')
        .addColumn('sandbox_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dauth_clients_pk', ['sandbox_id', 'client_id'])
        .execute();
      await db.schema
        .createTable('dauth_secrets')
        .addColumn('sandbox_id', 'text', (c) => c.primaryKey())
        .addColumn('value_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: see above
    async down(db: Kysely<any>) {
      await db.schema.dropTable('dauth_secrets').execute();
      await db.schema.dropTable('dauth_clients').execute();
      await db.schema.dropTable('dauth_models').execute();
    },
  };
}
