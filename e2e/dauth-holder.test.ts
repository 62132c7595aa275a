import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Console, chooseOption, openConsole } from './browser.js';

/**
 * The holder's side of the デジタル認証アプリ in Chromium (issue 10, item 3): a relying party
 * written with openid-client (PKCE, state, nonce, private_key_jwt) sends the browser to the
 * sandbox's provider; the holder plays the app on the console page スマホ：デジタル認証アプリ at
 * 390 px, in Japanese and in English. Three wrong PINs typed in the app lock the card's
 * user-authentication PIN (its timeline shows them, terminal app:digital-auth), the relying
 * party receives access_denied / pin_locked, and the app's support link leads to the reset
 * channel the support engine picks. A correct PIN ends on the RP's redirect_uri with a code.
 * Screenshots: .test-results/screenshots/dauth-*.png (390 px and 1280 px).
 */
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PHONE = { width: 390, height: 844 };

let c: Console;
let rp: Server;
let rpBase: string;
let config: oidc.Configuration;
const flows = new Map<string, { verifier: string; nonce: string }>();

async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${c.base}${path}`, {
    method,
    headers: { 'x-api-key': c.key, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json as T;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (x) => `&#${x.charCodeAt(0)};`);

/** The relying party: /login starts the code flow, /callback exchanges the code (or shows the error). */
async function startRp(): Promise<void> {
  rp = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', rpBase);
    if (url.pathname === '/login') {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      flows.set(state, { verifier, nonce });
      const to = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${rpBase}/callback`,
        scope: url.searchParams.get('scope') ?? 'openid',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        acr_values: 'aal3 crl',
        ...(url.searchParams.get('tx') ? { sign_transaction_id: url.searchParams.get('tx')! } : {}),
      });
      res.writeHead(302, { location: to.href }).end();
      return;
    }
    if (url.pathname === '/callback') {
      const state = url.searchParams.get('state') ?? '';
      const flow = flows.get(state);
      let body: string;
      try {
        if (!flow) throw new Error('unknown state');
        const tokens = await oidc.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: flow.verifier,
          expectedState: state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        body = `<p data-testid="rp-result" data-result="ok" data-code="${esc(url.searchParams.get('code') ?? '')}" data-sub="${esc(claims.sub)}">ログインしました / Logged in: ${esc(String(info.name ?? claims.sub))}</p>`;
      } catch (e) {
        const err = e as { error?: string; error_description?: string; message: string };
        body = `<p data-testid="rp-result" data-result="error" data-error="${esc(err.error ?? '')}" data-description="${esc(err.error_description ?? '')}">RP: ${esc(err.error ?? err.message)} ${esc(err.error_description ?? '')}</p>`;
      }
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><meta charset="utf-8">${body}`);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => rp.listen(0, '127.0.0.1', ok));
  rpBase = `http://127.0.0.1:${(rp.address() as { port: number }).port}`;
  const sig = await generateKeyPair('ES256', { extractable: true });
  const enc = await generateKeyPair('RSA-OAEP-256', { extractable: true });
  const reg = await api<{ clientId: string }>('POST', '/api/dauth/clients', {
    name: 'サンプル銀行 / Sample Bank',
    redirectUris: [`${rpBase}/callback`],
    jwks: {
      keys: [
        { ...(await exportJWK(sig.publicKey)), use: 'sig', alg: 'ES256', kid: 'sig-1' },
        { ...(await exportJWK(enc.publicKey)), use: 'enc', alg: 'RSA-OAEP-256', kid: 'enc-1' },
      ],
    },
  });
  const issuer = `${c.base}/s/default/api/realms/main`;
  const tokenUrl = `${issuer}/protocol/openid-connect/token`;
  config = await oidc.discovery(
    new URL(issuer),
    reg.clientId,
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
}

async function issueCard(): Promise<{ id: string; serial: string }> {
  const { id } = await api<{ id: string }>('POST', '/api/cards', {});
  const card = (await api<{ id: string; serial: string }[]>('GET', '/api/cards')).find((x) => x.id === id)!;
  return card;
}

