import { createServer } from 'node:net';
import { buildServer, type SandboxServer } from '@myna/server';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../../store/test/helpers/postgres.js';
import { authRequest, holderFor, issueCard, registerRp } from './helpers.js';

/**
 * Two server instances on one PostgreSQL serve one provider (one public URL, as behind a load
 * balancer): the authorization starts on B, the holder acts on B, the browser resumes on A, and
 * the code, tokens and userinfo are A's — every artefact lives in the store.
 */
const pg = usePostgres();
const masterKey = new Uint8Array(32).fill(11);
let a: SandboxServer;
let b: SandboxServer;
let urlA: string;
let urlB: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  const url = await pg.fresh();
  const [pa, pb] = [await freePort(), await freePort()];
  urlA = `http://127.0.0.1:${pa}`;
  urlB = `http://127.0.0.1:${pb}`;
  [a, b] = await Promise.all([
    buildServer({ databaseUrl: url, masterKey, publicUrl: urlA }),
    buildServer({ databaseUrl: url, masterKey, publicUrl: urlA }),
  ]);
  await a.app.listen({ port: pa, host: '127.0.0.1' });
  await b.app.listen({ port: pb, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('two instances, one PostgreSQL, one provider', () => {
  it('logs in across instances; the keys are the same; a replayed code fails on the other instance', async () => {
    const key = a.defaultSandbox.apiKey;
    const issuer = `${urlA}/s/default/api/realms/main`;
    const certsA = await (await fetch(`${issuer}/protocol/openid-connect/certs`)).json();
    const certsB = await (
      await fetch(`${urlB}/s/default/api/realms/main/protocol/openid-connect/certs`)
    ).json();
    expect(certsB).toEqual(certsA);
    const rp = await registerRp(urlB, key, issuer);
    const cardId = await issueCard(urlB, key);
    const req = await authRequest(rp, { scope: 'openid name' });
    const onB = new URL(req.url.href.replace(urlA, urlB));
    const holder = holderFor(urlB, key);
    const s = await holder.start(onB.href);
    await holder.card(s.uid, cardId);
    expect((await holder.consent(s.uid, { authPin: '1234', kenhojoPin: '1234' })).step).toBe('finished');
    const callback = await s.finish();
    const tokens = await oidc.authorizationCodeGrant(rp.config, callback, {
      pkceCodeVerifier: req.verifier,
      expectedState: req.state,
      expectedNonce: req.nonce,
    });
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub);
    expect(info.name).toBeTypeOf('string');
    const infoOnB = await fetch(`${urlB}/s/default/api/realms/main/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(infoOnB.status).toBe(200);
    // The code was consumed on A: replaying it anywhere fails.
    const again = await oidc
      .authorizationCodeGrant(rp.config, callback, {
        pkceCodeVerifier: req.verifier,
        expectedState: req.state,
        expectedNonce: req.nonce,
      })
      .catch((e: { error?: string }) => e.error);
    expect(again).toBe('invalid_grant');
  });
});
