import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueCard } from '../src/pages/CardsPage.js';
import { i18n, realServer, renderConsole } from './helpers/console.js';

let s: Awaited<ReturnType<typeof realServer>>;
beforeAll(async () => {
  s = await realServer();
  await i18n.changeLanguage('ja');
});
afterAll(() => s.close());

const cardCount = async () =>
  (await s.server.app.inject({ url: '/api/cards', headers: { 'x-api-key': s.key } })).json().length as number;

describe('an action button', () => {
  it('is busy while its request runs, and a double click sends one request', async () => {
    const before = await cardCount();
    renderConsole(<IssueCard />);
    const button = screen.getByTestId('issue');
    await userEvent.dblClick(button);
    expect(button.hasAttribute('data-loading')).toBe(true);
    await waitFor(() => expect(button.hasAttribute('data-loading')).toBe(false), { timeout: 30_000 });
    expect(await cardCount()).toBe(before + 1);
  });

  it('shows a 400 in words instead of swallowing it', async () => {
    renderConsole(<IssueCard />);
    await userEvent.click(screen.getByLabelText('氏名'));
    await userEvent.paste('x'.repeat(101));
    await userEvent.click(screen.getByTestId('issue'));
    const alert = await screen.findByTestId('issue-error');
    expect(alert.getAttribute('data-code')).toBe('INVALID_ARGUMENT');
    expect(alert.textContent).toContain('入力が正しくありません');
    expect(alert.textContent).toContain('項目：name');
  });
});
