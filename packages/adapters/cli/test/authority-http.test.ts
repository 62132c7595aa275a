import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, SqlAuthorityStore } from '@myna/store';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;
const run = promisify(execFile);
const cwd = mkdtempSync(join(tmpdir(), 'myna-ocsp-'));
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.MYNA_MASTER_KEY;
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const pem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${label}-----\n`;

describe('myna-sandbox authority serve', () => {
  it('answers OCSP over HTTP (POST and GET) and serves CRLs that openssl accepts', async () => {
    const issued = JSON.parse(
      (await run(process.execPath, [BIN, 'card', 'issue', '--json'], { cwd, env })).stdout,
    );
    const server = spawn(process.execPath, [BIN, 'authority', 'serve', '--port', '0'], { cwd, env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          const m = /OCSP: (http:\/\/\S+)\/ocsp/.exec(d.toString());
          if (m) resolve(m[1]!);
        });
        server.once('exit', (c) => reject(new Error(`server exited ${c}`)));
      });
      const db = await openDatabase(`sqlite:${join(cwd, '.myna-sandbox/sandbox.db')}`);
      const store = new SqlAuthorityStore(db);
      const cert = (await store.listCertificates('default', { cardId: issued.id, kind: 'sign' }))[0]!;
      const ca = (await store.getPublic('default', 'ca-sign-cert'))!;
      await db.close();
      writeFileSync(join(cwd, 'ca.pem'), pem(ca));
      writeFileSync(join(cwd, 'leaf.pem'), pem(cert.der));
      const query = async (extra: string[] = []) => {
        const r = await run(
          'openssl',
          [
            'ocsp',
            '-url',
            `${url}/ocsp`,
            '-issuer',
            'ca.pem',
            '-cert',
            'leaf.pem',
            '-CAfile',
            'ca.pem',
            ...extra,
          ],
          { cwd },
        );
        return r.stdout + r.stderr;
      };
      const good = await query();
      expect(good).toContain('Response verify OK');
      expect(good).toMatch(/leaf\.pem: good/);
      // GET form (RFC 6960 §A.1), without a nonce.
      const get = await fetch(`${url}/ca/sign.cer`);
      expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.from(ca))).toBe(true);
      const crl = new Uint8Array(await (await fetch(`${url}/crl/sign.crl`)).arrayBuffer());
      writeFileSync(join(cwd, 'sign.crl'), crl);
      const text = await run(
        'openssl',
        ['crl', '-inform', 'DER', '-in', 'sign.crl', '-CAfile', 'ca.pem', '-noout', '-text'],
        { cwd },
      );
      expect(text.stdout + text.stderr).toMatch(/verify OK/);
      expect(text.stdout).toContain('No Revoked Certificates');
      expect((await fetch(`${url}/nothing`)).status).toBe(404);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
