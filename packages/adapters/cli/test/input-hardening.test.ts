import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 11, items 8 and 11, as a user meets them: the built CLI in a child process. Impossible
 * holders exit 2 naming the field and the rule; a busy port is named with how to choose another;
 * a DATABASE_URL in a folder that does not exist is refused and creates nothing.
 */
const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function workdir(): string {
  const d = mkdtempSync(join(tmpdir(), 'myna-cli-input-'));
  dirs.push(d);
  return d;
}

async function cli(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const e: Record<string, string | undefined> = { ...process.env, ...env };
  if (!('DATABASE_URL' in env)) delete e.DATABASE_URL;
  delete e.MYNA_MASTER_KEY;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd,
      env: e,
      timeout: 60_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (x) {
    const r = x as { code: number; stdout: string; stderr: string };
    return { code: r.code, out: r.stdout, err: r.stderr };
  }
}

describe('card issue refuses impossible holders (item 8)', () => {
  it.each([
    ['an impossible day', ['--birth', '1985-02-30'], 'birthDate'],
    ['a future birth date', ['--birth', '2030-01-01'], 'birthDate'],
    ['a name without the U+3000 separator', ['--name', '山田太郎'], 'name'],
    ['a name 300 characters long', ['--name', `山田　${'太'.repeat(298)}`], 'name'],
  ])('%s: exit 2, PROFILE_INVALID with field and rule, nothing issued', async (_what, args, field) => {
    const cwd = workdir();
    const r = await cli(cwd, ['card', 'issue', '--json', ...args]);
    expect(r.code, r.err).toBe(2);
    const { error } = JSON.parse(r.err);
    expect(error.code).toBe('PROFILE_INVALID');
    expect(error.details).toMatchObject({ field, rule: expect.any(String) });
    expect(JSON.parse((await cli(cwd, ['card', 'list', '--json'])).out)).toEqual([]);
  });
});

describe('serve and DATABASE_URL say what is wrong (item 11)', () => {
  it('a busy port is named, with how to choose another', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const cwd = workdir();
      const r = await cli(cwd, ['serve', '--port', String(port), '--no-demo'], {
        DATABASE_URL: `sqlite:${join(cwd, 'x.db')}`,
      });
      expect(r.code).toBe(1);
      expect(r.err).toContain('PORT_IN_USE');
      expect(r.err).toContain(`port=${port}`);
      expect(r.err).toContain('--port');
      expect(r.err).not.toContain('INTERNAL');
    } finally {
      busy.close();
    }
  });

  it('sqlite: in a folder that does not exist is refused and creates nothing', async () => {
    const cwd = workdir();
    const missing = join(cwd, 'no', 'such', 'dir');
    const r = await cli(cwd, ['card', 'list', '--json'], { DATABASE_URL: `sqlite:${missing}/x.db` });
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.err);
    expect(error).toMatchObject({ code: 'DATABASE_FOLDER_MISSING', details: { folder: missing } });
    expect(existsSync(join(cwd, 'no'))).toBe(false);
  });

  it('the default database folder is still created on first use', async () => {
    const cwd = workdir();
    expect((await cli(cwd, ['card', 'list', '--json'])).code).toBe(0);
    expect(existsSync(join(cwd, '.myna-sandbox', 'sandbox.db'))).toBe(true);
  });
});
