import { createVerify, X509Certificate } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitalAuthRp } from '../../../../examples/dauth-rp/rp.js';
import { api, holderFor, issueCard, REDIRECT, startServer } from './helpers.js';

/** The example relying party (examples/dauth-rp) against the sandbox: only issuer and credentials are the sandbox's. */
let env: Awaited<ReturnType<typeof startServer>>;
let rp: DigitalAuthRp;
let cardId: string;

beforeAll(async () => {
  env = await startServer();
  const sig = await generateKeyPair('ES256', { extractable: true });
  const enc = await generateKeyPair('RSA-OAEP-256', { extractable: true });
  const reg = await api<{ clientId: string }>(env.base, env.key, 'POST', '/api/dauth/clients', {
    redirectUris: [REDIRECT],
    name: 'Example RP',
    jwks: {
      keys: [
        { ...(await exportJWK(sig.publicKey)), use: 'sig', kid: 's1' },
        { ...(await exportJWK(enc.publicKey)), use: 'enc', kid: 'e1' },
      ],
    },
  });
  rp = await DigitalAuthRp.connect({
    issuer: env.issuer,
    clientId: reg.json.clientId,
    signingKey: sig.privateKey,
    signingKid: 's1',
    encryptionKey: enc.privateKey,
    redirectUri: REDIRECT,
    allowHttp: true,
  });
  cardId = await issueCard(env.base, env.key);
});
afterAll(() => env.s.close());

describe('examples/dauth-rp against the sandbox', () => {
  it('logs in with the basic four', async () => {
    const { url, pending } = await rp.loginUrl({ basicFour: true });
    const callback = await holderFor(env.base, env.key).login(url.href, {
      cardId,
      authPin: '1234',
      kenhojoSameAsAuth: true,
    });
    const user = await rp.completeLogin(callback, pending);
    expect(user.sub).toBeTruthy();
    expect(user.userinfo.name).toBeTypeOf('string');
  });

  it('signs a text; the signature verifies against the returned certificate', async () => {
    const text = '利用規約に同意します。';
    const { url, pending } = await rp.signUrl(text);
    const callback = await holderFor(env.base, env.key).sign(url.href, { cardId, signPassword: 'ABC123' });
    const signed = await rp.completeSigning(callback, pending);
    const cert = new X509Certificate(Buffer.from(signed.certificate!, 'base64'));
    expect(
      createVerify('sha256').update(text).verify(cert.publicKey, Buffer.from(signed.signature!, 'base64')),
    ).toBe(true);
  });
});
