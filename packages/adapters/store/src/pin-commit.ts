import type pg from 'pg';
import type { SqliteDirect } from './sqlite-dialect.js';

/**
 * The durable read-modify-write of one PIN record (`SqlCardStore.updatePin`) on the drivers
 * themselves: the whole try in one synchronous better-sqlite3 transaction on prepared statements,
 * or two round trips on one pg connection. Kysely's builder, per-query compilation and one
 * round trip per statement cost more than the commit itself (BENCHMARKS.md "bench/durable").
 */

/** The stored record of a key reference, with its card's sandbox. */
export interface PinRow {
  readonly value_enc: string | null;
  readonly max_tries: number;
  readonly tries_left: number;
  readonly sandbox_id: string;
}

/** An event row of `card_events` (without its id and card). */
export interface EventValues {
  readonly type: string;
  readonly pin: string | null;
  readonly tries_left: number | null;
  readonly max_tries: number | null;
  readonly terminal: string;
  readonly at: string;
  readonly detail: string | null;
}

/** What a try writes: the new record (or nothing), its events, and the caller's result. */
export interface PinPlan<T> {
  readonly next?: {
    readonly value_enc: string | null;
    readonly max_tries: number;
    readonly tries_left: number;
  };
  readonly events: readonly EventValues[];
  readonly updatedAt: string;
  readonly result: T;
}

/** Thrown by a commit when the key reference has no row; the caller tells which error it is. */
export class PinRowMissing extends Error {}

