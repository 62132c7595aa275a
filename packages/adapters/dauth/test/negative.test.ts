import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRequest, holderFor, issueCard, REDIRECT, type Rp, registerRp, startServer } from './helpers.js';

/** Every rule's negative: the standard OAuth / OIDC error, and nothing changed. */
let env: Awaited<ReturnType<typeof startServer>>;
let rp: Rp;
let other: Rp;
let cardId: string;
let tokenUrl: string;

beforeAll(async () => {
  env = await startServer();
  rp = await registerRp(env.base, env.key, env.issuer);
  other = await registerRp(env.base, env.key, env.issuer, 'Other');
  cardId = await issueCard(env.base, env.key);
  tokenUrl = `${env.issuer}/protocol/openid-connect/token`;
});
afterAll(() => env.s.close());

const authorize = async (params: Record<string, string | undefined>) => {
  const u = new URL(`${env.issuer}/protocol/openid-connect/auth`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  const r = await fetch(u, { redirect: 'manual' });
  const loc = r.headers.get('location');
  await r.body?.cancel();
  return { status: r.status, location: loc ? new URL(loc, u) : undefined };
};

const valid = (over: Record<string, string | undefined> = {}) => ({
  response_type: 'code',
  client_id: rp.clientId,
  redirect_uri: REDIRECT,
  scope: 'openid',
  state: 'st-123',
  nonce: 'n-123',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
  ...over,
});

describe('authorization request rules', () => {
  it('a valid request goes to the app hand-off page', async () => {
    const r = await authorize(valid());
    expect(r.status).toBe(303);
    expect(r.location?.pathname).toMatch(/\/interaction\/[\w-]+$/);
  });

  it.each([
    ['missing state', { state: undefined }, 'invalid_request'],
    ['state with a control character', { state: 'a\u0001b' }, 'invalid_request'],
    ['missing nonce', { nonce: undefined }, 'invalid_request'],
    ['nonce longer than 255', { nonce: 'n'.repeat(256) }, 'invalid_request'],
    [
      'missing code_challenge (PKCE required)',
      { code_challenge: undefined, code_challenge_method: undefined },
      'invalid_request',
    ],
    ['code_challenge_method plain', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['code_challenge outside [0-9a-zA-Z_-]', { code_challenge: 'abc.def~ghi' }, 'invalid_request'],
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
    ['response_type code id_token', { response_type: 'code id_token' }, 'unsupported_response_type'],
    ['scope without openid', { scope: 'name' }, 'invalid_request'],
    ['sign without sign_transaction_id', { scope: 'openid sign' }, 'invalid_request'],
    [
      'unknown sign_transaction_id',
      { scope: 'openid sign', sign_transaction_id: randomUUID() },
      'invalid_request',
    ],
    ['sign_transaction_id without sign', { sign_transaction_id: randomUUID() }, 'invalid_request'],
  ])('%s → redirect with %s', async (_name, o, error) => {
    const over = o as Record<string, string | undefined>;
    const r = await authorize(valid(over));
    expect(r.status).toBe(303);
    expect(r.location?.origin + r.location!.pathname).toBe(REDIRECT);
    // Token-bearing response types answer in the fragment (OAuth 2.0 Multiple Response Types).
    const answer = r.location?.searchParams.get('error')
      ? r.location.searchParams
      : new URLSearchParams(r.location?.hash.slice(1));
    expect(answer.get('error')).toBe(error);
    if (over.state === undefined && 'state' in over) expect(answer.get('state')).toBeNull();
    else if (!('state' in over)) expect(answer.get('state')).toBe('st-123');
  });

  it("another client's sign transaction → invalid_request", async () => {
    const cc = await oidc.clientCredentialsGrant(other.config);
    const tx = await fetch(`${env.base}/s/default/api/sign-transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cc.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ digest: Buffer.alloc(32, 2).toString('base64') }),
    });
    const { sign_transaction_id } = (await tx.json()) as { sign_transaction_id: string };
    const r = await authorize(valid({ scope: 'openid sign', sign_transaction_id }));
    expect(r.location?.searchParams.get('error')).toBe('invalid_request');
  });

  it.each([
    ['unknown client_id', { client_id: 'RPUNKNOWN1' }],
    ['client_id outside [0-9a-zA-Z]', { client_id: 'RP-0001' }],
    ['unregistered redirect_uri', { redirect_uri: 'http://localhost:9/other' }],
    ['redirect_uri differing by a trailing slash', { redirect_uri: `${REDIRECT}/` }],
  ])('%s → error page, no redirect', async (_name, over) => {
    const r = await authorize(valid(over));
    expect(r.status).toBe(400);
    expect(r.location).toBeUndefined();
  });
});

/** A code for `rp`, through the headless holder. */
async function code() {
  const req = await authRequest(rp);
  const cb = await holderFor(env.base, env.key).login(req.url.href, { cardId, authPin: '1234' });
  return { req, code: cb.searchParams.get('code')! };
}

const assertion = async (key: CryptoKey, claims: Record<string, unknown> = {}, clientId = rp.clientId) =>
  new SignJWT({ jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience((claims.aud as string) ?? tokenUrl)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key);

const token = async (form: Record<string, string>) => {
  const r = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: r.status, json: (await r.json()) as Record<string, string> };
};

const codeForm = async (c: Awaited<ReturnType<typeof code>>, over: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  code: c.code,
  redirect_uri: REDIRECT,
  code_verifier: c.req.verifier,
  client_id: rp.clientId,
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: await assertion(rp.sigPrivate),
  ...over,
});

describe('token endpoint rules', () => {
  it('wrong client assertions → invalid_client, and the code still works afterwards', async () => {
    const c = await code();
    const stranger = await generateKeyPair('ES256');
    const cases = [
      await assertion(stranger.privateKey),
      await assertion(rp.sigPrivate, { aud: env.issuer }),
      await assertion(rp.sigPrivate, { aud: `${env.base}/elsewhere` }),
    ];
    for (const a of cases) {
      const r = await token(await codeForm(c, { client_assertion: a }));
      expect(r.status).toBe(401);
      expect(r.json.error).toBe('invalid_client');
    }
    const noAuth = await token({
      grant_type: 'authorization_code',
      code: c.code,
      redirect_uri: REDIRECT,
      code_verifier: c.req.verifier,
      client_id: rp.clientId,
    });
    expect(noAuth.json.error).toBe('invalid_client');
    const ok = await token(await codeForm(c));
    expect(ok.status).toBe(200);
    expect(ok.json.id_token).toBeTruthy();
  });

  it('a replayed client assertion (same jti) → invalid_client', async () => {
    const c = await code();
    const a = await assertion(rp.sigPrivate);
    expect((await token(await codeForm(c, { client_assertion: a }))).status).toBe(200);
    const c2 = await code();
    const r = await token(await codeForm(c2, { client_assertion: a }));
    expect(r.json.error).toBe('invalid_client');
  });

  it('wrong code_verifier → invalid_grant; wrong redirect_uri → invalid_grant; then the right request still succeeds', async () => {
    const c = await code();
    const wrongVerifier = await token(await codeForm(c, { code_verifier: oidc.randomPKCECodeVerifier() }));
    expect(wrongVerifier.json.error).toBe('invalid_grant');
    const wrongRedirect = await token(await codeForm(c, { redirect_uri: 'http://localhost:9/other' }));
    expect(wrongRedirect.json.error).toBe('invalid_grant');
    expect((await token(await codeForm(c))).status).toBe(200);
  });

  it('a replayed code → invalid_grant (and, per RFC 6749 §4.1.2, the tokens it gave are revoked)', async () => {
    const c = await code();
    const first = await token(await codeForm(c));
    expect(first.status).toBe(200);
    const replay = await token(await codeForm(c));
    expect(replay.json.error).toBe('invalid_grant');
    const info = await fetch(`${env.issuer}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${first.json.access_token}` },
    });
    expect(info.status).toBe(401);
  });

  it('a code of another client → invalid_grant', async () => {
    const c = await code();
    const r = await token(
      await codeForm(c, {
        client_id: other.clientId,
        client_assertion: await assertion(other.sigPrivate, {}, other.clientId),
      }),
    );
    expect(r.json.error).toBe('invalid_grant');
    expect((await token(await codeForm(c))).status).toBe(200);
  });

  it('unsupported grant types and the userinfo endpoint without a token', async () => {
    const r = await token({ grant_type: 'password', username: 'a', password: 'b' });
    expect(['unsupported_grant_type', 'invalid_request', 'invalid_client']).toContain(r.json.error);
    const info = await fetch(`${env.issuer}/protocol/openid-connect/userinfo`);
    expect(info.status).toBe(401);
  });
});

describe('smartphone certificates (docs/phone.md)', () => {
  it('the app reads the physical card only: a phone element is PHONE_PRECONDITION, nothing spent', async () => {
    const post = async (path: string, body: object) =>
      (
        await fetch(`${env.base}${path}`, {
          method: 'POST',
          headers: { 'x-api-key': env.key, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json() as Promise<{ phone: { id: string }; pins: { auth: { triesLeft: number } } }>;
    const phone = await post(`/api/cards/${cardId}/phones`, {
      platform: 'android',
      cardSignPin: 'ABC123',
      phonePins: { auth: '9876', sign: 'PHONE123' },
    });
    const req = await authRequest(rp);
    await expect(
      holderFor(env.base, env.key).login(req.url.href, { cardId: phone.phone.id, authPin: '9876' }),
    ).rejects.toMatchObject({
      status: 409,
      body: { code: 'PHONE_PRECONDITION', details: { reason: 'dauth-card-only' } },
    });
    const after = await (
      await fetch(`${env.base}/api/phones/${phone.phone.id}`, { headers: { 'x-api-key': env.key } })
    ).json();
    expect(after.pins.auth.triesLeft).toBe(3);
  });
});
