// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ResultScreen } from '../../src/pages/dauth/ResultScreen.js';
import type { Outcome } from '../../src/pages/dauth/types.js';
import { show } from './render.js';

const CONTINUE = 'http://127.0.0.1:8080/s/default/api/realms/main/interaction/U1/continue';
const locked: Outcome = {
  result: 'error',
  error: 'access_denied',
  errorDescription: 'pin_locked',
  reason: 'pin-locked',
  pin: 'auth',
  message: { ja: '暗証番号がロックされています。', en: 'The PIN is locked.' },
  supportGuide: 'http://127.0.0.1:8080/#/support/C1',
};

describe('ResultScreen', () => {
  it('success in the browser that started the request goes on to continueUrl by itself', async () => {
    const navigate = vi.fn();
    await show(
      <ResultScreen
        outcome={{ result: 'success' }}
        purpose="login"
        continueUrl={CONTINUE}
        sameBrowser
        navigate={navigate}
      />,
    );
    expect(screen.getByText('認証が完了しました')).toBeTruthy();
    expect(navigate).toHaveBeenCalledWith(CONTINUE);
  });

  it('success on another device stays, and says where to look', async () => {
    const navigate = vi.fn();
    await show(
      <ResultScreen
        outcome={{ result: 'success' }}
        purpose="sign"
        continueUrl={CONTINUE}
        sameBrowser={false}
        navigate={navigate}
      />,
      'en',
    );
    expect(screen.getByText('Signature complete')).toBeTruthy();
    expect(screen.getByTestId('dauth-continue').getAttribute('href')).toBe(CONTINUE);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a locked PIN ends on the error screen: the reason, the RP’s error, the card’s support guide; no automatic return', async () => {
    const navigate = vi.fn();
    await show(
      <ResultScreen
        outcome={locked}
        purpose="login"
        continueUrl={CONTINUE}
        sameBrowser
        navigate={navigate}
      />,
    );
    expect(screen.getByTestId('dauth-error').textContent).toContain('暗証番号がロックされています。');
    expect(screen.getByTestId('dauth-error-pin').textContent).toBe(
      '対象：利用者証明用電子証明書の暗証番号（数字4桁）',
    );
    expect(screen.getByTestId('dauth-rp-error').textContent).toBe('access_denied (pin_locked)');
    expect(screen.getByTestId('dauth-support').getAttribute('href')).toBe(
      'http://127.0.0.1:8080/#/support/C1',
    );
    expect(screen.getByTestId('dauth-continue').getAttribute('href')).toBe(CONTINUE);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a cancel has no support link', async () => {
    await show(
      <ResultScreen
        outcome={{
          result: 'error',
          error: 'access_denied',
          errorDescription: 'user_cancelled',
          reason: 'cancelled',
          message: { ja: '利用者が操作を取り消しました。', en: 'The holder cancelled.' },
        }}
        purpose="login"
        continueUrl={CONTINUE}
        sameBrowser={false}
      />,
      'en',
    );
    expect(screen.getByTestId('dauth-error').textContent).toContain('The holder cancelled.');
    expect(screen.queryByTestId('dauth-support')).toBeNull();
  });
});
