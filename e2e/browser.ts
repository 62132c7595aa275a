import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer, type SandboxServer } from '@myna/server';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Browser journeys run the real web console (apps/web/dist, built by the test command) in Debian's
 * Chromium driven by playwright-core — never a downloaded browser — against a real server on
 * 127.0.0.1. Screenshots land in .test-results/screenshots as test artifacts.
 */
export const WEB_ROOT = fileURLToPath(new URL('../apps/web/dist', import.meta.url));
export const SHOTS = fileURLToPath(new URL('../.test-results/screenshots/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

export interface Console {
  server: SandboxServer;
  base: string;
  key: string;
  browser: Browser;
  page: Page;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openConsole(): Promise<Console> {
  if (!existsSync(`${WEB_ROOT}/index.html`))
    throw new Error('web console not built: npm run build -w @myna/web');
  if (!existsSync(CHROMIUM))
    throw new Error('Debian chromium missing: apt-get install chromium fonts-ipafont-gothic');
  const server = await buildServer({
    databaseUrl: 'sqlite::memory:',
    masterKey: new Uint8Array(32).fill(7),
    webRoot: WEB_ROOT,
    eventPollMs: 100,
  });
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    reducedMotion: 'reduce',
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    server,
    base,
    key: server.defaultSandbox.apiKey,
    browser,
    page,
    shot: async (name) => {
      await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Picks an option of a Mantine Select by its label, re-opening it until its (async) data are there. */
export async function chooseOption(page: Page, testId: string, label: RegExp | string): Promise<void> {
  const option = page.getByRole('option', { name: label });
  for (let i = 0; i < 20; i++) {
    await page.getByTestId(testId).click();
    try {
      await option.waitFor({ state: 'visible', timeout: 500 });
      await option.click();
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`no option ${String(label)} in ${testId}`);
}
