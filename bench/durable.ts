/**
 * bench/durable — the card's durable VERIFY path beside a raw durable commit of the same writes
 * (issue 15 item 1), on SQLite and on PostgreSQL, in one process, alternating.
 *
 *   npm run bench:durable             (ROUNDS=20 PAIRS=50 by default)
 *
 * A case is a wrong-then-right VERIFY pair on the auth PIN through `VirtualCard.transmit` on a
 * `SqlCardStore` (63C2, then 9000: two committed tries, each a counter write and an event). The
 * baseline is the same writes with the database driver alone, on another card of the same
 * database: per try one `UPDATE card_pins` (tries_left, updated_at) and one `INSERT INTO
 * card_events` inside `BEGIN IMMEDIATE … COMMIT` (better-sqlite3 prepared statements, the store's
 * pragmas: WAL, `synchronous=FULL`) or `BEGIN … COMMIT` (one `pg.Client`, the same statements).
 * A third case is the same VERIFY pair on a store whose `updatePin` is the previous Kysely
 * transaction (SELECT, UPDATE, INSERT through the query builder; up to 253fb53), on a third card.
 * The cases take turns pair by pair (the order rotating), ROUNDS × PAIRS pairs each, every pair
 * timed on its own: the machine is shared, so the cases must see the same load, and medians of
 * pair times resist the fsync spikes of a shared disk. Rates are 1 / the median pair time; a
 * ratio is raw's median pair time over the case's, with the quartiles of the same ratio over
 * blocks of PAIRS consecutive pairs.
 *
 * The SQLite file is in the temp folder, or in BENCH_SQLITE_DIR (`/dev/shm`: a tmpfs, where the
 * fsync costs nothing, to see the overhead around it).
 *
 * PostgreSQL comes from MYNA_TEST_POSTGRES_URL (a fresh database is created in it for the run),
 * or a private cluster started with scripts/postgres-test.sh. SKIP_POSTGRES=1 leaves it out.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHex } from '@myna/apdu';
import { type PinId, type PinRecord, type PinUpdate, personalize, VirtualCard } from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { openDatabase, SqlCardStore, type StoreDatabase } from '@myna/store';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PINS, testProfile } from '../packages/core/card/test/fixtures/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PAIRS = Number(process.env.PAIRS ?? 50);
const MASTER_KEY = new Uint8Array(32).fill(5);

const SELECT_JPKI = fromHex('00A4040C0AD392F000260100000001');
const VERIFY_WRONG = fromHex(`0020009804${Buffer.from('0000').toString('hex')}`);
const VERIFY_RIGHT = fromHex(`0020009804${Buffer.from(PINS.auth).toString('hex')}`);

const UPDATE_SQL = 'UPDATE card_pins SET tries_left = $1, updated_at = $2 WHERE card_id = $3 AND pin_id = $4';
const INSERT_SQL =
  'INSERT INTO card_events (card_id, sandbox_id, type, pin, tries_left, max_tries, terminal, at, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)';

type Try = (triesLeft: number, type: string) => Promise<void> | void;

/**
 * The previous `SqlCardStore.updatePin` (up to 253fb53): one Kysely transaction (BEGIN IMMEDIATE
 * / BEGIN), SELECT of the record (FOR UPDATE on PostgreSQL), UPDATE, INSERT of the events, COMMIT.
 */
class KyselyCardStore extends SqlCardStore {
  readonly #h: StoreDatabase;
  constructor(handle: StoreDatabase, sandboxId: string) {
    super(handle, { sandboxId });
    this.#h = handle;
  }
  override updatePin<T>(cardId: string, pin: PinId, fn: (current: PinRecord) => PinUpdate<T>): Promise<T> {
    const { box, dialect, db } = this.#h;
    const c = `card_pins:value:${cardId}:${pin}`;
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('card_pins')
        .innerJoin('cards', 'cards.id', 'card_pins.card_id')
        .select(['card_pins.value_enc', 'card_pins.max_tries', 'card_pins.tries_left', 'cards.sandbox_id'])
        .where('card_pins.card_id', '=', cardId)
        .where('card_pins.pin_id', '=', pin)
        .$if(dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirstOrThrow();
      const current = {
        value: row.value_enc === null ? null : box.decryptText(row.value_enc, c),
        maxTries: Number(row.max_tries),
        triesLeft: Number(row.tries_left),
      };
      const update = fn(current);
      const now = new Date().toISOString();
      if (update.next) {
        const valueEnc =
          update.next.value === current.value
            ? row.value_enc
            : update.next.value === null
              ? null
              : box.encryptText(update.next.value, c);
        await trx
          .updateTable('card_pins')
          .set({
            value_enc: valueEnc,
            max_tries: update.next.maxTries,
            tries_left: update.next.triesLeft,
            updated_at: now,
          })
          .where('card_id', '=', cardId)
          .where('pin_id', '=', pin)
          .execute();
      }
      if (update.events.length > 0) {
        await trx
          .insertInto('card_events')
          .values(
            update.events.map((e) => ({
              card_id: cardId,
              sandbox_id: row.sandbox_id,
              type: e.type,
              pin: e.pin ?? null,
              tries_left: e.triesLeft ?? null,
              max_tries: e.maxTries ?? null,
              terminal: e.terminal,
              at: e.at,
              detail: null,
            })),
          )
          .execute();
      }
      return update.result;
    });
  }
}