/** A phone: 390 px, the console opened once with the sandbox key (the app's own session), in `lang`. */
async function phone(lang: 'ja' | 'en', mobileUa: boolean): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await c.browser.newContext({
    viewport: PHONE,
    locale: lang === 'ja' ? 'ja-JP' : 'en-GB',
    ...(mobileUa ? { userAgent: IPHONE, isMobile: true, hasTouch: true } : {}),
  });
  await ctx.addInitScript((l) => localStorage.setItem('myna.lang', l), lang);
  const page = await ctx.newPage();
  await page.goto(`${c.base}/#key=${c.key}`);
  await page.getByTestId('cards').waitFor();
  return { ctx, page };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `.test-results/screenshots/dauth-${name}.png`, fullPage: true });

/** Types four digits into a masked PinInput. */
async function typePin(page: Page, testId: string, digits: string) {
  await page.getByTestId(testId).locator('input').first().click();
  await page.keyboard.type(digits);
}

async function holdCard(page: Page, serial: string, tries: number) {
  await page.getByTestId('dauth-app').waitFor();
  await chooseOption(page, 'dauth-card', new RegExp(serial));
  await page.getByTestId('dauth-read-card').click();
  await page.locator(`[data-testid="dauth-pin-auth"][data-tries="${tries}"]`).waitFor();
}

/** Three wrong PINs: two spend a try each, the third needs the explicit last-try confirmation. */
async function lockAuthPin(page: Page, lang: 'ja' | 'en') {
  for (const left of [2, 1]) {
    await typePin(page, 'dauth-auth-pin', '9999');
    await page.getByTestId('dauth-submit').click();
    const wrong = page.locator(`[data-testid="dauth-wrong"][data-tries="${left}"]`);
    await wrong.waitFor();
    expect(await wrong.textContent()).toContain(
      lang === 'ja' ? `残り${left}回` : `${left} ${left === 1 ? 'try' : 'tries'} left`,
    );
    await page.locator(`[data-testid="dauth-pin-auth"][data-tries="${left}"]`).waitFor();
    if (left === 2) await shot(page, `${lang}-390-2-wrong-pin`);
  }
  await typePin(page, 'dauth-auth-pin', '9999');
  await page.getByTestId('dauth-submit').click();
  await page.getByTestId('dauth-last-try').waitFor();
  // Nothing was sent to the card: still one try.
  await page.locator('[data-testid="dauth-pin-auth"][data-tries="1"]').waitFor();
  await shot(page, `${lang}-390-3-last-try`);
  await page.getByTestId('dauth-confirm-last-try').click();
  await page.locator('[data-testid="dauth-result"][data-reason="pin-locked"]').waitFor();
  expect(await page.getByTestId('dauth-rp-error').textContent()).toBe('access_denied (pin_locked)');
  await shot(page, `${lang}-390-4-locked`);
}

beforeAll(async () => {
  c = await openConsole();
  await startRp();
}, 60_000);
afterAll(async () => {
  rp?.close();
  await c?.close();
});

