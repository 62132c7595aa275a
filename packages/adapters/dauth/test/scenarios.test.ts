import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, authRequest, holderFor, issueCard, type Rp, registerRp, startServer } from './helpers.js';

/**
 * Every documented error reached by the card's real state (docs/dauth.md, "Errors"): the card
 * issued in that state, the sandbox clock, the authority's revocation and hold. The relying party
 * receives `error`, `error_description` and `state` on its redirect_uri.
 */
let env: Awaited<ReturnType<typeof startServer>>;
let rp: Rp;

beforeAll(async () => {
  env = await startServer();
  rp = await registerRp(env.base, env.key, env.issuer);
});
afterAll(() => env.s.close());

async function attempt(
  r: Rp,
  key: string,
  cardId: string,
  consent: Record<string, unknown>,
  extra: Record<string, string> = {},
) {
  const req = await authRequest(r, extra);
  const holder = holderFor(env.base, key);
  const s = await holder.start(req.url.href);
  await holder.card(s.uid, cardId);
  const answer = await holder.consent(s.uid, consent);
  return { req, holder, s, answer };
}

async function expectRpError(a: Awaited<ReturnType<typeof attempt>>, description: string) {
  expect(a.answer.step).toBe('finished');
  const cb = await a.s.finish();
  expect(cb.searchParams.get('error')).toBe('access_denied');
  expect(cb.searchParams.get('error_description')).toBe(description);
  expect(cb.searchParams.get('state')).toBe(a.req.state);
  expect(cb.searchParams.get('code')).toBeNull();
  return cb;
}

