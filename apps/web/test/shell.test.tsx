import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../src/App.js';
import { apiKey, setApiKey } from '../src/api/key.js';
import { setLanguage } from '../src/i18n/index.js';
import { i18n, realServer, renderConsole } from './helpers/console.js';

let s: Awaited<ReturnType<typeof realServer>>;
beforeAll(async () => {
  s = await realServer();
  await i18n.changeLanguage('ja');
});
afterAll(() => s.close());

describe('the console shell', () => {
  it('a tab without the API key asks for it, keeps it for the session, and shows the cards', async () => {
    await s.server.app.inject({
      method: 'POST',
      url: '/api/cards',
      headers: { 'x-api-key': s.key },
      payload: { holder: { name: '新規　花子' } },
    });
    setApiKey(null);
    renderConsole(<App />);
    expect(screen.getByTestId('key-gate')).toBeTruthy();
    expect(screen.queryByTestId('cards')).toBeNull();
    await userEvent.click(screen.getByTestId('key-input'));
    await userEvent.paste(`  ${s.key} `);
    await userEvent.click(screen.getByTestId('key-use'));
    await screen.findByTestId('cards');
    await waitFor(() => expect(screen.getByTestId('cards').textContent).toContain('新規'));
    expect(apiKey()).toBe(s.key);
    expect(sessionStorage.getItem('myna.key')).toBe(s.key);
  });

  it('has a menu button and a language switch; <html lang> follows the language, also after a reload', async () => {
    renderConsole(<App />);
    expect(screen.getByTestId('menu').getAttribute('aria-label')).toBe('メニュー');
    expect(document.documentElement.lang).toBe('ja');
    await userEvent.click(screen.getByTestId('lang'));
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByTestId('menu').getAttribute('aria-label')).toBe('Menu');
    expect(localStorage.getItem('myna.lang')).toBe('en');
    // A reload: the i18n module starts again from what was stored.
    document.documentElement.lang = 'ja';
    vi.resetModules();
    const fresh = await import('../src/i18n/index.js');
    expect(fresh.default.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await setLanguage('ja');
    await fresh.setLanguage('ja');
  });
});