describe('デジタル認証アプリ: the holder page (Chromium)', () => {
  it('ja: desktop hand-off, the phone locks the user-auth PIN with three wrong PINs, the RP gets pin_locked, the support guide names the channel', async () => {
    const card = await issueCard();
    // The RP's page on a desktop browser: the provider shows the hand-off page with the app's link.
    const desk = await c.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const pc = await desk.newPage();
    await pc.goto(`${rpBase}/login`);
    const link = pc.getByTestId('dauth-app-link');
    await link.waitFor();
    const appUrl = (await link.getAttribute('href'))!;
    expect(appUrl).toMatch(new RegExp(`^${c.base}/#/dauth/[A-Za-z0-9_-]+$`));
    await shot(pc, 'ja-1280-0-handoff');

    // The phone opens the link: what the RP asks, then the card.
    const { ctx, page } = await phone('ja', false);
    await page.goto(appUrl);
    await page.getByTestId('dauth-app').waitFor();
    expect(await page.getByTestId('dauth-phone').getAttribute('data-layout')).toBe('fullscreen');
    expect(await page.getByTestId('dauth-client').textContent()).toBe('サンプル銀行 / Sample Bank');
    expect(await page.getByTestId('dauth-purpose').textContent()).toBe('ログイン（本人確認）');
    await holdCard(page, card.serial, 3);
    await shot(page, 'ja-390-1-card');
    await lockAuthPin(page, 'ja');

    // The desktop's polling page goes on: the RP receives the documented error.
    const result = pc.getByTestId('rp-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-error')).toBe('access_denied');
    expect(await result.getAttribute('data-description')).toBe('pin_locked');
    await shot(pc, 'ja-1280-5-rp-error');

    // The card's timeline: the three wrong entries, as the terminal app:digital-auth.
    await pc.goto(`${c.base}/#key=${c.key}`);
    await pc.getByTestId('cards').waitFor();
    await pc.evaluate((h) => {
      location.hash = h;
    }, `#/cards/${card.id}`);
    const appEvents = pc.getByTestId('event').filter({ hasText: 'app:digital-auth' });
    for (const left of ['2/3', '1/3', '0/3'])
      await appEvents
        .filter({ hasText: `利用者証明用電子証明書 · ${left}` })
        .first()
        .waitFor();
    const events = await api<{ type: string; pin?: string; terminal: string }[]>(
      'GET',
      `/api/cards/${card.id}/events`,
    );
    expect(
      events.filter((e) => e.type === 'pin.failed' && e.pin === 'auth' && e.terminal === 'app:digital-auth'),
    ).toHaveLength(3);
    await shot(pc, 'ja-1280-6-timeline');

    // The app's support link: the guide for this card names the reset channel the engine decides.
    await page.getByTestId('dauth-support').click();
    await page.waitForURL(`**/#/support/${card.id}`);
    await page.getByTestId('diagnose').click();
    const diagnosis = page.getByTestId('diagnosis');
    await diagnosis.waitFor();
    const engine = await api<{ diagnosis: { route: string } }>('GET', `/api/cards/${card.id}/diagnosis`);
    expect(['kiosk', 'counter']).toContain(engine.diagnosis.route);
    expect(await diagnosis.getAttribute('data-route')).toBe(engine.diagnosis.route);
    await shot(page, 'ja-390-8-support');
    await ctx.close();
    await desk.close();
  });

  it('en: the mobile redirect opens the app in the same browser; the lock ends on the error screen, the RP gets pin_locked', async () => {
    const card = await issueCard();
    const { ctx, page } = await phone('en', true);
    await page.goto(`${rpBase}/login`);
    await page.waitForURL(/#\/dauth\/[A-Za-z0-9_-]+\/return$/);
    await holdCard(page, card.serial, 3);
    expect(await page.getByTestId('dauth-purpose').textContent()).toBe('Log in (identity check)');
    await shot(page, 'en-390-1-card');
    await lockAuthPin(page, 'en');
    expect(await page.getByTestId('dauth-error').textContent()).toContain('The PIN is locked');
    expect(await page.getByTestId('dauth-support').getAttribute('href')).toBe(
      `${c.base}/#/support/${card.id}`,
    );
    await page.getByTestId('dauth-continue').click();
    const result = page.getByTestId('rp-result');
    await result.waitFor();
    expect(await result.getAttribute('data-error')).toBe('access_denied');
    expect(await result.getAttribute('data-description')).toBe('pin_locked');

    // The locked card again: nothing to type, the app ends with the same error, no try is spent.
    await page.goto(`${rpBase}/login`);
    await page.waitForURL(/#\/dauth\/[A-Za-z0-9_-]+\/return$/);
    await holdCard(page, card.serial, 0);
    expect(await page.getByTestId('dauth-unusable').textContent()).toContain('is locked');
    await shot(page, 'en-390-5-locked-card');
    await page.getByTestId('dauth-submit').click();
    await page.locator('[data-testid="dauth-result"][data-reason="pin-locked"]').waitFor();
    await ctx.close();
  });

  it('ja: a correct login with the 基本4情報 (「直前と同じ番号を入力」 not pre-ticked) ends on the redirect_uri with a code', async () => {
    const card = await issueCard();
    const { ctx, page } = await phone('ja', true);
    await page.goto(`${rpBase}/login?scope=${encodeURIComponent('openid name address birthdate gender')}`);
    await page.waitForURL(/#\/dauth\/[A-Za-z0-9_-]+\/return$/);
    await page.getByTestId('dauth-basic-four').waitFor();

    // The console at 1280 px: the pending request in the app's list, and the app drawn as a phone.
    const desk = await c.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const pc = await desk.newPage();
    await pc.goto(`${c.base}/#key=${c.key}`);
    await pc.getByTestId('cards').waitFor();
    await pc.getByTestId('nav-dauth').click();
    const uid = new URL(page.url()).hash.split('/')[2]!;
    await pc.locator(`[data-testid="dauth-pending"][data-uid="${uid}"]`).waitFor();
    await shot(pc, 'ja-1280-8-list');
    await pc.locator(`[data-testid="dauth-pending"][data-uid="${uid}"]`).getByTestId('dauth-open').click();
    await pc
      .locator('[data-testid="dauth-phone"][data-layout="framed"]')
      .getByTestId('dauth-basic-four')
      .waitFor();
    await shot(pc, 'ja-1280-9-app-framed');
    expect(await page.getByTestId('dauth-basic-four').locator('li').allTextContents()).toEqual([
      '氏名',
      '住所',
      '生年月日',
      '性別',
    ]);
    await holdCard(page, card.serial, 3);
    await page.locator('[data-testid="dauth-pin-kenhojo"][data-tries="3"]').waitFor();
    const same = page.getByTestId('dauth-same');
    expect(await same.isChecked()).toBe(false);
    await typePin(page, 'dauth-auth-pin', '1234');
    await typePin(page, 'dauth-kenhojo-pin', '1234');
    await shot(page, 'ja-390-9-basic-four');
    await Promise.all([
      page.waitForURL(new RegExp(`^${rpBase}/callback\\?`)),
      page.getByTestId('dauth-submit').click(),
    ]);
    const result = page.getByTestId('rp-result');
    await result.waitFor();
    expect(await result.getAttribute('data-result')).toBe('ok');
    expect(await result.getAttribute('data-code')).not.toBe('');
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
    await shot(page, 'ja-390-10-rp-logged-in');

    // The console tab still shows the chooser; the request has finished meanwhile: a 4xx in words.
    await chooseOption(pc, 'dauth-card', new RegExp(card.serial));
    await pc.getByTestId('dauth-read-card').click();
    const refused = pc.getByTestId('dauth-api-error').first();
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toMatch(/^DAUTH_AUTHORIZATION_(FINISHED|NOT_FOUND)$/);
    expect(await refused.textContent()).toMatch(/この認証リクエストは/);
    await shot(pc, 'ja-1280-11-refused');
    await desk.close();
    await ctx.close();
  });

  it('ja: a signature — the title and digest shown, a wrong password spends one of five tries, then it signs', async () => {
    const card = await issueCard();
    const cc = await oidc.clientCredentialsGrant(config);
    const digest = createHash('sha256').update('利用規約に同意します。').digest('base64');
    const r = await fetch(`${c.base}/s/default/api/sign-transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cc.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ digest, digest_type: 'sha256', title: '利用規約への同意' }),
    });
    expect(r.status).toBeLessThan(300);
    const tx = ((await r.json()) as { sign_transaction_id: string }).sign_transaction_id;
    const { ctx, page } = await phone('ja', true);
    await page.goto(`${rpBase}/login?scope=${encodeURIComponent('openid sign')}&tx=${tx}`);
    await page.waitForURL(/#\/dauth\/[A-Za-z0-9_-]+\/return$/);
    await page.getByTestId('dauth-sign-title').waitFor();
    expect(await page.getByTestId('dauth-purpose').textContent()).toBe('電子署名');
    expect(await page.getByTestId('dauth-sign-title').textContent()).toBe('利用規約への同意');
    expect(await page.getByTestId('dauth-digest').textContent()).toBe(digest);
    await chooseOption(page, 'dauth-card', new RegExp(card.serial));
    await page.getByTestId('dauth-read-card').click();
    await page.locator('[data-testid="dauth-pin-sign"][data-tries="5"]').waitFor();
    await page.getByTestId('dauth-sign-password').fill('WRONG1');
    await page.getByTestId('dauth-submit').click();
    const wrong = page.locator('[data-testid="dauth-wrong"][data-tries="4"]');
    await wrong.waitFor();
    expect(await wrong.textContent()).toContain('残り4回');
    await page.getByTestId('dauth-sign-password').fill('abc123');
    expect(await page.getByTestId('dauth-sign-password').inputValue()).toBe('ABC123');
    await shot(page, 'ja-390-12-sign');
    await Promise.all([
      page.waitForURL(new RegExp(`^${rpBase}/callback\\?`)),
      page.getByTestId('dauth-submit').click(),
    ]);
    const result = page.getByTestId('rp-result');
    await result.waitFor();
    expect(await result.getAttribute('data-result')).toBe('ok');
    await ctx.close();
  });
});
