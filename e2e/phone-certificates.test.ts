import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Console, openConsole } from './browser.js';

/**
 * スマホ用電子証明書 in the console (docs/phone.md): apply in the マイナポータル app from the card
 * page, lock the phone's user-auth password with wrong demo-RP logins, reset it in the app, log
 * in — each step visible on the phone's gauges and timeline; screenshots at desktop and phone width.
 */
let c: Console;
beforeAll(async () => {
  c = await openConsole();
}, 60_000);
afterAll(() => c?.close());

async function api(path: string, body?: object) {
  const r = await fetch(`${c.base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'x-api-key': c.key, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return r.json() as Promise<Record<string, unknown>>;
}

describe('smartphone certificates in the console (Chromium)', () => {
  it('issue → lock → reset → login, at desktop and phone width', async () => {
    const { page } = c;
    const card = (await api('/api/cards', {})) as { id: string };
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.goto(`${c.base}/#/cards/${card.id}`);
    await page.getByTestId('phone-section').waitFor();
    await page.getByText('このカードから発行されたスマホ用電子証明書はありません。').waitFor();

    await page.getByTestId('phone-issue-card-sign').fill('ABC123');
    await page.getByTestId('phone-issue-auth').fill('9876');
    await page.getByTestId('phone-issue-sign').fill('PHONE123');
    await page.getByTestId('phone-issue').click();
    await page.locator('[data-testid="pin-phoneAuth"][data-tries="3"]').waitFor({ timeout: 20_000 });
    const phones = (await api(`/api/cards/${card.id}/phones`)) as unknown as { phone: { id: string } }[];
    expect(phones).toHaveLength(1);
    const phone = page.getByTestId(`phone-${phones[0]!.phone.id}`);
    expect(await phone.getAttribute('data-status')).toBe('active');
    // The card's signature password was verified on the card by the app (the card's own timeline).
    await page.getByTestId('timeline').first().getByText('app:myna-portal').first().waitFor();
    await c.shot('phone-cert-issued-ja');

    for (const tries of ['2', '1', '0']) {
      await page.getByTestId('phone-login-pin').fill('0000');
      await page.getByTestId('phone-login').click();
      await page.locator(`[data-testid="pin-phoneAuth"][data-tries="${tries}"]`).waitFor({ timeout: 10_000 });
    }
    await page.getByTestId('phone-login-error').waitFor();
    expect(await page.getByTestId('pin-phoneAuth-words').textContent()).toBe('ロック中');
    // The error box names the phone's own password, not the card's 利用者証明用電子証明書.
    const lockedBox = await page.getByTestId('phone-login-error').textContent();
    expect(lockedBox).toContain('スマホ用利用者証明用');
    expect(lockedBox?.replaceAll('スマホ用利用者証明用', '')).not.toContain('利用者証明用');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('phone-login-error').scrollIntoViewIfNeeded();
    await c.shot('phone-cert-locked-error-ja-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    // The card's own user-auth PIN is untouched.
    expect(await page.getByTestId('pin-auth').getAttribute('data-tries')).toBe('3');
    // The support guide: the マイナポータル app's reset, not the counter.
    await page.getByTestId('phone-advice-ask').click();
    await page
      .locator('[data-testid="phone-advice-result"][data-route="myna-portal-reset"]')
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('phone-advice-step').getAttribute('data-step')).toBe(
      'step.phone.reset.auth',
    );
    await page.getByText('市区町村窓口やコンビニでは初期化できません', { exact: false }).waitFor();
    await c.shot('phone-cert-locked-ja');

    await page.getByTestId('phone-reset-proof').fill('PHONE123');
    await page.getByTestId('phone-reset-new').fill('1357');
    await page.getByTestId('phone-reset').click();
    await page.getByTestId('phone-reset-ok').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="pin-phoneAuth"][data-tries="3"]').waitFor();

    await page.getByTestId('phone-login-pin').fill('1357');
    await page.getByTestId('phone-login').click();
    await page.getByTestId('phone-login-ok').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('phone-login-ok').textContent()).toContain('JPKIAPGPSETOKEN');
    await phone.getByText('rp-demo:phone').first().waitFor();
    await c.shot('phone-cert-reset-login-ja');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('phone-section').scrollIntoViewIfNeeded();
    await c.shot('phone-cert-reset-login-ja-phone');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('lang').click();
    await page.getByText('Smartphone certificates (スマホ用電子証明書)').waitFor();
    await c.shot('phone-cert-en');
  });
});
