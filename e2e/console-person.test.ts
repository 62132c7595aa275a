import { readFileSync } from 'node:fs';
import { seedDemo } from '@myna/services';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Console, chooseOption, openConsole, SHOTS } from './browser.js';

/**
 * The console as a person meets it (issue 11, items 14–18) in Chromium: a phone-sized screen, the
 * language after a reload, the API key in a new tab, busy buttons, the relying party's hints, and
 * screenshots of every page at 1280 px and 390 px.
 */
const photo = new Uint8Array(
  readFileSync(new URL('../packages/core/card/assets/demo-photo-1.jp2', import.meta.url)),
);
let c: Console;
let api: (method: string, path: string, body?: unknown) => Promise<unknown>;
beforeAll(async () => {
  c = await openConsole();
  await seedDemo(await c.server.runtime.get('default'), [photo]);
  api = async (method, path, body) => {
    const r = await fetch(`${c.base}${path}`, {
      method,
      headers: { 'x-api-key': c.key, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return r.json();
  };
}, 60_000);
afterAll(() => c?.close());

const PAGES = ['cards', 'phone', 'rp', 'kiosk', 'counter', 'support', 'authority', 'clock'] as const;

async function visit(page: Page, route: string) {
  await page.evaluate((h) => {
    location.hash = h;
  }, `#/${route}`);
  await page.locator('h2').first().waitFor();
}

describe('the console at 390 px and 1280 px (Chromium)', () => {
  it('at 390 px: a menu button, the language switch on screen, the navbar over nothing until opened', async () => {
    const page = await c.browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
      reducedMotion: 'reduce',
    });
    try {
      await page.goto(`${c.base}/#key=${c.key}`);
      await page.getByTestId('cards').waitFor();
      const lang = (await page.getByTestId('lang').boundingBox())!;
      expect(lang.x + lang.width).toBeLessThanOrEqual(390);
      expect(await page.getByTestId('menu').isVisible()).toBe(true);
      // Closed, the navbar is off screen: the page's content starts at the left edge.
      const nav = (await page.getByTestId('navbar').boundingBox())!;
      expect(nav.x + nav.width).toBeLessThanOrEqual(0);
      const title = (await page.locator('h2').first().boundingBox())!;
      expect(title.x).toBeLessThan(40);
      // No horizontal scroll on any page.
      for (const p of PAGES) {
        await visit(page, p);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.screenshot({ path: `${SHOTS}person-390-${p}-ja.png`, fullPage: true });
      }
      // The menu opens over the page, and closes on a choice.
      await page.getByTestId('menu').click();
      await page.getByTestId('nav-clock').waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const r = document.querySelector('[data-testid="navbar"]')!.getBoundingClientRect();
        return r.left === 0;
      });
      await page.screenshot({ path: `${SHOTS}person-390-menu-ja.png` });
      await page.getByTestId('nav-clock').click();
      await page.getByTestId('clock-now').waitFor();
      await page.waitForFunction(() => {
        const r = document.querySelector('[data-testid="navbar"]')!.getBoundingClientRect();
        return r.right <= 0;
      });
      await page.getByTestId('lang').click();
      await page.getByRole('heading', { name: 'Sandbox time' }).waitFor();
      await page.screenshot({ path: `${SHOTS}person-390-clock-en.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('at 1280 px: every page in Japanese, one in English (screenshots)', async () => {
    const { page } = c;
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.getByTestId('cards').waitFor();
    for (const p of PAGES) {
      await visit(page, p);
      await c.shot(`person-1280-${p}-ja`);
    }
    const cards = (await api('GET', '/api/cards')) as { id: string; holder: string }[];
    await visit(page, `cards/${cards[0]!.id}`);
    await page.getByTestId('pin-auth').waitFor();
    expect(await page.getByTestId('certificates').getByRole('columnheader').allInnerTexts()).toEqual([
      '証明書',
      '状態',
      '発行した世代',
      '有効期限',
      'シリアル番号',
    ]);
    await c.shot('person-1280-card-ja');
    await page.getByTestId('lang').click();
    await page.getByRole('columnheader', { name: 'Serial number' }).waitFor();
    await c.shot('person-1280-card-en');
    await page.getByTestId('lang').click();
  });
});

describe('the console remembers (Chromium)', () => {
  it('<html lang> follows the language after a reload', async () => {
    const { page } = c;
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.getByTestId('cards').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await page.getByTestId('lang').click();
    await page.getByRole('heading', { name: 'Cards' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Cards' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('lang').click();
    await page.getByRole('heading', { name: 'カード一覧' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  });

  it('a new tab without the key lets the person paste it, and keeps it for the session', async () => {
    // A new tab has its own sessionStorage: no key.
    const tab = await c.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    try {
      await tab.goto(`${c.base}/#/cards`);
      await tab.getByTestId('key-gate').waitFor();
      await tab.screenshot({ path: `${SHOTS}person-1280-key-gate-ja.png` });
      await tab.getByTestId('key-input').fill(c.key);
      await tab.getByTestId('key-use').click();
      await tab.getByTestId('cards').getByText('高橋　美咲').waitFor();
      await tab.reload();
      await tab.getByTestId('cards').getByText('高橋　美咲').waitFor();
      expect(await tab.evaluate(() => sessionStorage.getItem('myna.key'))).toBe(c.key);
    } finally {
      await tab.close();
    }
  });
});

describe('the relying party, as a person meets it (Chromium)', () => {
  it('a double click on 登録する sends one registration', async () => {
    const { page } = c;
    await page.goto(`${c.base}/#key=${c.key}`);
    await page.getByTestId('nav-rp').click();
    await chooseOption(page, 'rp-card', /高橋\s美咲/);
    await page.getByTestId('rp-auth-pin').fill('4567');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/rp/registrations')) sent.push(r.method());
    });
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/rp/registrations'));
    await page.getByTestId('rp-register').dblclick();
    await answered;
    await page.locator('[data-testid="rp-register"]:not([data-loading])').waitFor();
    await page.getByTestId('rp-outcome').waitFor();
    expect(sent).toEqual(['POST']);
    // Risky mode says what the pre-ticked box did.
    await page.getByTestId('rp-risky-hint').waitFor();
    await c.shot('person-1280-rp-risky-hint-ja');
  });

  it('safe mode: the support link runs the guide on arrival', async () => {
    const { page } = c;
    const card = (await api('POST', '/api/cards', {
      holder: { name: '安全　次郎' },
      initialTries: { auth: 0 },
    })) as { id: string };
    await page.reload();
    await page.getByTestId('rp-mode').getByText('安全な設計').click();
    await chooseOption(page, 'rp-card', /安全\s次郎/);
    await page.getByTestId('rp-auth-pin').fill('1234');
    await page.getByTestId('rp-register').click();
    await page.locator('[data-testid="rp-outcome"][data-status="pin-locked"]').waitFor();
    await page.getByTestId('rp-support-link').click();
    // No second click: the diagnosis of this card is on screen.
    await page.locator('[data-testid="diagnosis"]').waitFor();
    expect(await page.getByTestId('support-card').inputValue()).toMatch(/安全\s次郎/);
    expect(card.id).toBeTruthy();
    await c.shot('person-1280-support-on-arrival-ja');
  });
});
