import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, unwrap } from '../src/api/client.js';
import { CardTimeline } from '../src/pages/card/CardTimeline.js';
import { CertificateTable } from '../src/pages/card/CertificateTable.js';
import { PinGauge } from '../src/pages/card/PinGauge.js';
import { i18n, realServer, renderConsole } from './helpers/console.js';

/** The card page's pieces on a real card: tries-left gauges, the certificate table, the timeline. */
let s: Awaited<ReturnType<typeof realServer>>;
let cardId: string;
beforeAll(async () => {
  s = await realServer();
  await i18n.changeLanguage('ja');
  const r = await unwrap(
    client.POST('/api/cards', {
      body: {
        holder: { name: '試験　一郎' },
        pins: { auth: '1234', sign: 'ABC123' },
        initialTries: { kenhojo: 1, juki: 0 },
      },
    }),
  );
  cardId = r.id;
});
afterAll(() => s.close());

const detail = () => unwrap(client.GET('/api/cards/{id}', { params: { path: { id: cardId } } }));
const timeline = () => unwrap(client.GET('/api/cards/{id}/timeline', { params: { path: { id: cardId } } }));

describe('the card page', () => {
  it('gauges say the tries left in words, in Japanese and in English', async () => {
    const d = await detail();
    renderConsole(
      <>
        <PinGauge pin="auth" status={d.pins.auth} />
        <PinGauge pin="kenhojo" status={d.pins.kenhojo} />
        <PinGauge pin="juki" status={d.pins.juki} />
      </>,
    );
    expect(screen.getByTestId('pin-auth').getAttribute('data-tries')).toBe('3');
    expect(screen.getByTestId('pin-auth-words').textContent).toBe('残り 3 / 3 回');
    expect(screen.getByTestId('pin-kenhojo-words').textContent).toBe('残り1回');
    expect(screen.getByTestId('pin-juki-words').textContent).toBe('ロック中');
    await i18n.changeLanguage('en');
    await waitFor(() => expect(screen.getByTestId('pin-kenhojo-words').textContent).toBe('One try left'));
    expect(screen.getByTestId('pin-auth-words').textContent).toBe('3 of 3 tries left');
    await i18n.changeLanguage('ja');
  });

  it('the certificate table has column headers', async () => {
    const d = await detail();
    renderConsole(<CertificateTable certificates={d.certificates} />);
    const headers = within(screen.getByTestId('certificates'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['証明書', '状態', '発行した世代', '有効期限', 'シリアル番号']);
    expect(within(screen.getByTestId('certificates')).getAllByRole('row')).toHaveLength(
      1 + d.certificates.length,
    );
  });

  it('the timeline titles procedure steps by channel, step and outcome, in JST', async () => {
    // The phone app refuses a wrong signature password, then reserves with the right one.
    await unwrap(
      client.POST('/api/phone/reservations', {
        body: { cardId, pin: 'auth', otherPin: 'WRONG1', selfie: 'holder' },
      }),
    ).catch(() => undefined);
    await unwrap(
      client.POST('/api/phone/reservations', {
        body: { cardId, pin: 'auth', otherPin: 'ABC123', selfie: 'holder' },
      }),
    );
    renderConsole(<CardTimeline entries={await timeline()} />);
    const titles = screen
      .getAllByTestId('timeline-item')
      .map((i) => i.querySelector('.mantine-Timeline-itemTitle')?.textContent);
    expect(titles).toContain('JPKI暗証番号リセットアプリ：もう一方のパスワードを照合（拒否）');
    expect(titles).toContain('JPKI暗証番号リセットアプリ：予約（完了）');
    const refused = screen
      .getAllByTestId('timeline-item')
      .filter((i) => i.getAttribute('data-outcome') === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    for (const item of screen.getAllByTestId('timeline-item'))
      expect(item.textContent).toMatch(/\d{2}:\d{2}:\d{2} JST/);
    await i18n.changeLanguage('en');
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('timeline-item')
          .map((i) => i.querySelector('.mantine-Timeline-itemTitle')?.textContent),
      ).toContain('JPKI PIN-reset app: Reservation (done)'),
    );
    await i18n.changeLanguage('ja');
  });
});
