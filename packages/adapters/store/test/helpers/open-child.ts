/**
 * Child process for the concurrent-start tests: opens (and migrates) DATABASE_URL, prints
 * `opened <master key source> <created>` and closes.
 */
import { openDatabase } from '@myna/store';

const handle = await openDatabase();
const src = handle.masterKeySource;
process.stdout.write(`opened ${src.kind} ${src.kind === 'file' ? String(src.created) : '-'}\n`);
await handle.close();
