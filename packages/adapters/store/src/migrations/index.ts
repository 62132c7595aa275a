import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../url.js';
import { initial } from './0001-initial.js';
import { reset } from './0002-reset.js';
import { server } from './0003-server.js';
import { dauth } from './0004-dauth.js';
import { hardening } from './0005-hardening.js';
import { phones } from './0006-phones.js';

/**
 * Static migration provider (no filesystem globbing: it survives bundling and ESM). Names sort
 * in the order they run; never rename or edit a released migration — add a new one.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initial(dialect),
    '0002-reset': reset(dialect),
    '0003-server': server(dialect),
    '0004-dauth': dauth(dialect),
    '0005-hardening': hardening(dialect),
    '0006-phones': phones(dialect),
  };
  return { getMigrations: async () => migrations };
}
