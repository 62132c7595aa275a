/**
 * bench/dauth — complete デジタル認証アプリ login flows per second through the headless holder, at
 * N = 1, 10, 100 concurrent flows: authorize (oidc-provider) → hand-off → holder API (card chosen,
 * PIN status, VERIFY, certificate, signature over a challenge, OCSP at the sandbox responder) →
 * resume → code exchange with private_key_jwt → ID token validated by openid-client. Beside it,
 * in the same run, the same card work in-process (the app's `runApp` on the card through the
 * connector, no HTTP, no OAuth).
 *
 *   npm run bench:dauth            (BENCH_SECONDS=3 per case by default; SQLite in a temp dir)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DigitalAuthHolder } from '@myna/client';
import { runApp } from '@myna/dauth';
import { buildServer } from '@myna/server';
import { inProcessOcspChecker, withCard } from '@myna/services';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const SIZES = [1, 10, 100];
const CARDS = 10;
const REDIRECT = 'http://localhost:9/cb';

async function timed(
  n: number,
  one: (i: number) => Promise<void>,
): Promise<{ rate: number; p50: number; p99: number }> {
  const lat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: n }, async (_, w) => {
      let i = w;
      while (performance.now() < end) {
        const s = performance.now();
        await one(i);
        lat.push(performance.now() - s);
        done++;
        i += n;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return {
    rate: done / secs,
    p50: lat[Math.floor(lat.length * 0.5)] ?? 0,
    p99: lat[Math.floor(lat.length * 0.99)] ?? 0,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-dauth-'));
  const s = await buildServer({
    databaseUrl: `sqlite:${join(dir, 'db.sqlite')}`,
    masterKey: new Uint8Array(32).fill(9),
  });
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  const key = s.defaultSandbox.apiKey;
  const issuer = `${base}/s/default/api/realms/main`;
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, string>;
  const cards: string[] = [];
  for (let i = 0; i < CARDS; i++) cards.push((await post('/api/cards', {})).id!);
  const sig = await generateKeyPair('ES256', { extractable: true });
  const { clientId } = await post('/api/dauth/clients', {
    redirectUris: [REDIRECT],
    jwks: { keys: [{ ...(await exportJWK(sig.publicKey)), use: 'sig' }] },
  });
  const tokenUrl = `${issuer}/protocol/openid-connect/token`;
  const config = await oidc.discovery(
    new URL(issuer),
    clientId!,
    { token_endpoint_auth_method: 'private_key_jwt', id_token_signed_response_alg: 'ES256' },
    oidc.PrivateKeyJwt(sig.privateKey, {
      [oidc.modifyAssertion]: (_h, p) => {
        p.aud = tokenUrl;
      },
    }),
    { execute: [oidc.allowInsecureRequests] },
  );
  const holder = new DigitalAuthHolder({ baseUrl: base, apiKey: key });

  const flow = async (i: number) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const cb = await holder.login(url.href, { cardId: cards[i % CARDS]!, authPin: '1234' });
    const t = await oidc.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    if (!t.claims()?.sub) throw new Error('no sub');
  };

  const sb = await s.runtime.get('default');
  const deps = {
    clock: sb.clock,
    random: sb.random,
    ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock),
    trustAnchor: async (k: 'auth' | 'sign') => (await sb.authority.ca(k)).certDer,
  };
  const cardWork = async (i: number) => {
    const r = await withCard(sb.connector, cards[i % CARDS]!, 'bench:in-process', (c) =>
      runApp(c, { purpose: 'login', basicFour: [] }, { authPin: '1234' }, deps),
    );
    if (r.kind !== 'success') throw new Error(r.kind);
  };

  await flow(0);
  await cardWork(0);
  const rows: string[] = [];
  for (const n of SIZES) {
    const inproc = await timed(n, cardWork);
    const full = await timed(n, flow);
    rows.push(
      `| ${n} | ${full.rate.toFixed(1)} | ${full.p50.toFixed(0)} / ${full.p99.toFixed(0)} | ${inproc.rate.toFixed(1)} | ${inproc.p50.toFixed(0)} / ${inproc.p99.toFixed(0)} | ${(full.rate / inproc.rate).toFixed(2)} |`,
    );
  }
  console.log(`node ${process.version}, ${SECONDS} s per case, ${CARDS} cards (SQLite file)\n`);
  console.log(
    '| N concurrent | login flows/s (HTTP, OIDC, headless holder) | p50 / p99 ms | same card work in-process /s | p50 / p99 ms | ratio |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  await s.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
