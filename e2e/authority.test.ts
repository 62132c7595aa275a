import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Console, chooseOption, openConsole, SHOTS } from './browser.js';

/**
 * A CA roll-over in the console (issue 13): the authority page rolls the user-auth CA over after
 * its confirmation, a card issued afterwards shows the new generation on its certificate while the
 * signature certificate stays on generation 1; screenshots at 1280 px and 390 px.
 */
let c: Console;
beforeAll(async () => {
  c = await openConsole();
}, 60_000);
afterAll(() => c?.close());

const noSideScroll = (page: Page, width: number) =>
  page.evaluate((w) => document.documentElement.scrollWidth <= w, width);

describe('CA generations in the console (Chromium)', () => {
  it('rolls the auth CA over, issues a card, and sees the new generation on its certificate', async () => {
    const { page } = c;
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.getByTestId('nav-authority').click();
    await page.locator('[data-testid="generation-auth-1"][data-current="true"]').waitFor();
    await page.locator('[data-testid="generation-sign-1"][data-current="true"]').waitFor();
    expect(await page.getByRole('heading', { name: '認証局（J-LIS）の世代' }).isVisible()).toBe(true);
    await c.shot('authority-1280-ja');

    // The confirmation says what a roll-over does before anything happens.
    await page.getByTestId('rollover-auth').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('利用者証明用認証局を第2世代に交代しますか？').waitFor();
    expect(await dialog.textContent()).toContain(
      'これから発行する証明書（新しいカード・更新）は第2世代が署名します。',
    );
    await c.shot('authority-confirm-1280-ja');
    await dialog.getByTestId('rollover-confirm').click();
    await page.locator('[data-testid="generation-auth-2"][data-current="true"]').waitFor();
    await page.locator('[data-testid="generation-auth-1"][data-current="false"]').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('authority-rolled').textContent()).toBe(
      '利用者証明用認証局は第2世代に交代しました。',
    );
    expect(await page.locator('[data-testid^="generation-sign-"][data-current]').count()).toBe(1);
    await c.shot('authority-rolled-1280-ja');

    // A card issued now: its user-auth certificate is signed by generation 2, its signature one by 1.
    await page.getByTestId('nav-cards').click();
    await page.getByPlaceholder('山田　太郎').fill('世代　交子');
    await page.getByTestId('issue').click();
    await page.locator('[data-testid="cert-generation-auth"][data-generation="2"]').waitFor();
    expect(await page.getByTestId('cert-generation-auth').textContent()).toBe('第2世代');
    expect(await page.getByTestId('cert-generation-sign').textContent()).toBe('第1世代');
    await c.shot('authority-card-1280-ja');

    // The relying party verifies that card: its certificate chained to the generation 2 root.
    await page.getByTestId('nav-rp').click();
    await chooseOption(page, 'rp-card', /世代\s交子/);
    await page.getByTestId('rp-auth-pin').fill('1234');
    await page.getByTestId('rp-register').click();
    await page.locator('[data-testid="rp-outcome"][data-status="registered"]').waitFor();
    const gen2 = (
      (await (
        await fetch(`${c.base}/api/authority/generations`, { headers: { 'x-api-key': c.key } })
      ).json()) as {
        kind: string;
        generation: number;
        keyIdHex: string;
      }[]
    ).find((g) => g.kind === 'auth' && g.generation === 2)!;
    const chained = page.locator('[data-testid="rp-chained-to"][data-generation="2"]');
    await chained.waitFor();
    expect(await chained.getAttribute('data-key-id')).toBe(gen2.keyIdHex);
    expect(await chained.textContent()).toContain('利用者証明用認証局 第2世代');
    await c.shot('authority-rp-chain-1280-ja');

    // Back on the authority page, generation 2 has signed that one certificate.
    await page.getByTestId('nav-authority').click();
    await page.locator('[data-testid="generation-auth-2"][data-certificates="1"]').waitFor();
    await page.getByTestId('lang').click();
    await page.getByRole('heading', { name: 'Authority (J-LIS) generations' }).waitFor();
    await c.shot('authority-1280-en');
    await page.getByTestId('lang').click();
    await page.getByRole('heading', { name: '認証局（J-LIS）の世代' }).waitFor();
  });

  it('at 390 px: the authority page, its confirmation and the card page fit the screen', async () => {
    const page = await c.browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
      reducedMotion: 'reduce',
    });
    try {
      await page.goto(`${c.base}/#key=${c.key}`);
      await page.getByTestId('cards').getByText('世代　交子').waitFor();
      await page.evaluate(() => {
        location.hash = '#/authority';
      });
      await page.locator('[data-testid="generation-auth-2"][data-current="true"]').waitFor();
      expect(await noSideScroll(page, 390)).toBe(true);
      await page.screenshot({ path: `${SHOTS}authority-390-ja.png`, fullPage: true });
      await page.getByTestId('rollover-sign').click();
      await page.getByRole('dialog').getByText('署名用認証局を第2世代に交代しますか？').waitFor();
      await page.screenshot({ path: `${SHOTS}authority-confirm-390-ja.png` });
      await page.getByRole('dialog').getByTestId('rollover-cancel').click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      const cards = (await (
        await fetch(`${c.base}/api/cards`, { headers: { 'x-api-key': c.key } })
      ).json()) as { id: string; holder: string }[];
      const id = cards.find((x) => x.holder === '世代　交子')!.id;
      await page.evaluate((h) => {
        location.hash = h;
      }, `#/cards/${id}`);
      await page.locator('[data-testid="cert-generation-auth"][data-generation="2"]').waitFor();
      expect(await noSideScroll(page, 390)).toBe(true);
      await page.screenshot({ path: `${SHOTS}authority-card-390-ja.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});
