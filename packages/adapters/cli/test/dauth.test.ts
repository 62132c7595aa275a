import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'myna-dauth-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  process.env.DATABASE_URL = `sqlite:${join(dir, 'sandbox.db')}`;
  process.env.MYNA_MASTER_KEY = Buffer.alloc(32, 5).toString('base64');
  const code = await main(['node', 'myna-sandbox', ...args], {
    out: (s) => {
      out += `${s}\n`;
    },
    err: (s) => {
      err += `${s}\n`;
    },
  });
  return { code, out, err };
}

describe('myna-sandbox dauth client …', () => {
  it('adds a relying party from a JWKS file and prints its client_id; lists and removes it', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), use: 'sig' }] }));
    const added = await cli(
      'dauth',
      'client',
      'add',
      '--redirect-uri',
      'https://rp.example/cb',
      '--jwks',
      file,
      '--json',
    );
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const { clientId } = JSON.parse(added.out);
    expect(clientId).toMatch(/^[0-9a-zA-Z]{1,255}$/);
    const list = JSON.parse((await cli('dauth', 'client', 'list', '--json')).out);
    expect(list).toContainEqual(
      expect.objectContaining({ clientId, redirectUris: ['https://rp.example/cb'] }),
    );
    expect((await cli('dauth', 'client', 'remove', clientId)).code).toBe(0);
    expect(JSON.parse((await cli('dauth', 'client', 'list', '--json')).out)).toEqual([]);
  });

  it('a missing --jwks is a usage error (exit 2)', async () => {
    const r = await cli('dauth', 'client', 'add', '--redirect-uri', 'https://rp.example/cb');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--jwks');
  });

  it('refuses a private key in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const file = join(dir, 'private.json');
    writeFileSync(file, JSON.stringify({ keys: [await exportJWK(privateKey)] }));
    const r = await cli('dauth', 'client', 'add', '--redirect-uri', 'https://rp.example/cb', '--jwks', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('DAUTH_CLIENT_INVALID');
    expect(r.err).not.toMatch(/"d"/);
  });
});
