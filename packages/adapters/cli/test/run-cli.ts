import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

/**
 * The CLI as a user runs it: the built binary (`npm run build` first; the test command does), in a
 * fresh working directory, on the default embedded SQLite database (DATABASE_URL and the master
 * key unset). Directories made by `workdir` are removed after the file's tests.
 */
export const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;

export function useWorkdirs(): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'myna-cli-'));
    dirs.push(d);
    return d;
  };
}

export async function cli(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MYNA_MASTER_KEY;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}