const READ_SQLITE = `SELECT p.value_enc, p.max_tries, p.tries_left, c.sandbox_id
FROM card_pins p JOIN cards c ON c.id = p.card_id WHERE p.card_id = ? AND p.pin_id = ?`;
const WRITE_SQLITE = `UPDATE card_pins SET value_enc = ?, max_tries = ?, tries_left = ?, updated_at = ?
WHERE card_id = ? AND pin_id = ?`;
const EVENT_SQLITE = `INSERT INTO card_events
(card_id, sandbox_id, type, pin, tries_left, max_tries, terminal, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * SQLite: BEGIN IMMEDIATE (the file's write lock: other processes wait in `busy_timeout`), read,
 * `plan`, write, insert the events, COMMIT (`synchronous=FULL`: fsynced) — synchronously, under the
 * handle's mutex, so no other statement of this process interleaves. Resolves after the commit.
 * SQLITE_BUSY leaves nothing behind and reaches the caller's retry.
 */
export async function commitPinSqlite<T>(
  direct: SqliteDirect,
  cardId: string,
  pin: string,
  plan: (row: PinRow) => PinPlan<T>,
): Promise<T> {
  return direct.run((d) => {
    const db = d.database;
    d.statement('BEGIN IMMEDIATE').run();
    try {
      const row = d.statement(READ_SQLITE).get(cardId, pin) as PinRow | undefined;
      if (!row) throw new PinRowMissing();
      const p = plan(row);
      if (p.next) {
        d.statement(WRITE_SQLITE).run(
          p.next.value_enc,
          p.next.max_tries,
          p.next.tries_left,
          p.updatedAt,
          cardId,
          pin,
        );
      }
      const ins = d.statement(EVENT_SQLITE);
      for (const e of p.events) {
        ins.run(cardId, row.sandbox_id, e.type, e.pin, e.tries_left, e.max_tries, e.terminal, e.at, e.detail);
      }
      d.statement('COMMIT').run();
      return p.result;
    } catch (e) {
      if (db.inTransaction) d.statement('ROLLBACK').run();
      throw e;
    }
  });
}

const READ_PG = `SELECT p.value_enc, p.max_tries, p.tries_left, c.sandbox_id
FROM card_pins p JOIN cards c ON c.id = p.card_id WHERE p.card_id = $1 AND p.pin_id = $2`;

/** The record as it was read: the compare of the compare-and-set. */
const AS_READ_PG = `card_id = $1 AND pin_id = $2
  AND value_enc IS NOT DISTINCT FROM $3::text AND max_tries = $4::int AND tries_left = $5::int`;

const EVENT_COLUMNS = 7;
const statements = new Map<string, string>();

/**
 * The statement that writes a try with `events` events (and the new record if `write`) if the
 * record is still as read: `u` updates it (or locks it, when nothing but events is written), `e`
 * inserts the events for each row of `u`, in order, under the card's current sandbox; its answer
 * is how many records matched (0 or 1).
 * One text per shape, so each is prepared once per connection.
 */
function writeStatement(write: boolean, events: number): { name: string; text: string } {
  const name = `myna.pin.${write ? 'write' : 'lock'}.${events}`;
  let text = statements.get(name);
  if (text === undefined) {
    const first = write ? 9 : 5;
    const u = write
      ? `UPDATE card_pins SET value_enc = $6::text, max_tries = $7::int, tries_left = $8::int, updated_at = $9::text
  WHERE ${AS_READ_PG} RETURNING card_id`
      : `SELECT card_id FROM card_pins WHERE ${AS_READ_PG} FOR UPDATE`;
    const rows = Array.from({ length: events }, (_, i) => {
      const b = first + 1 + i * EVENT_COLUMNS;
      return `(${i}, $${b}::text, $${b + 1}::text, $${b + 2}::int, $${b + 3}::int, $${b + 4}::text, $${b + 5}::text, $${b + 6}::text)`;
    });
    const e =
      events === 0
        ? ''
        : `, e AS (
  INSERT INTO card_events (card_id, sandbox_id, type, pin, tries_left, max_tries, terminal, at, detail)
  SELECT u.card_id, c.sandbox_id, v.type, v.pin, v.tries_left, v.max_tries, v.terminal, v.at, v.detail
  FROM u JOIN cards c ON c.id = u.card_id, (VALUES ${rows.join(', ')}) AS v(ord, type, pin, tries_left, max_tries, terminal, at, detail)
  ORDER BY v.ord
)`;
    text = `WITH u AS (\n  ${u}\n)${e}\nSELECT count(*)::int AS n FROM u`;
    statements.set(name, text);
  }
  return { name, text };
}

/**
 * PostgreSQL, on one pooled connection: `plan` on the record, then one statement that writes the
 * new record *if it is still the one planned on* (compare-and-set on value, limit and counter) and
 * inserts the events — one implicit transaction, committed (and durable, with the server's
 * `synchronous_commit`) when its answer arrives. Under READ COMMITTED the UPDATE waits for a
 * concurrent writer of the row and re-checks the condition on the version that writer committed,
 * so two processes never both spend the same try.
 *
 * The record planned on is `known` (what this process last wrote or read: one round trip in
 * all) when the try writes something, else the one read now (two). When the record changed in
 * between, the try is planned again on a fresh read, and then once more under `SELECT … FOR
 * UPDATE` in an explicit transaction, which cannot lose the race (`plan` is pure and may run
 * several times). Resolves with the result and the record as it is now stored.
 */
export async function commitPinPostgres<T>(
  pool: pg.Pool,
  cardId: string,
  pin: string,
  plan: (row: PinRow) => PinPlan<T>,
  known: PinRow | undefined,
): Promise<{ result: T; row: PinRow }> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    if (known) {
      const p = plan(known);
      if (writes(p) && (await writePg(client, cardId, pin, known, p)))
        return { result: p.result, row: after(known, p) };
    }
    const read = await client.query<PinRow>({ name: 'myna.pin.read', text: READ_PG, values: [cardId, pin] });
    const row = read.rows[0];
    if (!row) throw new PinRowMissing();
    const p = plan(row);
    if (await writePg(client, cardId, pin, row, p)) return { result: p.result, row: after(row, p) };
    await client.query('BEGIN');
    try {
      const locked = await client.query<PinRow>({
        name: 'myna.pin.read-locked',
        text: `${READ_PG} FOR UPDATE`,
        values: [cardId, pin],
      });
      const again = locked.rows[0];
      if (!again) throw new PinRowMissing();
      const q = plan(again);
      if (!(await writePg(client, cardId, pin, again, q))) {
        throw new Error('a locked PIN record changed under its lock');
      }
      await client.query('COMMIT');
      return { result: q.result, row: after(again, q) };
    } catch (e) {
      await client.query('ROLLBACK').catch((r: unknown) => {
        broken = r;
      });
      throw e;
    }
  } finally {
    client.release(broken instanceof Error ? broken : undefined);
  }
}

function writes(p: PinPlan<unknown>): boolean {
  return p.next !== undefined || p.events.length > 0;
}

function after(row: PinRow, p: PinPlan<unknown>): PinRow {
  return p.next ? { ...p.next, sandbox_id: row.sandbox_id } : row;
}

/** Runs the write of `p` if the record is still `row`; whether it was (or there was nothing to write). */
async function writePg<T>(
  client: pg.PoolClient,
  cardId: string,
  pin: string,
  row: PinRow,
  p: PinPlan<T>,
): Promise<boolean> {
  if (!writes(p)) return true;
  const values: unknown[] = [cardId, pin, row.value_enc, row.max_tries, row.tries_left];
  if (p.next) values.push(p.next.value_enc, p.next.max_tries, p.next.tries_left, p.updatedAt);
  for (const e of p.events) values.push(e.type, e.pin, e.tries_left, e.max_tries, e.terminal, e.at, e.detail);
  const r = await client.query<{ n: number }>({
    ...writeStatement(p.next !== undefined, p.events.length),
    values,
  });
  return r.rows[0]!.n === 1;
}