/** A card behind VirtualCard on `store`, selected in JPKI, and its wrong-then-right VERIFY pair. */
async function verifyPair(store: SqlCardStore, id: string): Promise<() => Promise<void>> {
  const image = personalize(await testProfile({ id }));
  await store.create(image);
  const card = await VirtualCard.open(image.id, {
    store,
    random: cryptoRandom,
    clock: systemClock,
    terminal: 'bench',
  });
  const expect = async (apdu: Uint8Array, sw: string) => {
    const r = Buffer.from(await card.transmit(apdu))
      .toString('hex')
      .toUpperCase();
    if (!r.endsWith(sw)) throw new Error(`→ ${r.slice(-4)}, wanted ${sw}`);
  };
  await expect(SELECT_JPKI, '9000');
  return async () => {
    await expect(VERIFY_WRONG, '63C2');
    await expect(VERIFY_RIGHT, '9000');
  };
}

/** The three cards: the store's, the previous path's, and one for the raw driver. */
async function cards(
  handle: StoreDatabase,
): Promise<{ pair: () => Promise<void>; kysely: () => Promise<void>; rawId: string }> {
  const run = randomUUID().slice(0, 8);
  const pair = await verifyPair(new SqlCardStore(handle, { sandboxId: `bench-${run}` }), `bench-card-${run}`);
  const kysely = await verifyPair(new KyselyCardStore(handle, `bench-kysely-${run}`), `bench-kysely-${run}`);
  const raw = personalize(await testProfile({ id: `bench-raw-${run}` }));
  await new SqlCardStore(handle, { sandboxId: `bench-raw-${run}` }).create(raw);
  return { pair, kysely, rawId: raw.id };
}

function rawPair(t: Try): () => Promise<void> {
  return async () => {
    await t(2, 'pin.failed');
    await t(3, 'pin.verified');
  };
}

async function time(fn: () => Promise<void>, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return (n * 1e9) / Number(process.hrtime.bigint() - t0);
}

const quantile = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) * q)]!;
const median = (a: number[]) => quantile(a, 0.5);

/** Statements executed (better-sqlite3) or queries sent (pg), counted by the drivers' prototypes. */
let statements = 0;
function count<P extends object>(proto: P, methods: readonly (keyof P)[]): void {
  for (const m of methods) {
    const orig = proto[m] as (...a: unknown[]) => unknown;
    (proto as Record<keyof P, unknown>)[m] = function (this: unknown, ...a: unknown[]) {
      statements++;
      return orig.apply(this, a);
    };
  }
}
{
  const db = new BetterSqlite3(':memory:');
  count(Object.getPrototypeOf(db.prepare('SELECT 1')), ['run', 'get', 'all', 'iterate']);
  db.close();
  count(pg.Client.prototype, ['query']);
}

async function compare(
  label: string,
  cases: { verify: () => Promise<void>; kysely: () => Promise<void>; raw: () => Promise<void> },
): Promise<string> {
  const names = ['verify', 'kysely', 'raw'] as const;
  for (const n of names) await time(cases[n], PAIRS); // warm-up
  // Every pair timed on its own, the three cases taking turns pair by pair (rotating order), so
  // they see the same load; medians of the pair times resist the shared disk's fsync spikes.
  const us: Record<(typeof names)[number], number[]> = { verify: [], kysely: [], raw: [] };
  for (let i = 0; i < ROUNDS * PAIRS; i++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length]!;
      const t0 = process.hrtime.bigint();
      await cases[n]();
      us[n].push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  // Statements the driver executed per pair (SQLite) or queries sent (pg: one round trip each).
  const per: Record<string, string> = {};
  for (const n of names) {
    const before = statements;
    await time(cases[n], PAIRS);
    per[n] = ((statements - before) / PAIRS).toFixed(1);
  }
  // Ratio of median pair times, overall and per block of PAIRS pairs (its quartiles).
  const blocks = (a: number[], b: number[]) =>
    Array.from({ length: ROUNDS }, (_, r) => {
      const s = (x: number[]) => x.slice(r * PAIRS, (r + 1) * PAIRS);
      return median(s(b)) / median(s(a));
    });
  const f = (x: number) => (1e6 / x).toFixed(0);
  const ratio = (n: 'verify' | 'kysely') => {
    const b = blocks(us[n], us.raw);
    return `${(median(us.raw) / median(us[n])).toFixed(2)} (${quantile(b, 0.25).toFixed(2)}–${quantile(b, 0.75).toFixed(2)})`;
  };
  return [
    `| ${label} | ${f(median(us.raw))} | ${per.raw} | ${f(median(us.kysely))} | ${per.kysely}`,
    `| ${ratio('kysely')} | ${f(median(us.verify))} | ${per.verify} | **${ratio('verify')}** |`,
  ].join(' ');
}

