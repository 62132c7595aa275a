import { Writable } from 'node:stream';
import { buildServer } from '@myna/server';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, authRequest, holderFor, type Rp, registerRp } from './helpers.js';

/** The app's 券面事項入力補助 step, and that no PIN reaches the server's log. */
const logged: string[] = [];
let s: Awaited<ReturnType<typeof buildServer>>;
let base: string;
let key: string;
let rp: Rp;

beforeAll(async () => {
  s = await buildServer({
    databaseUrl: 'sqlite::memory:',
    masterKey: new Uint8Array(32).fill(4),
    logger: {
      level: 'trace',
      stream: new Writable({
        write(chunk, _enc, done) {
          logged.push(String(chunk));
          done();
        },
      }),
    },
  });
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  key = s.defaultSandbox.apiKey;
  rp = await registerRp(base, key, `${base}/s/default/api/realms/main`);
});
afterAll(() => s.close());

describe('the 券面事項入力補助 PIN in the app', () => {
  it('is asked for separately; 「直前と同じ番号を入力」 is only the holder’s explicit choice; a wrong choice spends a 券面事項入力補助 try', async () => {
    const card = await api<{ id: string }>(base, key, 'POST', '/api/cards', {
      pins: { auth: '9137', kenhojo: '8642' },
    });
    const cardId = card.json.id;
    const req = await authRequest(rp, { scope: 'openid name address' });
    const holder = holderFor(base, key);
    const st = await holder.start(req.url.href);
    expect(st.authorization.basicFour).toEqual(['name', 'address']);
    const chosen = await holder.card(st.uid, cardId);
    expect(Object.keys(chosen.card!.pins).sort()).toEqual(['auth', 'kenhojo']);
    // Only the user-auth PIN: the app asks for the other one, and sends nothing.
    const ask = await holder.consent(st.uid, { authPin: '9137' });
    expect(ask).toMatchObject({ step: 'needs-input', field: 'kenhojoPin' });
    // The holder chooses 「直前と同じ番号を入力」, but the PINs differ: a real 券面事項入力補助 try.
    const wrong = await holder.consent(st.uid, { authPin: '9137', kenhojoSameAsAuth: true });
    expect(wrong).toMatchObject({ step: 'pin-wrong', pin: 'kenhojo', triesLeft: 2 });
    const ok = await holder.consent(st.uid, { authPin: '9137', kenhojoPin: '8642' });
    expect(ok.step).toBe('finished');
    const tokens = await oidc.authorizationCodeGrant(rp.config, await st.finish(), {
      pkceCodeVerifier: req.verifier,
      expectedState: req.state,
      expectedNonce: req.nonce,
    });
    expect(tokens.scope).toBe('openid name address');
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub);
    expect(Object.keys(info).sort()).toEqual(['address', 'name', 'sub']);
  });

  it('logs neither PINs nor keys', async () => {
    const all = logged.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain('9137');
    expect(all).not.toContain('8642');
    expect(all).not.toContain('client_assertion=');
    expect(all).not.toMatch(/"d":"/);
  });
});
