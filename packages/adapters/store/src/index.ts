/**
 * @myna/store — durable state for myna-sandbox: one Kysely schema on SQLite (embedded default,
 * BEGIN IMMEDIATE + WAL) and PostgreSQL (several instances, SELECT … FOR UPDATE), with the
 * `CardStateStore` (@myna/card) and `AuthorityStore` (@myna/services) adapters. Secrets, PIN values
 * and My Numbers are encrypted at rest with the sandbox master key (AES-256-GCM).
 */
export { SqlAuthorityStore } from './authority-store.js';
export { SqlCardStore, type SqlCardStoreOptions, type StoredCardEvent } from './card-store.js';
export { SecretBox } from './cipher.js';
export { type DauthClientRow, type DauthModelRow, SqlDauthStore } from './dauth-store.js';
export { isStoreError, StoreError, type StoreErrorCode } from './errors.js';
export { loadOrCreateKeyFile, type MasterKeySource, parseMasterKey } from './master-key.js';
export { migrationProvider } from './migrations/index.js';
export {
  type DirectAccess,
  migrate,
  type OpenDatabaseOptions,
  openDatabase,
  type StoreDatabase,
} from './open.js';
export { SqlPhoneStore } from './phone-store.js';
export { SqlResetStore } from './reset-store.js';
export type * from './schema.js';
export { type ClockState, type LeaseResult, type SandboxRow, SqlServerStore } from './server-store.js';
export { ImmediateSqliteDialect, ImmediateSqliteDriver, SqliteDirect } from './sqlite-dialect.js';
export {
  type DatabaseTarget,
  DEFAULT_DATABASE_URL,
  type Dialect,
  parseDatabaseUrl,
  redactUrl,
} from './url.js';
