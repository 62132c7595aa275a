import { DigitalAuthHolder } from '@myna/client';
import { buildServer, type SandboxServer } from '@myna/server';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import * as oidc from 'openid-client';

export const REDIRECT = 'http://localhost:9/callback';

/** A sandbox server on 127.0.0.1:0, and helpers of a relying party written with openid-client. */
export async function startServer(opts: { databaseUrl?: string } = {}): Promise<{
  s: SandboxServer;
  base: string;
  key: string;
  issuer: string;
}> {
  const s = await buildServer({
    databaseUrl: opts.databaseUrl ?? 'sqlite::memory:',
    masterKey: new Uint8Array(32).fill(7),
  });
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = s.app.server.address() as { port: number };
  const base = `http://127.0.0.1:${addr.port}`;
  return { s, base, key: s.defaultSandbox.apiKey, issuer: `${base}/s/default/api/realms/main` };
}

export async function api<T = Record<string, unknown>>(
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'x-api-key': key, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, json: (text ? JSON.parse(text) : {}) as T };
}

export interface Rp {
  clientId: string;
  config: oidc.Configuration;
  sigPrivate: CryptoKey;
  encPrivate: CryptoKey;
  publicJwks: { keys: JWK[] };
}

/** Registers a relying party (ES256 private_key_jwt key + RSA-OAEP-256 encryption key) and discovers the provider. */
export async function registerRp(base: string, key: string, issuer: string, name = 'Test RP'): Promise<Rp> {
  const sig = await generateKeyPair('ES256', { extractable: true });
  const enc = await generateKeyPair('RSA-OAEP-256', { extractable: true });
  const publicJwks = {
    keys: [
      { ...(await exportJWK(sig.publicKey)), use: 'sig', alg: 'ES256', kid: 'sig-1' },
      { ...(await exportJWK(enc.publicKey)), use: 'enc', alg: 'RSA-OAEP-256', kid: 'enc-1' },
    ],
  };
  const r = await api<{ clientId: string }>(base, key, 'POST', '/api/dauth/clients', {
    redirectUris: [REDIRECT],
    jwks: publicJwks,
    name,
  });
  if (r.status !== 201) throw new Error(`register: ${r.status} ${JSON.stringify(r.json)}`);
  // The reference wants the assertion's aud to be the token endpoint URL (openid-client sends the issuer).
  const tokenUrl = `${issuer}/protocol/openid-connect/token`;
  const config = await oidc.discovery(
    new URL(issuer),
    r.json.clientId,
    { token_endpoint_auth_method: 'private_key_jwt', id_token_signed_response_alg: 'ES256' },
    oidc.PrivateKeyJwt(
      { key: sig.privateKey, kid: 'sig-1' },
      {
        [oidc.modifyAssertion]: (_h, p) => {
          p.aud = tokenUrl;
        },
      },
    ),
    { execute: [oidc.allowInsecureRequests] },
  );
  return {
    clientId: r.json.clientId,
    config,
    sigPrivate: sig.privateKey,
    encPrivate: enc.privateKey,
    publicJwks,
  };
}

export async function authRequest(
  rp: Rp,
  extra: Record<string, string> = {},
): Promise<{ url: URL; verifier: string; state: string; nonce: string }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    acr_values: 'aal3 crl',
    ...extra,
  });
  return { url, verifier, state, nonce };
}

export async function issueCard(
  base: string,
  key: string,
  body: Record<string, unknown> = {},
): Promise<string> {
  const r = await api<{ id: string }>(base, key, 'POST', '/api/cards', body);
  if (r.status !== 201) throw new Error(`card: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.id;
}

export const holderFor = (base: string, key: string) => new DigitalAuthHolder({ baseUrl: base, apiKey: key });
