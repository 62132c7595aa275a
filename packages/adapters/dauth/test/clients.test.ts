import { buildServer, type SandboxServer } from '@myna/server';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Client registration through the sandbox's API: clear catalog errors, nothing changed. */
let s: SandboxServer;
let h: Record<string, string>;
let sig: JWK;
let priv: JWK;

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(2) });
  h = { 'x-api-key': s.defaultSandbox.apiKey };
  const k = await generateKeyPair('ES256', { extractable: true });
  sig = { ...(await exportJWK(k.publicKey)), use: 'sig' };
  priv = await exportJWK(k.privateKey);
});
afterAll(() => s.close());

const post = (payload: unknown, headers = h) =>
  s.app.inject({ method: 'POST', url: '/api/dauth/clients', headers, payload: payload as object });
const count = async () => (await s.app.inject({ url: '/api/dauth/clients', headers: h })).json().items.length;

describe('/api/dauth/clients', () => {
  it('registers, reads, lists and deletes', async () => {
    const r = await post({
      redirectUris: ['https://rp.example/cb'],
      jwks: { keys: [sig] },
      name: 'RP',
      clientId: 'RP00000001',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().clientId).toBe('RP00000001');
    const one = await s.app.inject({ url: '/api/dauth/clients/RP00000001', headers: h });
    expect(one.json().metadata.redirect_uris).toEqual(['https://rp.example/cb']);
    expect((await s.app.inject({ url: '/api/dauth', headers: h })).json().issuer).toMatch(
      /\/s\/default\/api\/realms\/main$/,
    );
    const dup = await post({
      redirectUris: ['https://rp.example/cb'],
      jwks: { keys: [sig] },
      clientId: 'RP00000001',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DAUTH_CLIENT_EXISTS');
    expect(
      (await s.app.inject({ method: 'DELETE', url: '/api/dauth/clients/RP00000001', headers: h })).statusCode,
    ).toBe(204);
    const gone = await s.app.inject({ method: 'DELETE', url: '/api/dauth/clients/RP00000001', headers: h });
    expect(gone.json().code).toBe('DAUTH_CLIENT_NOT_FOUND');
  });

  it.each([
    [
      'a private key',
      () => ({ redirectUris: ['https://rp.example/cb'], jwks: { keys: [priv] } }),
      'DAUTH_CLIENT_INVALID',
    ],
    [
      'no signing key',
      () => ({ redirectUris: ['https://rp.example/cb'], jwks: { keys: [{ ...sig, use: 'enc' }] } }),
      'DAUTH_CLIENT_INVALID',
    ],
    [
      'a broken key',
      () => ({
        redirectUris: ['https://rp.example/cb'],
        jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA' }] },
      }),
      'DAUTH_CLIENT_INVALID',
    ],
    [
      'a relative redirect_uri',
      () => ({ redirectUris: ['/cb'], jwks: { keys: [sig] } }),
      'DAUTH_CLIENT_INVALID',
    ],
    ['no redirect_uri', () => ({ redirectUris: [], jwks: { keys: [sig] } }), 'INVALID_ARGUMENT'],
    [
      'a redirect_uri over 255 characters',
      () => ({ redirectUris: [`https://rp.example/${'a'.repeat(250)}`], jwks: { keys: [sig] } }),
      'INVALID_ARGUMENT',
    ],
    [
      'a client_id with a hyphen',
      () => ({ redirectUris: ['https://rp.example/cb'], jwks: { keys: [sig] }, clientId: 'RP-1' }),
      'INVALID_ARGUMENT',
    ],
    [
      'an unknown field',
      () => ({ redirectUris: ['https://rp.example/cb'], jwks: { keys: [sig] }, secret: 'x' }),
      'INVALID_ARGUMENT',
    ],
  ])('refuses %s with %s, and registers nothing', async (_n, body, code) => {
    const before = await count();
    const r = await post(body());
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe(code);
    expect(JSON.stringify(r.json())).not.toContain(String(priv.d));
    expect(await count()).toBe(before);
  });

  it('needs the API key; the holder API too', async () => {
    expect(
      (await post({ redirectUris: ['https://rp.example/cb'], jwks: { keys: [sig] } }, {})).statusCode,
    ).toBe(401);
    expect((await s.app.inject({ url: '/api/dauth/authorizations' })).statusCode).toBe(401);
    const missing = await s.app.inject({ url: '/api/dauth/authorizations/nope', headers: h });
    expect(missing.json().code).toBe('DAUTH_AUTHORIZATION_NOT_FOUND');
  });
});
