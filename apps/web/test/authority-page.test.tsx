import { X509Certificate } from 'node:crypto';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, unwrap } from '../src/api/client.js';
import type { RpOutcome } from '../src/api/types.js';
import { AuthorityPage } from '../src/pages/AuthorityPage.js';
import { CertificateTable } from '../src/pages/card/CertificateTable.js';
import { RpOutcomeView } from '../src/pages/rp/RpOutcomeView.js';
import { i18n, realServer, renderConsole } from './helpers/console.js';

/** The authority page, the generation column of the card page and the RP's chain, on a real server. */
let s: Awaited<ReturnType<typeof realServer>>;
let before: string;
beforeAll(async () => {
  s = await realServer();
  await i18n.changeLanguage('ja');
  before = await issue('前田　一郎');
});
afterAll(() => s.close());

async function issue(name: string): Promise<string> {
  const r = await unwrap(
    client.POST('/api/cards', { body: { holder: { name }, pins: { auth: '1234', kenhojo: '1234' } } }),
  );
  return r.id;
}
const detail = (id: string) => unwrap(client.GET('/api/cards/{id}', { params: { path: { id } } }));
const generations = () => unwrap(client.GET('/api/authority/generations'));
const publicGet = (url: string) => s.server.app.inject({ method: 'GET', url });
async function register(cardId: string): Promise<RpOutcome> {
  const r = await s.server.app.inject({
    method: 'POST',
    url: '/api/rp/registrations',
    headers: { 'x-api-key': s.key },
    payload: {
      cardId,
      mode: 'safe',
      input: { route: 'four-digit', authPin: '1234', kenhojoSameAsAuth: true },
    },
  });
  return r.json() as RpOutcome;
}