async function sqlite(): Promise<string> {
  const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), 'myna-bench-durable-'));
  const path = join(dir, 'sandbox.db');
  const handle = await openDatabase(`sqlite:${path}`, { masterKey: MASTER_KEY });
  const raw = new BetterSqlite3(path, { timeout: 10_000 });
  try {
    const { pair, kysely, rawId } = await cards(handle);
    raw.pragma('busy_timeout = 10000');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    const sqlite = (s: string) => s.replace(/\$\d/g, '?');
    const upd = raw.prepare(sqlite(UPDATE_SQL));
    const ins = raw.prepare(sqlite(INSERT_SQL));
    const sandbox = (
      raw.prepare('SELECT sandbox_id FROM cards WHERE id = ?').get(rawId) as { sandbox_id: string }
    ).sandbox_id;
    const commit = raw.transaction((tries: number, type: string) => {
      const at = new Date().toISOString();
      upd.run(tries, at, rawId, 'auth');
      ins.run(rawId, sandbox, type, 'auth', tries, 3, 'bench', at);
    });
    const fs = process.env.BENCH_SQLITE_DIR ? `, file in ${process.env.BENCH_SQLITE_DIR}` : '';
    return await compare(`SQLite (WAL, synchronous=FULL${fs})`, {
      verify: pair,
      kysely,
      raw: rawPair((t, type) => commit.immediate(t, type)),
    });
  } finally {
    raw.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<string | undefined> {
  if (process.env.SKIP_POSTGRES === '1') return undefined;
  let url = process.env.MYNA_TEST_POSTGRES_URL;
  let started: string | undefined;
  if (!url) {
    const out = execFileSync('bash', ['scripts/postgres-test.sh', 'start'], { encoding: 'utf8' });
    url = /MYNA_TEST_POSTGRES_URL=(\S+)/.exec(out)?.[1]?.replace(/^['"]|['"]$/g, '');
    started = /MYNA_TEST_POSTGRES_DIR=(\S+)/.exec(out)?.[1]?.replace(/^['"]|['"]$/g, '');
    if (!url) throw new Error('scripts/postgres-test.sh printed no URL');
  }
  const name = `bench_durable_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openDatabase(u.toString(), { masterKey: MASTER_KEY });
  const raw = new pg.Client({ connectionString: u.toString() });
  await raw.connect();
  try {
    const { pair, kysely, rawId } = await cards(handle);
    const sandbox = (await raw.query('SELECT sandbox_id FROM cards WHERE id = $1', [rawId])).rows[0]
      .sandbox_id;
    const commit: Try = async (tries, type) => {
      const at = new Date().toISOString();
      await raw.query('BEGIN');
      try {
        await raw.query(UPDATE_SQL, [tries, at, rawId, 'auth']);
        await raw.query(INSERT_SQL, [rawId, sandbox, type, 'auth', tries, 3, 'bench', at]);
        await raw.query('COMMIT');
      } catch (e) {
        await raw.query('ROLLBACK');
        throw e;
      }
    };
    const ver = (await raw.query('SHOW server_version')).rows[0].server_version;
    const fsync = (await raw.query('SHOW fsync')).rows[0].fsync;
    return await compare(`PostgreSQL ${ver} (fsync=${fsync})`, {
      verify: pair,
      kysely,
      raw: rawPair(commit),
    });
  } finally {
    await raw.end();
    await handle.close();
    await admin.query(`DROP DATABASE ${name}`).catch(() => undefined);
    await admin.end();
    if (started) execFileSync('bash', ['scripts/postgres-test.sh', 'stop', started], { stdio: 'inherit' });
  }
}

const rows = [await sqlite(), await postgres()].filter((r): r is string => r !== undefined);
console.log(`node ${process.version}; ${ROUNDS} × ${PAIRS} pairs per case, taking turns pair by pair\n`);
console.log(
  '| store | raw commit pairs/s | statements | previous Kysely VERIFY pairs/s | statements | ÷ raw (blocks’ IQR) | VERIFY pairs/s | statements | ÷ raw (blocks’ IQR) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
