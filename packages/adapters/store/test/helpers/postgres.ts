import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../../../../scripts/postgres-test.sh', import.meta.url));

export interface TestPostgres {
  /** URL of the cluster's `myna` database (MYNA_TEST_POSTGRES_URL). */
  readonly url: string;
  /** Creates an empty database for one test and returns its URL; dropped after the file's tests. */
  fresh(): Promise<string>;
}

/**
 * PostgreSQL for a test file. Uses MYNA_TEST_POSTGRES_URL when set; otherwise starts a throwaway
 * cluster with scripts/postgres-test.sh before the file's tests and stops it after them. Never
 * skips: if PostgreSQL cannot be had, the tests fail with the reason.
 */
export function usePostgres(): TestPostgres {
  let baseUrl = process.env.MYNA_TEST_POSTGRES_URL;
  let startedDir: string | undefined;
  const created: string[] = [];

  beforeAll(() => {
    if (baseUrl) return;
    const r = spawnSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 90_000 });
    const vars = Object.fromEntries(
      [...(r.stdout ?? '').matchAll(/^export (MYNA_TEST_POSTGRES_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
    );
    if (r.status !== 0 || !vars.MYNA_TEST_POSTGRES_URL) {
      throw new Error(
        'These tests need PostgreSQL and scripts/postgres-test.sh could not start one ' +
          `(exit ${r.status ?? r.signal}). Install the server (apt-get install postgresql) or set ` +
          `MYNA_TEST_POSTGRES_URL.\n${r.stderr ?? ''}${r.error ? String(r.error) : ''}`,
      );
    }
    baseUrl = vars.MYNA_TEST_POSTGRES_URL;
    startedDir = vars.MYNA_TEST_POSTGRES_DIR;
  }, 120_000);

  afterAll(async () => {
    if (startedDir) {
      spawnSync('bash', [SCRIPT, 'stop', startedDir], { encoding: 'utf8', timeout: 60_000 });
      return;
    }
    if (baseUrl && created.length > 0) {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    }
  }, 60_000);

  return {
    get url() {
      if (!baseUrl) throw new Error('PostgreSQL is not started yet (use it inside tests or hooks)');
      return baseUrl;
    },
    async fresh() {
      if (!baseUrl) throw new Error('PostgreSQL is not started yet (use it inside tests or hooks)');
      const name = `myna_t_${randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      created.push(name);
      const u = new URL(baseUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}
