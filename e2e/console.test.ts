import { readFileSync } from 'node:fs';
import { MynaCardClient, RemoteTransport, type WebSocketConstructor } from '@myna/client';
import { seedDemo } from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Console, openConsole } from './browser.js';

const photo = new Uint8Array(
  readFileSync(new URL('../packages/core/card/assets/demo-photo-0.jp2', import.meta.url)),
);
let c: Console;

beforeAll(async () => {
  c = await openConsole();
  await seedDemo(await c.server.runtime.get('default'), [photo]);
}, 60_000);
afterAll(() => c?.close());

describe('web console (Chromium)', () => {
  it('lists the demo cards in Japanese, switches to English, and shows where each try went', async () => {
    const { page } = c;
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.getByTestId('cards').getByText('高橋　美咲').waitFor();
    expect(await page.getByRole('heading', { name: 'カード一覧' }).isVisible()).toBe(true);
    await c.shot('console-cards-ja');

    // A relying party on another terminal spends two tries of the 券面事項入力補助 PIN.
    const cards = (await (
      await fetch(`${c.base}/api/cards`, { headers: { 'x-api-key': c.key } })
    ).json()) as { id: string; holder: string }[];
    const id = cards.find((x) => x.holder === '高橋　美咲')!.id;
    await page.locator(`[data-card="${id}"]`).getByRole('button').click();
    await page.getByTestId('pin-kenhojo').waitFor();
    expect(await page.getByTestId('pin-kenhojo').getAttribute('data-tries')).toBe('3');
    const t = await RemoteTransport.open({
      server: c.base,
      cardId: id,
      apiKey: c.key,
      terminal: 'app:risky-rp',
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
    const client = new MynaCardClient(t);
    for (let i = 0; i < 2; i++)
      await client
        .verifyPin('kenhojo', '4567', { allowResendToOtherApplication: true, confirmLastTry: true })
        .catch(() => undefined);
    await t.close();
    // The page updates live: gauge at 1/3 and two failures from app:risky-rp on the timeline.
    await page.locator('[data-testid="pin-kenhojo"][data-tries="1"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('timeline').getByText('app:risky-rp').nth(1).waitFor();
    expect(await page.getByTestId('event').count()).toBe(2);
    await c.shot('console-card-timeline-ja');

    await page.getByTestId('lang').click();
    await page.getByText('Card-info input support').first().waitFor();
    expect(await page.getByText('One try left').isVisible()).toBe(true);
    await c.shot('console-card-timeline-en');
  });
});
