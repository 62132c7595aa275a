import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { SecretBox } from './cipher.js';
import { StoreError } from './errors.js';
import { loadOrCreateKeyFile, type MasterKeySource, parseMasterKey } from './master-key.js';
import { migrationProvider } from './migrations/index.js';
import { withRetry } from './retry.js';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect, type SqliteDirect } from './sqlite-dialect.js';
import { type DatabaseTarget, DEFAULT_DATABASE_URL, type Dialect, parseDatabaseUrl } from './url.js';

export interface OpenDatabaseOptions {
  /** The master key itself (32 bytes, or its base64/hex text). Wins over everything else. */
  readonly masterKey?: Uint8Array | string;
  /** Key file to read or create. Default: `<db dir>/master.key` (SQLite); MYNA_MASTER_KEY_FILE or `./.myna-sandbox/master.key` (PostgreSQL). */
  readonly masterKeyFile?: string;
  /** Folder that relative paths are resolved against. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Environment to read DATABASE_URL, MYNA_MASTER_KEY and MYNA_MASTER_KEY_FILE from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
  /** SQLite: how long a writer waits for another process's lock. Default 10 000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * SQLite `synchronous`. Default `full`: a committed PIN try survives a power cut too, as the
   * card promises ("a crash can lose an answer, never an attempt"). `normal` survives process
   * crashes only, and is faster.
   */
  readonly synchronous?: 'full' | 'normal';
  /** PostgreSQL pool size. Default 10. */
  readonly poolMax?: number;
}

/** An open database: the Kysely instance, its dialect, and the master-key box for the adapters. */
export interface StoreDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** AES-256-GCM with the master key; used by `SqlCardStore` and `SqlAuthorityStore`. */
  readonly box: SecretBox;
  /** The database, safe to print (PostgreSQL password masked). */
  readonly target: string;
  readonly masterKeySource: MasterKeySource;
  /**
   * The driver under `db`, for hot paths that need fewer round trips than Kysely gives
   * (`SqlCardStore.updatePin`): the better-sqlite3 handle under `db`'s own mutex, or `db`'s pg pool.
   */
  readonly direct: DirectAccess;
  close(): Promise<void>;
}

/** The driver under a `StoreDatabase`'s Kysely instance. */
export type DirectAccess =
  | { readonly dialect: 'sqlite'; readonly sqlite: SqliteDirect }
  | { readonly dialect: 'postgres'; readonly pool: pg.Pool };

/**
 * Opens (and by default migrates) the sandbox database named by `url`, else by DATABASE_URL, else
 * `sqlite:./.myna-sandbox/sandbox.db` (its folder is created).
 *
 * - SQLite (better-sqlite3): WAL, `busy_timeout` 10 s, `foreign_keys=ON`, `synchronous=FULL`,
 *   transactions opened with BEGIN IMMEDIATE. Several processes may open one file at once. Card
 *   leases and the デジタル認証アプリ provider's protocol artefacts are written without fsync
 *   (`writeUnsynced`, unsynced.ts): atomic and seen at once, lost only with a power cut.
 * - PostgreSQL (pg Pool): migrations run under Kysely's advisory lock, so instances may start
 *   together.
 *
 * The master key comes from `opts.masterKey`, MYNA_MASTER_KEY (base64 or hex of 32 bytes), or a
 * key file that is created (mode 0600) on first start. An in-memory SQLite database without any
 * of these gets a throw-away random key.
 */
export async function openDatabase(url?: string, opts: OpenDatabaseOptions = {}): Promise<StoreDatabase> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const given = url ?? env.DATABASE_URL;
  const target = parseDatabaseUrl(given ?? DEFAULT_DATABASE_URL, cwd);
  if (target.dialect === 'sqlite' && !target.memory) {
    const folder = dirname(target.path);
    // The default folder (./.myna-sandbox) is the sandbox's own: created on first start. A folder
    // the user named must exist — a typo must not grow a directory tree.
    if (given === undefined) mkdirSync(folder, { recursive: true });
    else if (!existsSync(folder))
      throw new StoreError(
        'DATABASE_FOLDER_MISSING',
        `the folder of DATABASE_URL does not exist: ${folder} (create it, or choose another path)`,
        { details: { folder } },
      );
  }
  const { key, source } = resolveMasterKey(target, opts, env, cwd);
  const box = new SecretBox(key);
  key.fill(0);

  const { db, direct } =
    target.dialect === 'sqlite' ? openSqlite(target, opts) : await openPostgres(target, opts);
  const handle: StoreDatabase = {
    db,
    direct,
    dialect: target.dialect,
    box,
    target: target.display,
    masterKeySource: source,
    close: () => db.destroy(),
  };
  if (opts.migrate !== false) {
    try {
      await migrate(handle);
    } catch (e) {
      await db.destroy().catch(() => undefined);
      throw e;
    }
  }
  return handle;
}

