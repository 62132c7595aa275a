import { readFileSync } from 'node:fs';
import { seedDemo } from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Console, chooseOption, openConsole } from './browser.js';

/**
 * Journey 1 (seed 000): the relying-party demo in risky mode — "the 券面事項入力補助AP PIN is the same"
 * ticked by default — locks 券面事項入力補助 on the demo card whose two 4-digit PINs differ; the card
 * page shows where each try went; the support page says "counter".
 */
const photo = new Uint8Array(
  readFileSync(new URL('../packages/core/card/assets/demo-photo-2.jp2', import.meta.url)),
);
let c: Console;
beforeAll(async () => {
  c = await openConsole();
  await seedDemo(await c.server.runtime.get('default'), [photo]);
}, 60_000);
afterAll(() => c?.close());

describe('journey 1: the pre-ticked checkbox locks the card', () => {
  it('risky registrations lock 券面事項入力補助; the card page and the support guide explain it', async () => {
    const { page } = c;
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.getByTestId('nav-rp').click();
    await chooseOption(page, 'rp-card', /高橋\s美咲/);
    await page.getByTestId('rp-auth-pin').fill('4567');
    expect(await page.getByTestId('rp-same').isChecked()).toBe(true); // ticked by default in the risky design
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/rp/registrations'));
      await page.getByTestId('rp-register').click();
      await answered;
      // The button is free again and the outcome of this attempt is on screen.
      await page.locator('[data-testid="rp-register"]:not([data-loading])').waitFor();
      await page.getByTestId('rp-outcome').waitFor();
      statuses.push((await page.getByTestId('rp-outcome').getAttribute('data-status')) ?? '');
    }
    expect(statuses).toEqual(['pin-wrong', 'pin-wrong', 'pin-locked']);
    await c.shot('journey1-rp-risky-locked');

    // The card page: 券面事項入力補助 locked, the user-auth PIN untouched, every try by rp-demo:risky.
    const cards = (await (
      await fetch(`${c.base}/api/cards`, { headers: { 'x-api-key': c.key } })
    ).json()) as { id: string; holder: string }[];
    const id = cards.find((x) => x.holder === '高橋　美咲')!.id;
    await page.goto(`${c.base}/#/cards/${id}`);
    await page.locator('[data-testid="pin-kenhojo"][data-tries="0"]').waitFor();
    expect(await page.getByTestId('pin-auth').getAttribute('data-tries')).toBe('3');
    await page.getByTestId('timeline').waitFor();
    const events = await page.getByTestId('event').allInnerTexts();
    // Three failures (2/3, 1/3, 0/3) and the block, all from the relying party's terminal.
    const kenhojo = events.filter((e) => e.includes('券面事項入力補助') && e.includes('rp-demo:risky'));
    expect(kenhojo).toHaveLength(4);
    expect(kenhojo.filter((e) => e.includes('0/3'))).toHaveLength(2);
    await c.shot('journey1-card-page');

    // The support guide: counter, because of the checkbox.
    await page.getByTestId('nav-support').click();
    await chooseOption(page, 'support-card', /高橋\s美咲/);
    await page.getByTestId('diagnose').click();
    await page.locator('[data-testid="diagnosis"][data-route="counter"]').waitFor();
    expect(await page.locator('[data-id="cause.kenhojo-differs-from-auth"]').count()).toBe(1);
    await c.shot('journey1-support-counter');
  });
});
