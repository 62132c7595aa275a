// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CardChooser } from '../../src/pages/dauth/CardChooser.js';
import { HolderApiError } from '../../src/pages/dauth/client.js';
import { ErrorNotice } from '../../src/pages/dauth/ErrorNotice.js';
import { PinStatusList } from '../../src/pages/dauth/PinStatusList.js';
import { RequestSummary } from '../../src/pages/dauth/RequestSummary.js';
import type { Authorization } from '../../src/pages/dauth/types.js';
import { show } from './render.js';

const base: Authorization = {
  uid: 'U1',
  state: 'pending',
  purpose: 'login',
  client: { clientId: 'RP1', name: 'サンプル銀行' },
  scopes: ['openid'],
  basicFour: [],
  acrValues: ['aal3'],
  expiresAt: '2026-12-02T01:00:00Z',
  continueUrl: 'http://x/continue',
};

describe('the app’s screens', () => {
  it('RequestSummary: a login with the 基本4情報 names each one', async () => {
    await show(
      <RequestSummary authorization={{ ...base, basicFour: ['name', 'address', 'birthdate', 'gender'] }} />,
    );
    expect(screen.getByTestId('dauth-client').textContent).toBe('サンプル銀行');
    expect(screen.getByTestId('dauth-purpose').textContent).toBe('ログイン（本人確認）');
    const items = screen.getByTestId('dauth-basic-four').querySelectorAll('li');
    expect([...items].map((i) => i.textContent)).toEqual(['氏名', '住所', '生年月日', '性別']);
  });

  it('RequestSummary: a signature shows its title and digest', async () => {
    await show(
      <RequestSummary
        authorization={{
          ...base,
          purpose: 'sign',
          scopes: ['openid', 'sign'],
          signTransaction: {
            id: 'T1',
            digestType: 'sha256',
            digestBase64: 'q83vEjRWeJA=',
            title: '利用規約',
          },
        }}
      />,
      'en',
    );
    expect(screen.getByTestId('dauth-purpose').textContent).toBe('Digital signature');
    expect(screen.getByTestId('dauth-sign-title').textContent).toBe('利用規約');
    expect(screen.getByTestId('dauth-digest').textContent).toBe('q83vEjRWeJA=');
    expect(screen.getByText('Digest (SHA-256)')).toBeTruthy();
  });

  it('PinStatusList: tries left, locked, not set', async () => {
    await show(
      <PinStatusList
        needed={['auth', 'kenhojo', 'sign']}
        pins={{
          auth: { set: true, triesLeft: 2, maxTries: 3, blocked: false },
          kenhojo: { set: true, triesLeft: 0, maxTries: 3, blocked: true },
          sign: { set: false, triesLeft: 0, maxTries: 5, blocked: false },
        }}
      />,
    );
    expect(screen.getByTestId('dauth-pin-auth').textContent).toContain('残り2回（最大3回）');
    expect(screen.getByTestId('dauth-pin-kenhojo').textContent).toContain('ロック中');
    expect(screen.getByTestId('dauth-pin-sign').textContent).toContain('未設定');
  });

  it('ErrorNotice: a refused request in words, with its code', async () => {
    const e = new HolderApiError(409, 'DAUTH_AUTHORIZATION_FINISHED', {
      ja: 'この認証リクエストは終了しています。',
      en: 'This authorization has finished.',
    });
    await show(<ErrorNotice error={e} />, 'en');
    const alert = screen.getByTestId('dauth-api-error');
    expect(alert.getAttribute('data-code')).toBe('DAUTH_AUTHORIZATION_FINISHED');
    expect(alert.textContent).toContain('This authorization has finished.');
    expect(alert.textContent).toContain('Error (DAUTH_AUTHORIZATION_FINISHED)');
  });

  it('CardChooser: holding the chosen card; busy while it is read', async () => {
    const onRead = vi.fn();
    const cards = [
      {
        id: 'C1',
        serial: '9000',
        kind: 'adult' as const,
        status: 'active' as const,
        holder: '山田　太郎',
        issuedOn: '2026-01-01',
        expiresOn: '2036-01-01',
      },
    ];
    const r = await show(<CardChooser cards={cards} busy={false} loading={false} onRead={onRead} />);
    const read = screen.getByTestId('dauth-read-card') as HTMLButtonElement;
    expect(read.disabled).toBe(true); // no card chosen yet
    r.rerender(
      <CardChooser cards={cards} busy={false} loading={false} initial="C1" onRead={onRead} key="2" />,
    );
    await userEvent.click(screen.getByTestId('dauth-read-card'));
    expect(onRead).toHaveBeenCalledWith('C1');
    r.rerender(<CardChooser cards={cards} busy loading initial="C1" onRead={onRead} key="2" />);
    expect((screen.getByTestId('dauth-read-card') as HTMLButtonElement).disabled).toBe(true);
  });
});
