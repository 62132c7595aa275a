import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite driver always opens transactions with a plain (DEFERRED) `begin`, which lets
 * two processes read the same counter and then lose a writer to SQLITE_BUSY_SNAPSHOT (spec:
 * stack.md §2; kysely issue #1152). This driver sends `begin immediate`, which takes the write
 * lock up front, so read-modify-write transactions on one file serialise across processes
 * (waiting up to `busy_timeout`).
 *
 * It also serialises every handle that this process opens on the same file through one mutex:
 * better-sqlite3 is synchronous, so a second handle waiting in `busy_timeout` for a lock held by a
 * first handle in the same thread would block the very event loop that must release it.
 */
export class ImmediateSqliteDriver extends SqliteDriver {
  readonly #fileLock: AsyncMutex;

  /** `lock`: the mutex of the file (`fileKey`'s), else a private one for this driver. */
  constructor(config: SqliteDialectConfig, fileKey: string | undefined, lock?: AsyncMutex) {
    super(config);
    this.#fileLock = lock ?? (fileKey === undefined ? new AsyncMutex() : fileMutex(fileKey));
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#fileLock.lock();
    try {
      return await super.acquireConnection();
    } catch (e) {
      this.#fileLock.unlock();
      throw e;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#fileLock.unlock();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite does run DDL inside transactions; saying so makes Kysely's Migrator wrap its run in one. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * `SqliteDialect` with the BEGIN IMMEDIATE driver. With `fileKey` (the database file's absolute
 * path), handles on the same file in this process share one mutex. Its adapter reports
 * transactional DDL, so the Migrator runs inside one `begin immediate` transaction: concurrent
 * starts on one file (several processes) serialise, and the later ones find the migrations done.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #fileKey: string | undefined;
  readonly #lock: AsyncMutex;

  constructor(config: SqliteDialectConfig, fileKey?: string) {
    super(config);
    this.#config = config;
    this.#fileKey = fileKey;
    this.#lock = fileKey === undefined ? new AsyncMutex() : fileMutex(fileKey);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#fileKey, this.#lock);
  }

  /**
   * Direct access to the better-sqlite3 handle `database` (the one given in `config`) under the
   * same mutex as this dialect's Kysely connection, for hot paths that run a whole transaction
   * synchronously on prepared statements.
   */
  direct(database: BetterSqlite3.Database): SqliteDirect {
    return new SqliteDirect(database, this.#lock);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * A better-sqlite3 handle shared with a Kysely instance, for synchronous transactions on
 * prepared statements. `run` takes the mutex that every Kysely connection of the file in this
 * process takes, so no Kysely transaction is open on the handle while `fn` runs; `fn` runs
 * synchronously (one turn of the event loop) and must leave no transaction open.
 */
export class SqliteDirect {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly database: BetterSqlite3.Database,
    readonly lock: AsyncMutex,
  ) {}

  /** A prepared statement, compiled once per handle. */
  statement(sql: string): BetterSqlite3.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.database.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  async run<T>(fn: (direct: SqliteDirect) => T): Promise<T> {
    await this.lock.lock();
    try {
      return fn(this);
    } finally {
      this.lock.unlock();
    }
  }
}

/** A FIFO async mutex. */
export class AsyncMutex {
  #locked = false;
  readonly #waiters: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

const fileMutexes = new Map<string, AsyncMutex>();

function fileMutex(key: string): AsyncMutex {
  let m = fileMutexes.get(key);
  if (!m) {
    m = new AsyncMutex();
    fileMutexes.set(key, m);
  }
  return m;
}