/** Brings the schema up to date. Safe to run from several processes at once. */
export async function migrate(handle: Pick<StoreDatabase, 'db' | 'dialect' | 'target'>): Promise<void> {
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider(handle.dialect) });
  const { error } = await withRetry('migrate', async () => {
    const r = await migrator.migrateToLatest();
    if (r.error) throw r.error;
    return r;
  }).catch((e: unknown) => ({ error: e }));
  if (error === undefined) return;
  if (error instanceof StoreError) throw error;
  const code = (error as { code?: unknown }).code;
  const connectionProblem =
    typeof code === 'string' &&
    (/^E[A-Z]+$/.test(code) || code.startsWith('28') || code === '3D000' || code === 'SQLITE_CANTOPEN');
  throw new StoreError(
    connectionProblem ? 'CONNECTION_FAILED' : 'MIGRATION_FAILED',
    connectionProblem
      ? `cannot use the database ${handle.target}: ${safeMessage(error)}`
      : `migrating ${handle.target} failed: ${safeMessage(error)}`,
    { cause: error },
  );
}

function safeMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.slice(0, 300);
}

function resolveMasterKey(
  target: DatabaseTarget,
  opts: OpenDatabaseOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): { key: Uint8Array; source: MasterKeySource } {
  if (opts.masterKey !== undefined) {
    const key =
      typeof opts.masterKey === 'string'
        ? parseMasterKey(opts.masterKey, 'the masterKey option')
        : new Uint8Array(opts.masterKey);
    if (key.length !== 32)
      throw new StoreError('MASTER_KEY_INVALID', 'the masterKey option must be 32 bytes');
    return { key, source: { kind: 'option' } };
  }
  const fromEnv = env.MYNA_MASTER_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { key: parseMasterKey(fromEnv, 'MYNA_MASTER_KEY'), source: { kind: 'env' } };
  }
  let file = opts.masterKeyFile === undefined ? undefined : resolve(cwd, opts.masterKeyFile);
  if (file === undefined) {
    if (target.dialect === 'sqlite') {
      if (target.memory) return { key: new Uint8Array(randomBytes(32)), source: { kind: 'ephemeral' } };
      file = join(dirname(target.path), 'master.key');
    } else {
      const fromEnvFile = env.MYNA_MASTER_KEY_FILE;
      file = resolve(
        cwd,
        fromEnvFile && fromEnvFile.trim() !== '' ? fromEnvFile : './.myna-sandbox/master.key',
      );
    }
  }
  const { key, created } = loadOrCreateKeyFile(file);
  return { key, source: { kind: 'file', path: file, created } };
}

function openSqlite(
  target: Extract<DatabaseTarget, { dialect: 'sqlite' }>,
  opts: OpenDatabaseOptions,
): { db: Kysely<Database>; direct: DirectAccess } {
  const busyMs = opts.busyTimeoutMs ?? 10_000;
  let raw: BetterSqlite3.Database;
  try {
    if (target.memory) {
      raw = new BetterSqlite3(':memory:');
    } else {
      raw = new BetterSqlite3(target.path, { timeout: busyMs });
    }
  } catch (e) {
    throw new StoreError('CONNECTION_FAILED', `cannot open ${target.display}: ${safeMessage(e)}`, {
      cause: e,
    });
  }
  try {
    raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyMs))}`);
    if (!target.memory) retrySync(() => raw.pragma('journal_mode = WAL'));
    raw.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    raw.pragma('foreign_keys = ON');
  } catch (e) {
    raw.close();
    throw new StoreError('CONNECTION_FAILED', `cannot prepare ${target.display}: ${safeMessage(e)}`, {
      cause: e,
    });
  }
  const dialect = new ImmediateSqliteDialect({ database: raw }, target.memory ? undefined : target.path);
  return {
    db: new Kysely<Database>({ dialect }),
    direct: { dialect: 'sqlite', sqlite: dialect.direct(raw) },
  };
}

/** Switching to WAL needs a moment of exclusive access; another process opening the file may hold it. */
function retrySync<T>(fn: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 50 || typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + Math.random() * 30);
    }
  }
}

/** node-postgres loads only for a PostgreSQL URL: a SQLite sandbox (and the CLI) starts without it. */
async function openPostgres(
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  opts: OpenDatabaseOptions,
): Promise<{ db: Kysely<Database>; direct: DirectAccess }> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target.connectionString, max: opts.poolMax ?? 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    direct: { dialect: 'postgres', pool },
  };
}
