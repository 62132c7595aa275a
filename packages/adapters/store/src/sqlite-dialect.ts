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
  readonly #fileLock: AsyncMutex | undefined;

  constructor(config: SqliteDialectConfig, fileKey: string | undefined) {
    super(config);
    this.#fileLock = fileKey === undefined ? undefined : fileMutex(fileKey);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#fileLock?.lock();
    try {
      return await super.acquireConnection();
    } catch (e) {
      this.#fileLock?.unlock();
      throw e;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#fileLock?.unlock();
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

  constructor(config: SqliteDialectConfig, fileKey?: string) {
    super(config);
    this.#config = config;
    this.#fileKey = fileKey;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#fileKey);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
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
