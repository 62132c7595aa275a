import type { CompiledQuery } from 'kysely';
import type { StoreDatabase } from './open.js';

/**
 * Runs one write that needs to be atomic and seen at once by every connection and process, but
 * not to survive a power cut: card leases and the デジタル認証アプリ provider's short-lived protocol
 * artefacts (interactions, sessions, codes). On SQLite it commits without waiting for fsync
 * (`synchronous=NORMAL` for this one statement, on the better-sqlite3 handle under the store's
 * mutex, then the handle's own setting again), which otherwise blocks the event loop for 1–2 ms
 * per commit. WAL frames are written in order, so the next fsynced commit (a PIN try) makes it
 * durable before itself; only a power cut can lose it, and that also ends every session it
 * serves (a lost lease finds the card free, a lost release expires with its lease; a lost
 * interaction or code is a login to start again). On PostgreSQL: the ordinary statement.
 */
export async function writeUnsynced<R>(
  handle: StoreDatabase,
  q: { compile(): CompiledQuery<R> },
): Promise<{ rows: R[]; changes: number }> {
  const compiled = q.compile();
  const d = handle.direct;
  if (d.dialect !== 'sqlite') {
    const r = await handle.db.executeQuery(compiled);
    return { rows: r.rows, changes: Number(r.numAffectedRows ?? 0n) };
  }
  return d.sqlite.run((direct) => {
    const db = direct.database;
    const was = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = NORMAL');
    try {
      const st = direct.statement(compiled.sql);
      const params = compiled.parameters as unknown[];
      if (st.reader) {
        const rows = st.all(...params) as R[];
        return { rows, changes: rows.length };
      }
      return { rows: [], changes: st.run(...params).changes };
    } finally {
      db.pragma(`synchronous = ${was}`);
    }
  });
}
