import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, unwrap } from '../src/api/client.js';
import { ClockPage } from '../src/pages/ClockPage.js';
import { Reception } from '../src/pages/counter/Reception.js';
import { DoneStep } from '../src/pages/phone/steps.js';
import { RpPage } from '../src/pages/RpPage.js';
import { SupportPage } from '../src/pages/SupportPage.js';
import { i18n, realServer, renderConsole } from './helpers/console.js';

let s: Awaited<ReturnType<typeof realServer>>;
let cardId: string;
beforeAll(async () => {
  s = await realServer();
  await i18n.changeLanguage('ja');
  // Two different 4-digit PINs: the risky design's pre-ticked box spends 券面事項入力補助's tries.
  cardId = (
    await unwrap(
      client.POST('/api/cards', {
        body: { holder: { name: '高橋　美咲' }, pins: { auth: '4567', kenhojo: '1111' } },
      }),
    )
  ).id;
});
afterAll(() => s.close());

const tries = async (pin: 'auth' | 'kenhojo') =>
  (await unwrap(client.GET('/api/cards/{id}', { params: { path: { id: cardId } } }))).pins[pin].triesLeft;

/** Opens a Mantine Select and picks the card (its options arrive with the cards query). */
async function chooseCard(testId: string) {
  const input = screen.getByTestId(testId);
  await waitFor(
    async () => {
      await userEvent.click(input);
      await userEvent.click(screen.getByRole('option', { name: /高橋/, hidden: true }));
      expect((input as HTMLInputElement).value).toMatch(/高橋/);
    },
    { timeout: 10_000 },
  );
}

describe('the relying-party page', () => {
  it('a double click on 登録する sends one registration and spends one try', async () => {
    renderConsole(<RpPage />);
    await chooseCard('rp-card');
    await userEvent.type(screen.getByTestId('rp-auth-pin'), '4567');
    expect((screen.getByTestId('rp-same') as HTMLInputElement).checked).toBe(true);
    const before = await tries('kenhojo');
    const button = screen.getByTestId('rp-register');
    // Whether the button showed busy at any moment of the request (however fast it answers).
    let busySeen = false;
    const watch = new MutationObserver(() => {
      if (button.hasAttribute('data-loading')) busySeen = true;
    });
    watch.observe(button, { attributes: true });
    await userEvent.dblClick(button);
    const outcome = await screen.findByTestId('rp-outcome', {}, { timeout: 20_000 });
    watch.disconnect();
    expect(busySeen).toBe(true);
    expect(outcome.getAttribute('data-status')).toBe('pin-wrong');
    expect(await tries('kenhojo')).toBe(before - 1);
    // Risky mode explains itself.
    expect(screen.getByTestId('rp-risky-hint').textContent).toContain('最初からチェック');
  });

  it('a 400 is shown in words, not swallowed', async () => {
    renderConsole(<RpPage />);
    await chooseCard('rp-card');
    await userEvent.type(screen.getByTestId('rp-auth-pin'), '12');
    await userEvent.click(screen.getByTestId('rp-register'));
    const alert = await screen.findByTestId('rp-error', {}, { timeout: 10_000 });
    expect(alert.getAttribute('data-code')).toBe('INVALID_ARGUMENT');
    expect(alert.textContent).toContain('項目：authPin');
  });
});

describe('the support page', () => {
  it('opened for a card (the relying party’s link) runs the guide on arrival', async () => {
    renderConsole(<SupportPage route={['support', cardId]} />);
    const d = await screen.findByTestId('diagnosis', {}, { timeout: 10_000 });
    expect(['change-pin', 'kiosk', 'counter']).toContain(d.getAttribute('data-route'));
    expect(within(d).getByTestId('steps')).toBeTruthy();
  });
});

describe('the clock page', () => {
  it('shows a refused time instead of losing it, and shows the zone', async () => {
    renderConsole(<ClockPage />);
    expect((await screen.findByTestId('clock-now', {}, { timeout: 10_000 })).textContent).toMatch(/ JST$/);
    await userEvent.type(screen.getByTestId('clock-at'), 'next tuesday');
    await userEvent.click(screen.getByTestId('clock-set'));
    const alert = await screen.findByTestId('clock-error', {}, { timeout: 10_000 });
    expect(alert.getAttribute('data-code')).toBe('INVALID_ARGUMENT');
    expect(alert.textContent).toContain('入力が正しくありません');
    expect(alert.textContent).toMatch(/項目：/);
  });

  it('brings a sandbox moved a day ahead back to real time', async () => {
    renderConsole(<ClockPage />);
    const shown = () => Date.parse(screen.getByTestId('clock-now').getAttribute('data-at') ?? '');
    await screen.findByTestId('clock-now', {}, { timeout: 10_000 });
    await userEvent.click(screen.getByTestId('clock-day'));
    await waitFor(() => expect(shown() - Date.now()).toBeGreaterThan(23 * 3_600_000), { timeout: 10_000 });
    await userEvent.click(screen.getByTestId('clock-real-time'));
    await waitFor(() => expect(Math.abs(shown() - Date.now())).toBeLessThan(60_000), { timeout: 10_000 });
    expect(screen.getByTestId('clock-freeze').textContent).toBe('停止');
  });
});

describe('the counter’s reception', () => {
  it('ticks no PIN: the clerk ticks what the person asks for', async () => {
    renderConsole(<Reception onOpened={() => undefined} />);
    for (const pin of ['auth', 'sign', 'kenhojo', 'juki', 'common'])
      expect((screen.getByTestId(`counter-pin-${pin}`) as HTMLInputElement).checked).toBe(false);
    await chooseCard('counter-card');
    expect((screen.getByTestId('counter-open-procedure') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByTestId('counter-pin-kenhojo'));
    await waitFor(() =>
      expect((screen.getByTestId('counter-open-procedure') as HTMLButtonElement).disabled).toBe(false),
    );
  });
});

describe('the phone app', () => {
  it('shows the reset deadline in Japan time with the zone', async () => {
    const { reservation } = await unwrap(
      client.POST('/api/phone/reservations', {
        body: { cardId, pin: 'sign', otherPin: '4567', selfie: 'holder' },
      }),
    );
    renderConsole(
      <DoneStep
        result={reservation}
        chains={[]}
        cancelling={false}
        onCancel={() => undefined}
        onAgain={() => undefined}
      />,
    );
    const deadline = screen.getByTestId('phone-deadline').textContent ?? '';
    expect(deadline).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST$/);
    // The same instant as the server's UTC deadline, read in Asia/Tokyo.
    const jst = new Date(new Date(reservation.expiresAt).getTime() + 9 * 3600_000).toISOString();
    expect(deadline).toBe(`${jst.slice(0, 10).replaceAll('-', '/')} ${jst.slice(11, 16)} JST`);
  });
});
