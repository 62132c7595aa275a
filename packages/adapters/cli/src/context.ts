import { readFileSync } from 'node:fs';
import type { AuthorityStore, Sandbox } from '@myna/services';
import type { StoreDatabase } from '@myna/store';

/**
 * The CLI's composition root: the database named by DATABASE_URL, wired into one sandbox. The store
 * and the services load here, on first use: `--help` and the commands that need no database
 * (pcsc, usage errors) start without them.
 */
export interface CliContext {
  readonly sandbox: Sandbox;
  readonly db: StoreDatabase;
  close(): Promise<void>;
}

export async function openContext(
  opts: { databaseUrl?: string; sandboxId?: string } = {},
): Promise<CliContext> {
  const [
    { cryptoRandom },
    { createSandbox },
    { openDatabase, SqlAuthorityStore, SqlCardStore, SqlPhoneStore },
  ] = await Promise.all([import('@myna/ports'), import('@myna/services'), import('@myna/store')]);
  const db = await openDatabase(opts.databaseUrl);
  const sandboxId = opts.sandboxId ?? 'default';
  const sandbox = createSandbox({
    id: sandboxId,
    store: new SqlAuthorityStore(db),
    cards: new SqlCardStore(db, { sandboxId }),
    phones: new SqlPhoneStore(db),
    random: cryptoRandom,
  });
  return { sandbox, db, close: () => db.close() };
}

/**
 * The database alone, for commands that only read the sandbox's tables (`card list`): no
 * authority, PKI or card code is loaded.
 */
export async function openStore(
  opts: { databaseUrl?: string; sandboxId?: string } = {},
): Promise<{ readonly id: string; readonly store: AuthorityStore; close(): Promise<void> }> {
  const { openDatabase, SqlAuthorityStore } = await import('@myna/store');
  const db = await openDatabase(opts.databaseUrl);
  return { id: opts.sandboxId ?? 'default', store: new SqlAuthorityStore(db), close: () => db.close() };
}

/** One of the demo face photos shipped with @myna/card (JPEG 2000). */
export function demoPhoto(i = 0): Uint8Array {
  return new Uint8Array(
    readFileSync(new URL(`../../../core/card/assets/demo-photo-${i % 3}.jp2`, import.meta.url)),
  );
}