describe('the authority page', () => {
  it('shows both hierarchies, each generation with its serial, JST validity, key id, count and links', async () => {
    renderConsole(<AuthorityPage />);
    const auth = await screen.findByTestId('generation-auth-1', {}, { timeout: 10_000 });
    const sign = screen.getByTestId('generation-sign-1');
    expect(within(screen.getByTestId('authority-auth')).getByRole('heading', { level: 3 }).textContent).toBe(
      '利用者証明用',
    );
    expect(within(screen.getByTestId('authority-sign')).getByRole('heading', { level: 3 }).textContent).toBe(
      '署名用',
    );
    const [g1] = (await generations()).filter((g) => g.kind === 'auth');
    expect(auth.getAttribute('data-current')).toBe('true');
    expect(within(auth).getByText('第1世代')).toBeTruthy();
    expect(within(auth).getByText('現行（新規発行）')).toBeTruthy();
    const cell = (id: string) => within(auth).getByTestId(`generation-${id}`).textContent;
    expect(cell('serial')).toBe(g1!.serialHex);
    expect(cell('key-id')).toBe(g1!.keyIdHex);
    expect(cell('validity')).toMatch(
      /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST – \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST$/,
    );
    // The card issued in beforeAll: one certificate of each hierarchy.
    expect(auth.getAttribute('data-certificates')).toBe('1');
    expect(sign.getAttribute('data-certificates')).toBe('1');
    expect(cell('signed')).toBe('1 枚');
    // The links are the public URLs of this generation, and they answer the DER.
    const cer = within(auth).getByTestId('generation-cer').getAttribute('href')!;
    const crl = within(auth).getByTestId('generation-crl').getAttribute('href')!;
    expect(cer).toBe(`/s/${s.server.defaultSandbox.id}/ca/auth/1.cer`);
    expect(crl).toBe(`/s/${s.server.defaultSandbox.id}/crl/auth/1.crl`);
    const c = await publicGet(cer);
    expect(c.statusCode).toBe(200);
    expect(new X509Certificate(c.rawPayload).serialNumber.replace(/^0+/, '')).toBe(
      g1!.serialHex.replace(/^0+/, ''),
    );
    expect((await publicGet(crl)).headers['content-type']).toMatch(/pkix-crl/);
  });

  it('cancelling the confirmation rolls nothing over', async () => {
    renderConsole(<AuthorityPage />);
    await userEvent.click(await screen.findByTestId('rollover-auth', {}, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByTestId('rollover-cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await generations()).filter((g) => g.kind === 'auth')).toHaveLength(1);
  });

  it('rolls the user-auth CA over after a confirmation saying what it does', async () => {
    renderConsole(<AuthorityPage />);
    await userEvent.click(await screen.findByTestId('rollover-auth', {}, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('利用者証明用認証局を第2世代に交代しますか？')).toBeTruthy();
    expect(dialog.textContent).toContain(
      'これから発行する証明書（新しいカード・更新）は第2世代が署名します。',
    );
    expect(dialog.textContent).toContain('更新されるまで署名した世代（いまの現行は第1世代）に連なります');
    await userEvent.click(within(dialog).getByTestId('rollover-confirm'));
    const done = await screen.findByTestId('authority-rolled', {}, { timeout: 20_000 });
    expect(done.textContent).toBe('利用者証明用認証局は第2世代に交代しました。');
    const g2 = await screen.findByTestId('generation-auth-2');
    expect(g2.getAttribute('data-current')).toBe('true');
    expect(g2.getAttribute('data-certificates')).toBe('0');
    await waitFor(() =>
      expect(screen.getByTestId('generation-auth-1').getAttribute('data-current')).toBe('false'),
    );
    // The old generation keeps the certificate it signed; the signature CA did not move.
    expect(screen.getByTestId('generation-auth-1').getAttribute('data-certificates')).toBe('1');
    expect(screen.queryByTestId('generation-sign-2')).toBeNull();
    expect((await generations()).map((g) => `${g.kind}${g.generation}${g.current ? '*' : ''}`)).toEqual([
      'auth1',
      'auth2*',
      'sign1*',
    ]);
  });

  it('the card page says which generation signed each certificate', async () => {
    const after = await issue('後藤　二郎');
    const old = await detail(before);
    const fresh = await detail(after);
    const gen = (d: typeof old, kind: string) => d.certificates.find((c) => c.kind === kind)!.generation;
    expect([gen(old, 'auth'), gen(old, 'sign'), gen(fresh, 'auth'), gen(fresh, 'sign')]).toEqual([
      1, 1, 2, 1,
    ]);
    renderConsole(<CertificateTable certificates={fresh.certificates} />);
    expect(screen.getByTestId('cert-generation-auth').textContent).toBe('第2世代');
    expect(screen.getByTestId('cert-generation-sign').textContent).toBe('第1世代');
  });

  it('the relying party shows which root the holder’s certificate chained to: old and new side by side', async () => {
    const after = (await unwrap(client.GET('/api/cards'))).find((c) => c.holder === '後藤　二郎')!.id;
    const [g1, g2] = (await generations()).filter((g) => g.kind === 'auth');
    const o1 = await register(before);
    const o2 = await register(after);
    expect(o1.status).toBe('registered');
    expect(o2.status).toBe('registered');
    expect(o1.user!.certificate.chainedTo).toEqual({
      serialHex: g1!.serialHex,
      keyIdHex: g1!.keyIdHex,
      notBefore: g1!.notBefore,
      notAfter: g1!.notAfter,
    });
    expect(o2.user!.certificate.chainedTo.keyIdHex).toBe(g2!.keyIdHex);
    for (const [o, n, g] of [
      [o1, 1, g1!],
      [o2, 2, g2!],
    ] as const) {
      renderConsole(
        <RpOutcomeView outcome={o} mode="safe" cardId="x" confirming={false} onConfirm={() => {}} />,
      );
      const line = screen.getByTestId('rp-chained-to');
      await waitFor(() => expect(line.getAttribute('data-generation')).toBe(String(n)));
      expect(line.textContent).toBe(
        `証明書の連鎖先（トラストアンカー）：利用者証明用認証局 第${n}世代（シリアル ${g.serialHex}・鍵識別子 ${g.keyIdHex.slice(0, 16)}…）`,
      );
      await i18n.changeLanguage('en');
      await waitFor(() => expect(line.textContent).toContain(`User authentication CA generation ${n}`));
      await i18n.changeLanguage('ja');
      cleanup();
    }
  });
});
