import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, SqlAuthorityStore } from '@myna/store';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;
const run = promisify(execFile);
const cwd = mkdtempSync(join(tmpdir(), 'myna-gen-'));
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.MYNA_MASTER_KEY;
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const cli = (...args: string[]) => run(process.execPath, [BIN, ...args], { cwd, env });

describe('myna-sandbox authority generations / rollover', () => {
  it('rolls the CA over; the card issued after chains to the new generation only', async () => {
    const first = JSON.parse((await cli('authority', 'generations', '--json')).stdout);
    expect(first.map((g: { kind: string; generation: number }) => [g.kind, g.generation])).toEqual([
      ['auth', 1],
      ['sign', 1],
    ]);
    const bad = await cli('authority', 'rollover', '--kind', 'other').catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('INVALID_ARGUMENT');

    const [gen2] = JSON.parse((await cli('authority', 'rollover', '--kind', 'auth', '--json')).stdout);
    expect([gen2.kind, gen2.generation, gen2.current]).toEqual(['auth', 2, true]);
    const text = (await cli('authority', 'generations')).stdout;
    expect(text).toMatch(/^auth generation 1 +serial 01 /m);
    expect(text).toMatch(new RegExp(`^auth generation 2 \\(current\\) +serial ${gen2.serialHex} `, 'm'));

    const issued = JSON.parse((await cli('card', 'issue', '--json')).stdout);
    const db = await openDatabase(`sqlite:${join(cwd, '.myna-sandbox/sandbox.db')}`);
    const store = new SqlAuthorityStore(db);
    const cert = (await store.listCertificates('default', { cardId: issued.id, kind: 'auth' }))[0]!;
    await db.close();
    const leaf = Buffer.from(cert.der)
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    writeFileSync(
      join(cwd, 'leaf.pem'),
      `-----BEGIN CERTIFICATE-----\n${leaf.trim()}\n-----END CERTIFICATE-----\n`,
    );
    writeFileSync(join(cwd, 'gen1.pem'), first[0].certificatePem);
    writeFileSync(join(cwd, 'gen2.pem'), gen2.certificatePem);
    const verify = (ca: string) =>
      run('openssl', ['verify', '-CAfile', ca, 'leaf.pem'], { cwd }).then(
        () => true,
        () => false,
      );
    expect(await verify('gen2.pem')).toBe(true);
    expect(await verify('gen1.pem')).toBe(false);
  });
});
