import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRequest, holderFor, issueCard, REDIRECT, type Rp, registerRp, startServer } from './helpers.js';

let env: Awaited<ReturnType<typeof startServer>>;
let rp: Rp;
let cardId: string;

beforeAll(async () => {
  env = await startServer();
  rp = await registerRp(env.base, env.key, env.issuer);
  cardId = await issueCard(env.base, env.key);
});
afterAll(() => env.s.close());

describe('the hand-off from the authorize endpoint to the app', () => {
  it('desktop: a page with the link to the app, not framable, polling the status; mobile: a redirect to the app', async () => {
    const req = await authRequest(rp);
    const first = await fetch(req.url, { redirect: 'manual' });
    const handoff = new URL(first.headers.get('location')!, req.url);
    expect(handoff.pathname).toMatch(/\/api\/realms\/main\/interaction\/[\w-]+$/);
    const uid = handoff.pathname.split('/').pop()!;
    const desktop = await fetch(handoff, { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' } });
    expect(desktop.status).toBe(200);
    expect(desktop.headers.get('x-frame-options')).toBe('DENY');
    const html = await desktop.text();
    expect(html).toContain(`${env.base}/#/dauth/${uid}`);
    expect(html).toContain('スマートフォン');
    const mobile = await fetch(handoff, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148' },
    });
    expect(mobile.status).toBe(303);
    expect(mobile.headers.get('location')).toBe(`${env.base}/#/dauth/${uid}/return`);
    const status = await (await fetch(`${handoff.href}/status`)).json();
    expect(status).toEqual({ state: 'pending' });
    const listed = await holderFor(env.base, env.key).pending();
    expect(listed.items.map((i) => i.uid)).toContain(uid);
  });
});

describe('login with openid-client as the relying party', () => {
  it('discovery mirrors the reference', async () => {
    const m = rp.config.serverMetadata();
    expect(m.issuer).toBe(env.issuer);
    expect(m.authorization_endpoint).toBe(`${env.issuer}/protocol/openid-connect/auth`);
    expect(m.token_endpoint).toBe(`${env.issuer}/protocol/openid-connect/token`);
    expect(m.userinfo_endpoint).toBe(`${env.issuer}/protocol/openid-connect/userinfo`);
    expect(m.jwks_uri).toBe(`${env.issuer}/protocol/openid-connect/certs`);
    expect(m.response_types_supported).toEqual(['code']);
    expect(m.token_endpoint_auth_methods_supported).toEqual(['private_key_jwt']);
    expect(m.code_challenge_methods_supported).toEqual(['S256']);
    expect(m.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'name', 'address', 'birthdate', 'gender', 'sign']),
    );
    const certs = (await (await fetch(m.jwks_uri!)).json()) as {
      keys: { kty: string; crv?: string; d?: string }[];
    };
    expect(certs.keys.map((k) => k.kty).sort()).toEqual(['EC', 'RSA']);
    expect(certs.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('logs in: PKCE, private_key_jwt, ES256 ID token (nonce, aud, exp), userinfo with the basic four, refresh', async () => {
    const req = await authRequest(rp, { scope: 'openid name address birthdate gender' });
    const holder = holderFor(env.base, env.key);
    const callback = await holder.login(req.url.href, {
      cardId,
      authPin: '1234',
      kenhojoPin: '1234',
    });
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe(req.state);
    const tokens = await oidc.authorizationCodeGrant(rp.config, callback, {
      pkceCodeVerifier: req.verifier,
      expectedState: req.state,
      expectedNonce: req.nonce,
      idTokenExpected: true,
    });
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('ES256');
    const claims = tokens.claims()!;
    expect(claims.aud).toBe(rp.clientId);
    expect(claims.nonce).toBe(req.nonce);
    expect(claims.iss).toBe(env.issuer);
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(claims.acr).toBe('aal3');
    expect(tokens.scope?.split(' ').sort()).toEqual(['address', 'birthdate', 'gender', 'name', 'openid']);
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
    expect(info.sub).toBe(claims.sub);
    expect(typeof info.name).toBe('string');
    expect(info.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['male', 'female', 'other']).toContain(info.gender);
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await oidc.fetchUserInfo(rp.config, refreshed.access_token, claims.sub)).name).toBe(info.name);
  });

  it('gives a pairwise sub: stable for one RP, different for another', async () => {
    const sub = async (r: Rp) => {
      const req = await authRequest(r);
      const cb = await holderFor(env.base, env.key).login(req.url.href, { cardId, authPin: '1234' });
      const t = await oidc.authorizationCodeGrant(r.config, cb, {
        pkceCodeVerifier: req.verifier,
        expectedState: req.state,
        expectedNonce: req.nonce,
      });
      return t.claims()!.sub;
    };
    const other = await registerRp(env.base, env.key, env.issuer, 'Other RP');
    const a1 = await sub(rp);
    const a2 = await sub(rp);
    const b = await sub(other);
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
    expect(decodeJwt).toBeTypeOf('function');
  });
});
