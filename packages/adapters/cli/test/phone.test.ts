import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/** `myna-sandbox phone …` as a user runs it: the built binary on the default embedded database. */
const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
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

describe('npx myna-sandbox phone …', () => {
  it('issues from a card, shows the counters, resets in the app, advises, revokes — never printing a PIN', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'myna-cli-phone-'));
    dirs.push(cwd);
    const card = JSON.parse((await cli(cwd, 'card', 'issue', '--json')).out) as { id: string };
    const issued = await cli(
      cwd,
      'phone',
      'issue',
      card.id,
      '--card-sign-pin',
      'ABC123',
      '--auth-pin',
      '9876',
      '--sign-pin',
      'PHONE123',
      '--json',
    );
    expect(issued.code, issued.err).toBe(0);
    const v = JSON.parse(issued.out);
    expect(v.phone.platform).toBe('android');
    expect(issued.out).not.toContain('PHONE123');
    expect(issued.out).not.toContain('adminKey');
    const id = v.phone.id as string;

    const list = JSON.parse((await cli(cwd, 'phone', 'list', card.id, '--json')).out);
    expect(list.map((p: { id: string }) => p.id)).toEqual([id]);

    const text = await cli(cwd, 'phone', 'status', id);
    expect(text.out).toContain('スマホ用利用者証明用 (auth)');
    expect(text.out).toContain('3/3');

    const doctor = JSON.parse((await cli(cwd, 'phone', 'doctor', id, '--forgot', 'auth', '--json')).out);
    expect(doctor.route).toBe('myna-portal-reset');

    const wrong = await cli(
      cwd,
      'phone',
      'reset',
      id,
      '--pin',
      'auth',
      '--phone-sign-pin',
      'WRONG999',
      '--new',
      '1357',
      '--json',
    );
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.err).error.code).toBe('PIN_WRONG');
    const reset = await cli(
      cwd,
      'phone',
      'reset',
      id,
      '--pin',
      'auth',
      '--phone-sign-pin',
      'PHONE123',
      '--new',
      '1357',
      '--json',
    );
    expect(reset.code, reset.err).toBe(0);
    expect(JSON.parse(reset.out).pins.sign.triesLeft).toBe(5);

    const missing = await cli(cwd, 'phone', 'reset', id, '--pin', 'sign', '--new', 'NEWPASS1');
    expect(missing.code).toBe(2);

    const revoked = JSON.parse((await cli(cwd, 'phone', 'revoke', id, '--json')).out);
    expect(revoked.phone.status).toBe('revoked');
  });
});
