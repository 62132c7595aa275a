import { screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiError, ApiFailure, client, setFetch, toApiError, unwrap } from '../src/api/client.js';
import { ErrorAlert } from '../src/components/ErrorAlert.js';
import { i18n, realServer, renderConsole } from './helpers/console.js';

let s: Awaited<ReturnType<typeof realServer>>;
let cardId: string;
beforeAll(async () => {
  s = await realServer();
  await i18n.changeLanguage('ja');
  cardId = (await unwrap(client.POST('/api/cards', { body: { pins: { sign: 'ABC123' } } }))).id;
});
afterAll(() => s.close());

/** The server's own refusal of a wrong signature password (the phone app spends one real try). */
async function pinWrong(): Promise<ApiError> {
  try {
    await unwrap(
      client.POST('/api/phone/reservations', {
        body: { cardId, pin: 'auth', otherPin: 'WRONG1', selfie: 'holder' },
      }),
    );
  } catch (e) {
    return toApiError(e);
  }
  throw new Error('accepted');
}

describe('errors on screen', () => {
  it('say the catalog error in words — tries left, which PIN — never `PIN_WRONG pin: sign triesLeft: 4`', async () => {
    const error = await pinWrong();
    expect(error.code).toBe('PIN_WRONG');
    renderConsole(<ErrorAlert error={error} testId="e" />);
    const alert = screen.getByTestId('e');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('暗証番号が違います');
    expect(alert.textContent).toContain('残り4回です。');
    expect(alert.textContent).toContain('対象：署名用電子証明書');
    expect(alert.textContent).not.toMatch(/triesLeft|pin:/);
    await i18n.changeLanguage('en');
    await waitFor(() => expect(screen.getByTestId('e').textContent).toContain('4 tries left.'));
    expect(screen.getByTestId('e').textContent).toContain('PIN: Signature certificate');
    await i18n.changeLanguage('ja');
  });

  it('the last try and a lock are said as such', async () => {
    for (let i = 0; i < 2; i++) await pinWrong();
    renderConsole(<ErrorAlert error={await pinWrong()} testId="e" />);
    expect(screen.getByTestId('e').textContent).toContain('残り1回です。次に間違えるとロックされます。');
  });

  it('a body that is not JSON (a proxy’s HTML 502) is a catalog-shaped error, not a parse exception', async () => {
    setFetch(
      async () =>
        new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    try {
      const failure = await unwrap(client.GET('/api/cards')).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApiFailure);
      const body = (failure as ApiFailure).body;
      expect(body).toEqual({
        code: 'INTERNAL',
        message: 'Internal error.',
        messageJa: '内部エラーが発生しました。',
        details: { status: 502 },
      });
      renderConsole(<ErrorAlert error={body} testId="e" />);
      expect(screen.getByTestId('e').textContent).toContain('サーバーの応答が読めません（HTTP 502）');
      // A 200 whose body is not JSON, and no answer at all.
      setFetch(async () => new Response('not json', { status: 200, headers: { 'content-length': '8' } }));
      expect(
        ((await unwrap(client.GET('/api/cards')).catch((e: unknown) => e)) as ApiFailure).body.code,
      ).toBe('INTERNAL');
      setFetch(async () => {
        throw new TypeError('fetch failed');
      });
      expect(
        ((await unwrap(client.GET('/api/cards')).catch((e: unknown) => e)) as ApiFailure).body.code,
      ).toBe('TRANSPORT_ERROR');
    } finally {
      await s.close();
      s = await realServer();
    }
  });
});
