import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSandbox, type Sandbox, type SandboxClock } from '@myna/services';
import { openDatabase, SqlAuthorityStore, SqlCardStore, type StoreDatabase } from '@myna/store';
import { main } from '../src/main.js';

/** Shared by the doctor CLI tests: the built binary in a fresh directory, and its database. */

export const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;

const dirs: string[] = [];
export function workdir(): string {
  const d = mkdtempSync(join(tmpdir(), 'myna-doctor-cli-'));
  dirs.push(d);
  return d;
}
export function cleanupDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.MYNA_MASTER_KEY;
  if (!('PCSCLITE_CSOCK_NAME' in extra)) delete env.PCSCLITE_CSOCK_NAME;
  return env;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function cli(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = cliEnv(),
): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd,
      env,
      timeout: 60_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/** The CLI in this process (for checks that fail before any database is opened). */
export async function inProcess(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(['node', 'myna-sandbox', ...args], {
    out: (x) => {
      out += `${x}\n`;
    },
    err: (x) => {
      err += `${x}\n`;
    },
  });
  return { code, out, err };
}

/** The CLI's database in `cwd`, opened from this process as a second instance would. */
export async function withDb<T>(
  cwd: string,
  fn: (sb: Sandbox, db: StoreDatabase) => Promise<T>,
  clock?: SandboxClock,
): Promise<T> {
  const db = await openDatabase(`sqlite:${join(cwd, '.myna-sandbox/sandbox.db')}`, { cwd });
  try {
    const sb = createSandbox({
      id: 'default',
      store: new SqlAuthorityStore(db),
      cards: new SqlCardStore(db, { sandboxId: 'default' }),
      ...(clock ? { clock } : {}),
    });
    return await fn(sb, db);
  } finally {
    await db.close();
  }
}
