import { readFileSync } from 'node:fs';
import { MynaCardClient, RemoteTransport, type WebSocketConstructor } from '@myna/client';
import { seedDemo } from '@myna/services';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Console, chooseOption, openConsole } from './browser.js';
import { ocspStatus } from './ocsp.js';

/**
 * The reset ecosystem in the browser (issue 7): each journey clicks through the console's Phone,
 * Kiosk, Counter and card pages against a real server, and checks the outcome on the card itself
 * (through the client SDK) and on the public OCSP responder. Screenshots: .test-results/screenshots.
 */
const photo = new Uint8Array(
  readFileSync(new URL('../packages/core/card/assets/demo-photo-0.jp2', import.meta.url)),
);
const WS = WebSocket as unknown as WebSocketConstructor;
let c: Console;
let page: Page;

/** Next Tuesday, 10:00 JST, after today: kiosks (06:30–23:00) and the counter (weekdays 08:30–17:00) are open. */
function tuesdayMorning(): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  d.setUTCDate(d.getUTCDate() + 1 + ((8 - d.getUTCDay()) % 7));
  return `${d.toISOString().slice(0, 10)}T10:00:00+09:00`;
}

async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const r = await fetch(`${c.base}${path}`, {
    method,
    headers: { 'x-api-key': c.key, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = r.status === 204 ? undefined : await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json as T;
}

const cardIdOf = async (holder: string) =>
  (await api<{ id: string; holder: string }[]>('GET', '/api/cards')).find((x) => x.holder === holder)!.id;

/** Chooses an option of a Mantine Select (by text: names with U+3000 are compared whitespace-normalised). */
async function choose(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option').filter({ hasText: option }).first().click();
}

/** Types into a masked PinInput (four boxes) or a PasswordInput. */
async function enterPin(testId: string, value: string) {
  const el = page.getByTestId(testId);
  const boxes = el.locator('input');
  if ((await boxes.count()) > 1) {
    await boxes.first().click();
    await page.keyboard.type(value);
  } else await el.fill(value);
}

async function openCard(id: string) {
  await page.evaluate((h) => {
    location.hash = h;
  }, `#/cards/${id}`);
  await page.getByTestId('pin-auth').waitFor();
}

/** Every step of the counter's stepper is marked done (motion is reduced: no animation to wait for). */
const stepperDone = () =>
  page.waitForFunction(() => {
    const steps = document.querySelectorAll('[data-testid="counter-stepper"] .mantine-Stepper-step');
    return steps.length > 0 && [...steps].every((s) => s.hasAttribute('data-completed'));
  });

const tries = async (pin: string, n: number) =>
  page.locator(`[data-testid="pin-${pin}"][data-tries="${n}"]`).waitFor({ timeout: 10_000 });

beforeAll(async () => {
  c = await openConsole();
  page = c.page;
  await api('POST', '/api/clock', { action: 'freeze', at: tuesdayMorning() });
  await seedDemo(await c.server.runtime.get('default'), [photo]);
  await page.goto(`${c.base}/#key=${c.key}`);
  await page.getByTestId('cards').getByText('佐藤　花子').waitFor();
}, 60_000);
afterAll(() => c?.close());

describe('reset journeys (Chromium)', () => {
  it('journey 2: a locked signature password → phone reservation → Seven-Eleven kiosk K1–K7 → it signs again', async () => {
    const id = await cardIdOf('佐藤　花子');
    await openCard(id);
    await tries('sign', 0);

    // The JPKI PIN-reset app: card, PIN, card face, the other PIN (masked), selfie.
    await page.getByTestId('nav-phone').click();
    await choose('phone-card', '佐藤　花子');
    await page.getByTestId('phone-start').click();
    await page.getByTestId('phone-capture').click();
    await enterPin('phone-other-pin', '2345');
    await page.getByTestId('phone-pin-next').click();
    await page.getByTestId('phone-submit').click();
    await page.getByTestId('phone-done').waitFor();
    expect(await page.getByTestId('phone-deadline').textContent()).toMatch(/10:00/);
    await page.getByTestId('phone-reservations').locator('[data-status="active"]').waitFor();
    await c.shot('journey2-1-phone-reserved');

    // The kiosk at a Seven-Eleven: ①–⑧.
    await page.getByTestId('phone-to-kiosk').click();
    await page.getByTestId('kiosk-chain-seven-eleven').click();
    const screen = (id: string) => page.locator(`[data-testid="kiosk"][data-screen="${id}"]`).waitFor();
    await screen('K1');
    expect(await page.getByTestId('kiosk-time').textContent()).toContain('10:00');
    await c.shot('journey2-2-kiosk-k1');
    await page.getByTestId('kiosk-administrative-services').click();
    await page.getByTestId('kiosk-password-reset').click();
    await page.getByTestId('kiosk-choose-sign').click();
    await screen('K3');
    await page.getByTestId('kiosk-agree').click();
    await screen('K4');
    await choose('kiosk-card-select', '佐藤　花子');
    await page.getByTestId('kiosk-place-card').click();
    await screen('K5');
    await enterPin('kiosk-other-pin', '2345');
    await c.shot('journey2-3-kiosk-k5');
    await page.getByTestId('kiosk-other-pin-submit').click();
    await screen('K6');
    await enterPin('kiosk-new-pin', 'HANAKO2027');
    await enterPin('kiosk-new-pin-confirm', 'HANAKO2027');
    await page.getByTestId('kiosk-new-pin-submit').click();
    await screen('K7');
    await c.shot('journey2-4-kiosk-k7');
    await page.getByTestId('kiosk-remove-card').click();
    await screen('K1');

    // A signature works again with the new password, through the SDK over a remote session.
    const t = await RemoteTransport.open({
      server: c.base,
      cardId: id,
      apiKey: c.key,
      terminal: 'e2e:signer',
      WebSocket: WS,
    });
    try {
      const sig = await new MynaCardClient(t).sign('sign', new TextEncoder().encode('契約書'), {
        pin: 'HANAKO2027',
      });
      expect(sig.length).toBe(256);
    } finally {
      await t.close();
    }
    await openCard(id);
    await tries('sign', 5);
    expect(await page.getByTestId('pin-sign').textContent()).toContain('5/5');
    await c.shot('journey2-5-card-sign-5of5');
  });

  it('journey 3: a holder who forgot every PIN → a clerk resets them all at the counter', async () => {
    const card = await api<{ id: string }>('POST', '/api/cards', {
      holder: { name: '小林　忘' },
      initialTries: { auth: 0, sign: 0, kenhojo: 0, juki: 0, common: 0 },
    });
    // Staff accounts (the first is a supervisor; the supervisor adds a clerk).
    await api('POST', '/api/counter/staff', {
      id: 'sato.sup',
      name: '佐藤　主任',
      role: 'supervisor',
      password: 'correct horse battery',
    });
    const sup = await api<{ token: string }>('POST', '/api/counter/login', {
      id: 'sato.sup',
      password: 'correct horse battery',
    });
    await api(
      'POST',
      '/api/counter/staff',
      { id: 'kato.clerk', name: '加藤　係員', role: 'clerk', password: 'staple battery horse' },
      {
        'x-counter-session': sup.token,
      },
    );
    await api('POST', '/api/counter/logout', undefined, { 'x-counter-session': sup.token });

    await page.getByTestId('nav-counter').click();
    await page.locator('[data-testid="counter-open"][data-open="true"]').waitFor();
    await page.getByTestId('counter-login-id').fill('kato.clerk');
    await page.getByTestId('counter-login-password').fill('staple battery horse');
    await page.getByTestId('counter-login-window').fill('2');
    await page.getByTestId('counter-login').click();
    await page.getByTestId('counter-staff').getByText('加藤　係員', { exact: false }).waitFor();

    await choose('counter-card', '小林　忘');
    // Nothing is pre-ticked: the clerk ticks the PINs the person asks for (here all five).
    for (const pin of ['auth', 'sign', 'kenhojo', 'juki', 'common'])
      await page.getByTestId(`counter-pin-${pin}`).check();
    await page.getByTestId('counter-open-procedure').click();
    await page.locator('[data-testid="counter-procedure"][data-status="open"]').waitFor();
    expect(await page.getByTestId('counter-photoid-name').inputValue()).toBe('小林　忘');
    await page.getByTestId('counter-identity').click();
    await page.locator('[data-testid="counter-procedure"][data-status="ready"]').waitFor();
    const pins = { auth: '1357', sign: 'KOBA2027', kenhojo: '2468', juki: '3579', common: '3579' };
    for (const [pin, v] of Object.entries(pins)) await enterPin(`counter-new-${pin}`, v);
    await c.shot('journey3-1-counter-new-pins');
    await page.getByTestId('counter-do').click();
    await page.getByTestId('counter-done').waitFor();
    await stepperDone();
    await c.shot('journey3-2-counter-done');

    await page.getByTestId('counter-see-card').click();
    await page.getByTestId('pin-auth').waitFor();
    for (const [pin, n] of [
      ['auth', 3],
      ['sign', 5],
      ['kenhojo', 3],
      ['juki', 3],
      ['common', 3],
    ] as const)
      await tries(pin, n);
    expect(await page.getByTestId('pin-sign').textContent()).toContain('5/5');
    await c.shot('journey3-3-card-full');
    expect(card.id).toBeTruthy();
  });

  it('journey 4: a lost card is suspended (certificates on hold) → lifted at the counter', async () => {
    const id = await cardIdOf('山田　太郎');
    const caDer = new Uint8Array(await (await fetch(`${c.base}/s/default/ca/auth.cer`)).arrayBuffer());
    const authCert = await readAuthCertificate(id);
    expect((await ocspStatus(c.base, 'default', authCert, caDer)).status).toBe('good');

    // The holder reports the card lost (the card page's 紛失届 → 0120-95-0178).
    await openCard(id);
    await page.getByTestId('report-lost').click();
    await page.getByTestId('report-lost-confirm').click();
    await page.getByTestId('card-status').getByText('一時停止中').waitFor({ timeout: 10_000 });

    await whileSuspended(id, authCert, caDer);

    // The holder goes to the counter; a supervisor lifts the suspension (with the signature password).
    await page.getByTestId('nav-counter').click();
    await page.getByTestId('counter-logout').click();
    await page.getByTestId('counter-login-id').fill('sato.sup');
    await page.getByTestId('counter-login-password').fill('correct horse battery');
    await page.getByTestId('counter-login').click();
    await page.getByTestId('counter-new-procedure').or(page.getByTestId('counter-card')).first().waitFor();
    if (await page.getByTestId('counter-new-procedure').isVisible())
      await page.getByTestId('counter-new-procedure').click();
    await choose('counter-card', '山田　太郎');
    await choose('counter-kind', '一時停止の解除');
    await page.getByTestId('counter-open-procedure').click();
    await page.getByTestId('counter-identity').click();
    await page.locator('[data-testid="counter-procedure"][data-status="ready"]').waitFor();
    await enterPin('counter-lift-sign', 'ABC123');
    await page.getByTestId('counter-do').click();
    await page.getByTestId('counter-done').waitFor();
    await stepperDone();
    await c.shot('journey4-3-counter-lifted');

    await afterLifting(id, authCert, caDer);
  });
});

/** The auth certificate as a relying party reads it off the card (no PIN needed). */
async function readAuthCertificate(cardId: string): Promise<Uint8Array> {
  const t = await RemoteTransport.open({
    server: c.base,
    cardId,
    apiKey: c.key,
    terminal: 'e2e:rp',
    WebSocket: WS,
  });
  try {
    return await new MynaCardClient(t).readCertificate('auth');
  } finally {
    await t.close();
  }
}

/**
 * While the card is suspended: the card page shows its certificates on hold, and the public OCSP
 * responder answers revoked / certificateHold — what makes a relying party refuse a registration.
 */
async function whileSuspended(cardId: string, authCert: Uint8Array, caDer: Uint8Array) {
  await openCard(cardId);
  const holds = page.getByTestId('certificates').getByText('一時保留');
  await holds.nth(1).waitFor();
  expect(await holds.count()).toBe(2);
  await c.shot('journey4-1-card-suspended');
  expect(await ocspStatus(c.base, 'default', authCert, caDer)).toEqual({ status: 'hold', reasonCode: 6 });
  await c.shot('journey4-2-ocsp-hold');
  // A relying party checks the certificate by OCSP and refuses the registration.
  expect(await registerAtRelyingParty()).toBe('verification-failed');
  await c.shot('journey4-2b-rp-refused');
}

/** One registration in the relying-party demo's console page (山田　太郎's PINs are all 1234). */
async function registerAtRelyingParty(): Promise<string | null> {
  await page.getByTestId('nav-rp').click();
  await chooseOption(page, 'rp-card', /山田\s太郎/);
  await page.getByTestId('rp-auth-pin').fill('1234');
  await page.getByTestId('rp-register').click();
  await page.getByTestId('rp-outcome').waitFor();
  return page.getByTestId('rp-outcome').getAttribute('data-status');
}

/** After the counter lifted the suspension: the card is active, its certificates good, OCSP good. */
async function afterLifting(cardId: string, authCert: Uint8Array, caDer: Uint8Array) {
  await page.getByTestId('counter-see-card').click();
  await page.getByTestId('card-status').getByText('有効').waitFor();
  expect(await page.getByTestId('certificates').getByText('一時保留').count()).toBe(0);
  await c.shot('journey4-4-card-active');
  expect((await ocspStatus(c.base, 'default', authCert, caDer)).status).toBe('good');
  // The same registration now goes through.
  expect(await registerAtRelyingParty()).toBe('registered');
  await c.shot('journey4-5-rp-registered');
  expect(cardId).toBeTruthy();
}
