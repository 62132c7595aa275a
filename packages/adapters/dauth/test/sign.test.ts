import { execFile, execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compactDecrypt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, authRequest, holderFor, issueCard, type Rp, registerRp, startServer } from './helpers.js';

let env: Awaited<ReturnType<typeof startServer>>;
let rp: Rp;
let cardId: string;
const TEXT = '利用規約に同意します。';
const DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

beforeAll(async () => {
  env = await startServer();
  rp = await registerRp(env.base, env.key, env.issuer);
  cardId = await issueCard(env.base, env.key);
});
afterAll(() => env.s.close());

const signTx = async (token: string, body: unknown) => {
  const r = await fetch(`${env.base}/s/default/api/sign-transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, string> };
};

/** The whole signing flow of the reference (spec: dauth.md §5.1); returns the decrypted result. */
async function signFlow(digestType: 'sha256' | 'digestinfo') {
  const hash = createHash('sha256').update(TEXT).digest();
  const digest = digestType === 'sha256' ? hash : Buffer.concat([DIGEST_INFO_PREFIX, hash]);
  const cc = await oidc.clientCredentialsGrant(rp.config);
  const created = await signTx(cc.access_token, {
    digest: digest.toString('base64'),
    digest_type: digestType,
    title: '利用規約',
  });
  expect(created.status).toBe(201);
  const id = created.json.sign_transaction_id!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const req = await authRequest(rp, { scope: 'openid sign', sign_transaction_id: id });
  const holder = holderFor(env.base, env.key);
  const started = await holder.start(req.url.href);
  expect(started.authorization.purpose).toBe('sign');
  expect(started.authorization.signTransaction).toMatchObject({ id, digestType, title: '利用規約' });
  await holder.card(started.uid, cardId);
  const answer = await holder.consent(started.uid, { signPassword: 'abc123' });
  expect(answer.step).toBe('finished');
  const callback = await started.finish();
  const tokens = await oidc.authorizationCodeGrant(rp.config, callback, {
    pkceCodeVerifier: req.verifier,
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  const r = await fetch(`${env.base}/s/default/api/sign-transactions/${id}/result`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { result: string; status: string };
  expect(body.status).toBe('signed');
  const { plaintext, protectedHeader } = await compactDecrypt(body.result, rp.encPrivate);
  expect(protectedHeader).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
  const payload = JSON.parse(new TextDecoder().decode(plaintext)) as {
    signature: string;
    certificate: string;
  };
  return { id, tokens, payload, cc };
}

describe('signing: client credentials → sign transaction → authorize → the card signs → JWE result', () => {
  it('DigestInfo: the signature verifies with openssl against the certificate, which chains to the sandbox CA and is good at OCSP', async () => {
    const { payload } = await signFlow('digestinfo');
    const dir = mkdtempSync(join(tmpdir(), 'dauth-sign-'));
    const cert = new X509Certificate(Buffer.from(payload.certificate, 'base64'));
    writeFileSync(join(dir, 'cert.pem'), cert.toString());
    writeFileSync(join(dir, 'pub.pem'), cert.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(payload.signature, 'base64'));
    writeFileSync(join(dir, 'data.txt'), TEXT);
    const ca = Buffer.from(await (await fetch(`${env.base}/s/default/ca/sign.cer`)).arrayBuffer());
    writeFileSync(join(dir, 'ca.pem'), new X509Certificate(ca).toString());
    const ossl = (...a: string[]) =>
      execFileSync('openssl', a, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    expect(ossl('dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig.bin', 'data.txt')).toMatch(
      /Verified OK/,
    );
    expect(ossl('verify', '-CAfile', 'ca.pem', 'cert.pem')).toMatch(/cert.pem: OK/);
    // Async: the OCSP responder is this process's server.
    const { stdout: ocsp } = await promisify(execFile)(
      'openssl',
      [
        'ocsp',
        '-issuer',
        'ca.pem',
        '-cert',
        'cert.pem',
        '-url',
        `${env.base}/s/default/ocsp`,
        '-noverify',
        '-no_nonce',
      ],
      { cwd: dir },
    );
    expect(ocsp).toMatch(/cert.pem: good/);
  });

  it('raw SHA-256: the signature opens (openssl pkeyutl -verifyrecover) to the bare digest', async () => {
    const { payload } = await signFlow('sha256');
    const dir = mkdtempSync(join(tmpdir(), 'dauth-sign-'));
    const cert = new X509Certificate(Buffer.from(payload.certificate, 'base64'));
    writeFileSync(join(dir, 'pub.pem'), cert.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(payload.signature, 'base64'));
    const out = execFileSync(
      'openssl',
      ['pkeyutl', '-verifyrecover', '-pubin', '-inkey', 'pub.pem', '-in', 'sig.bin'],
      {
        cwd: dir,
      },
    );
    expect(Buffer.from(out).equals(createHash('sha256').update(TEXT).digest())).toBe(true);
  });

  it('the result needs the token of that authorization; a used transaction cannot be authorized again', async () => {
    const { id, cc } = await signFlow('digestinfo');
    const r = await fetch(`${env.base}/s/default/api/sign-transactions/${id}/result`, {
      headers: { authorization: `Bearer ${cc.access_token}` },
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: string }).error).toBe('invalid_token');
    const again = await authRequest(rp, { scope: 'openid sign', sign_transaction_id: id });
    const res = await holderFor(env.base, env.key).start(again.url.href);
    const cb = await res.finish();
    expect(cb.searchParams.get('error')).toBe('invalid_request');
    expect(cb.searchParams.get('state')).toBe(again.state);
  });

  it('creating a sign transaction needs a client-credentials token and a well-formed digest', async () => {
    expect((await signTx('nope', { digest: 'AAAA' })).status).toBe(401);
    const cc = await oidc.clientCredentialsGrant(rp.config);
    const bad = await signTx(cc.access_token, { digest: Buffer.alloc(31).toString('base64') });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_request');
    const bad2 = await signTx(cc.access_token, {
      digest: Buffer.alloc(51).toString('base64'),
      digest_type: 'digestinfo',
    });
    expect(bad2.json.error).toBe('invalid_request');
    expect((await api(env.base, env.key, 'GET', '/api/dauth/authorizations')).status).toBe(200);
  });
});