/** A fresh sandbox (its own clock) with a registered RP. */
async function sandbox(name: string) {
  const r = await fetch(`${env.base}/api/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const { id, apiKey } = (await r.json()) as { id: string; apiKey: string };
  const issuer = `${env.base}/s/${id}/api/realms/main`;
  return { id, key: apiKey, rp: await registerRp(env.base, apiKey, issuer) };
}

describe('errors from real card state', () => {
  it('cancel → access_denied user_cancelled', async () => {
    const cardId = await issueCard(env.base, env.key);
    const req = await authRequest(rp);
    const holder = holderFor(env.base, env.key);
    const s = await holder.start(req.url.href);
    const answer = await holder.cancel(s.uid);
    await expectRpError({ req, holder, s, answer }, 'user_cancelled');
    expect(cardId).toBeTruthy();
  });

  it('wrong PINs spend real tries (on the card timeline as app:digital-auth); the last try needs confirmation; the lock ends with pin_locked and the support guide', async () => {
    const cardId = await issueCard(env.base, env.key);
    const req = await authRequest(rp);
    const holder = holderFor(env.base, env.key);
    const s = await holder.start(req.url.href);
    const chosen = await holder.card(s.uid, cardId);
    expect(chosen.card?.pins.auth).toMatchObject({ triesLeft: 3, blocked: false });
    const w1 = await holder.consent(s.uid, { authPin: '0000' });
    expect(w1).toMatchObject({ step: 'pin-wrong', pin: 'auth', triesLeft: 2 });
    const w2 = await holder.consent(s.uid, { authPin: '0001' });
    expect(w2).toMatchObject({ step: 'pin-wrong', triesLeft: 1 });
    const ask = await holder.consent(s.uid, { authPin: '0002' });
    expect(ask).toMatchObject({ step: 'confirm-last-try', pin: 'auth' });
    const card = await api<{ pins: Record<string, { triesLeft: number }> }>(
      env.base,
      env.key,
      'GET',
      `/api/cards/${cardId}`,
    );
    expect(JSON.stringify(card.json)).toContain('"triesLeft":1');
    const locked = await holder.consent(s.uid, { authPin: '0002', confirmLastTry: ['auth'] });
    expect(locked.outcome).toMatchObject({ result: 'error', reason: 'pin-locked', pin: 'auth' });
    expect(locked.outcome?.result === 'error' && locked.outcome.supportGuide).toContain(
      `#/support/${cardId}`,
    );
    await expectRpError({ req, holder, s, answer: locked }, 'pin_locked');
    const events = await api<{ terminal?: string; type: string }[]>(
      env.base,
      env.key,
      'GET',
      `/api/cards/${cardId}/events`,
    );
    const mine = (
      Array.isArray(events.json) ? events.json : (events.json as unknown as { items: [] }).items
    ) as {
      terminal?: string;
      type: string;
    }[];
    expect(
      mine.filter((e) => e.terminal === 'app:digital-auth' && e.type === 'pin.failed').length,
    ).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(events.json)).not.toContain('0002');
    // A later authorization with the locked card ends at once, spending nothing.
    const again = await attempt(rp, env.key, cardId, { authPin: '1234' });
    await expectRpError(again, 'pin_locked');
  });

  it('a card issued with the user-auth PIN blocked → pin_locked', async () => {
    const cardId = await issueCard(env.base, env.key, { initialTries: { auth: 0 } });
    await expectRpError(await attempt(rp, env.key, cardId, { authPin: '1234' }), 'pin_locked');
  });

  it('face-authentication card (no PINs) → pin_not_set', async () => {
    const cardId = await issueCard(env.base, env.key, { kind: 'face-auth' });
    await expectRpError(await attempt(rp, env.key, cardId, { authPin: '1234' }), 'pin_not_set');
  });

  it('signing with an under-15 card (no signature certificate) → no_signature_certificate', async () => {
    const cardId = await issueCard(env.base, env.key, { kind: 'under-15' });
    const cc = await oidc.clientCredentialsGrant(rp.config);
    const tx = await fetch(`${env.base}/s/default/api/sign-transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cc.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ digest: Buffer.alloc(32, 1).toString('base64') }),
    });
    const { sign_transaction_id } = (await tx.json()) as { sign_transaction_id: string };
    await expectRpError(
      await attempt(
        rp,
        env.key,
        cardId,
        { signPassword: 'ABC123' },
        { scope: 'openid sign', sign_transaction_id },
      ),
      'no_signature_certificate',
    );
  });

  it('revoked user-auth certificate → certificate_revoked (the PIN is right)', async () => {
    const cardId = await issueCard(env.base, env.key, { certificates: { auth: 'revoked' } });
    await expectRpError(await attempt(rp, env.key, cardId, { authPin: '1234' }), 'certificate_revoked');
  });

  it('certificate on hold (一時保留) → certificate_suspended', async () => {
    const cardId = await issueCard(env.base, env.key, { certificates: { auth: 'hold' } });
    await expectRpError(await attempt(rp, env.key, cardId, { authPin: '1234' }), 'certificate_suspended');
  });

  it('sandbox clock past the certificate’s validity → certificate_expired; past the card’s → card_expired', async () => {
    const sb = await sandbox('clock');
    const card = await api<{ id: string; expiresOn: string }>(env.base, sb.key, 'POST', '/api/cards', {});
    const cardId = card.json.id;
    // The user-auth certificate ends at the 5th birthday after issue; the card at the 10th.
    const sixYears = 6 * 366 * 86_400_000;
    await api(env.base, sb.key, 'POST', '/api/clock', { action: 'advance', ms: sixYears });
    await expectRpError(await attempt(sb.rp, sb.key, cardId, { authPin: '1234' }), 'certificate_expired');
    await api(env.base, sb.key, 'POST', '/api/clock', {
      action: 'set',
      at: new Date(Date.parse(card.json.expiresOn) + 2 * 86_400_000).toISOString(),
    });
    await expectRpError(await attempt(sb.rp, sb.key, cardId, { authPin: '1234' }), 'card_expired');
  });

  it('the holder does not finish in time (sandbox clock) → timeout', async () => {
    const sb = await sandbox('timeout');
    const cardId = await issueCard(env.base, sb.key);
    const req = await authRequest(sb.rp);
    const holder = holderFor(env.base, sb.key);
    const s = await holder.start(req.url.href);
    await holder.card(s.uid, cardId);
    await api(env.base, sb.key, 'POST', '/api/clock', { action: 'advance', ms: 6 * 60_000 });
    const answer = await holder.consent(s.uid, { authPin: '1234' });
    await expectRpError({ req, holder, s, answer }, 'timeout');
  });
});
