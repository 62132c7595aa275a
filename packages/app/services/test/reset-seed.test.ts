import { toHex } from '@myna/apdu';
import { type Sandbox, withCard } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoSecrets,
  issue,
  kioskReset,
  PINS,
  reserve,
  SELFIE,
  staff,
  tries,
  verifies,
  world,
} from './reset-helpers.js';

/**
 * Seed 001 (デジタル庁「マイナンバーカード・インフォ」vol.30): its table — 自治体窓口 resets both
 * certificate passwords; the kiosk resets the signature password only with a valid user-auth PIN and
 * an app reservation — and its kiosk steps ①–⑧; plus the issue's rows on the user-auth reset at
 * stores that offer it, the 券面事項入力補助 and 住基 PINs (counter only) and holders without any PIN.
 */
let sb: Sandbox;
beforeAll(() => {
  sb = world();
});

describe('seed 001: the whole journey (reservation in the app, kiosk steps ①–⑧)', () => {
  it('a locked signature password is reset at Seven-Eleven and signs again; every step is on the timeline', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    expect(await tries(sb, card.id, 'sign')).toBe(0);
    // 事前準備②: the reservation in the JPKI PIN-reset app (24 hours), with the user-auth PIN.
    const { reservation } = await reserve(sb, card.id, 'sign', PINS.auth);
    expect(reservation).toMatchObject({ pin: 'sign', status: 'active', terminal: 'app:jpki-reset' });
    expect(Date.parse(reservation.expiresAt) - Date.parse(reservation.faceMatchedAt)).toBe(24 * 3600_000);

    sb.clock.advance(2 * 3600_000);
    const kiosk = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'kiyose-ekimae' });
    expect(kiosk.screen()).toMatchObject({ id: 'K1', feeYen: 0, card: 'none' });
    expect(kiosk.screen().body.ja).toContain('「行政サービス」');
    // ① 「行政サービス」メニューを選択
    expect(await kiosk.chooseAdministrativeServices()).toMatchObject({ id: 'K2', menu: 'services' });
    // ② 「マイナンバーカードのパスワード再設定」
    const k2 = await kiosk.choosePasswordReset();
    expect(k2).toMatchObject({ id: 'K2', menu: 'pin-type' });
    expect(k2.body.ja).toContain('署名用パスワードの初期化・再設定');
    // ③ 「署名用パスワードの初期化・再設定」
    const k3 = await kiosk.choosePinReset('sign');
    expect(k3).toMatchObject({ id: 'K3', pin: 'sign' });
    expect(k3.body.ja).toContain('手数料は無料');
    // ④ 内容を確認し「同意」
    expect((await kiosk.agree()).id).toBe('K4');
    // ⑤ マイナンバーカードをキオスク端末に設置
    expect(await kiosk.placeCard(card.id)).toMatchObject({ id: 'K5', card: 'inserted' });
    // ⑥ 利用者証明用パスワードを入力
    const k6 = await kiosk.enterOtherPin(PINS.auth);
    expect(k6.id).toBe('K6');
    expect(k6.title.ja).toBe('新しい署名用パスワードの入力');
    // ⑦ 新しい署名用パスワードを入力 (twice)
    const k7 = await kiosk.enterNewPin('NEWSIGN7', 'NEWSIGN7');
    expect(k7).toMatchObject({ id: 'K7', card: 'returned', error: null });
    // ⑧ マイナンバーカードをキオスク端末から取り出す
    expect(await kiosk.removeCard()).toMatchObject({ id: 'K1', card: 'none' });

    // 完了: the signature works again, with a full counter.
    expect(await tries(sb, card.id, 'sign')).toBe(5);
    await withCard(sb.connector, card.id, 'e-tax', async (c) => {
      const sig = await c.sign('sign', new TextEncoder().encode('申告書'), { pin: 'NEWSIGN7' });
      expect(sig.length).toBe(256);
    });
    expect((await sb.reset.store.getReservation(sb.id, reservation.id))?.status).toBe('used');

    const timeline = await sb.reset.timeline(card.id);
    const steps = timeline.map((e) =>
      e.kind === 'pin' ? `${e.type}@${e.terminal}` : `${e.step}@${e.terminal}`,
    );
    const kioskTerminal = 'kiosk:seven-eleven:kiyose-ekimae';
    const order = [
      'app.other-pin@app:jpki-reset',
      'reservation.made@app:jpki-reset',
      `①.administrative-services@${kioskTerminal}`,
      `②.password-reset@${kioskTerminal}`,
      `③.choose-pin@${kioskTerminal}`,
      `④.consent@${kioskTerminal}`,
      `⑤.card-placed@${kioskTerminal}`,
      `pin.verified@${kioskTerminal}`,
      `⑥.other-pin@${kioskTerminal}`,
      `kiosk.consent@${kioskTerminal}`,
      `admin.authenticated@${kioskTerminal}`,
      `pin.reset@${kioskTerminal}`,
      `⑦.new-pin@${kioskTerminal}`,
      `⑧.card-removed@${kioskTerminal}`,
      'pin.verified@e-tax',
    ];
    let at = -1;
    for (const s of order) {
      const i = steps.indexOf(s, at + 1);
      expect(i, `${s} after ${order[order.indexOf(s) - 1]}`).toBeGreaterThan(at);
      at = i;
    }
    const times = timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const step = timeline.find((e) => e.kind === 'procedure' && e.step === '⑥.other-pin');
    expect(step).toMatchObject({ actor: 'holder', terminal: kioskTerminal, pin: 'auth', outcome: 'ok' });
    await expectNoSecrets(sb, card.id, [PINS.auth, 'NEWSIGN7', toHex(SELFIE)]);
  });
});

describe('seed 001: the table of reset channels', () => {
  it('自治体窓口: the counter resets both certificate passwords (利用者証明用 ○, 署名用 ○)', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0, auth: 0 } });
    const { clerk } = await staff(sb);
    const c = sb.reset.counter;
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'holder' },
      pins: ['auth', 'sign'],
    });
    await c.confirmIdentity(clerk, p.id, {
      selfie: SELFIE,
      photoId: {
        kind: 'driver-license',
        name: (await sb.municipality.resident(card.residentId)).name,
        birthDate: '1980-02-17',
      },
    });
    const done = await c.resetPins(clerk, p.id, { auth: '8642', sign: 'COUNTER9' });
    expect(done.status).toBe('completed');
    expect(await verifies(sb, card.id, 'auth', '8642')).toBe(true);
    expect(await verifies(sb, card.id, 'sign', 'COUNTER9')).toBe(true);
  });

  it('コンビニキオスク端末, 署名用: only with a valid user-auth PIN and a reservation', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    // Without a reservation: E1.
    const k1 = sb.reset.kiosk({ chain: 'lawson', storeId: 'a' });
    expect((await kioskReset(k1, card.id, 'sign', PINS.auth, 'NEWSIGN1')).error?.id).toBe('E1');
    // With a reservation but a wrong user-auth PIN: E3, never K6.
    await reserve(sb, card.id, 'sign', PINS.auth);
    const k2 = sb.reset.kiosk({ chain: 'lawson', storeId: 'a' });
    const s = await kioskReset(k2, card.id, 'sign', '9999', 'NEWSIGN1');
    expect([s.id, s.error?.id]).toEqual(['K5', 'E3']);
    await k2.removeCard();
    // With both: done, at any chain that resets the signature password.
    const k3 = sb.reset.kiosk({ chain: 'lawson', storeId: 'a' });
    expect((await kioskReset(k3, card.id, 'sign', PINS.auth, 'NEWSIGN1')).id).toBe('K7');
    expect(await verifies(sb, card.id, 'sign', 'NEWSIGN1')).toBe(true);
  });

  it('コンビニキオスク端末, 利用者証明用: only at stores that offer it, with the signature password', async () => {
    const { card } = await issue(sb, { initialTries: { auth: 0 } });
    await reserve(sb, card.id, 'auth', PINS.sign);
    // FamilyMart resets the signature password only: E5, before any card is read.
    const fm = sb.reset.kiosk({ chain: 'familymart', storeId: 'b' });
    const e5 = await kioskReset(fm, card.id, 'auth', PINS.sign, '1470');
    expect([e5.id, e5.error?.id, e5.card]).toEqual(['ERROR', 'E5', 'none']);
    // An AEON store whose kiosk does not offer it: E5 too.
    const aeon = sb.reset.kiosk({ chain: 'aeon', storeId: 'small', offers: ['sign'] });
    expect((await kioskReset(aeon, card.id, 'auth', PINS.sign, '1470')).error?.id).toBe('E5');
    // Seven-Eleven does, with the signature password as the other PIN.
    const se = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'c' });
    expect((await kioskReset(se, card.id, 'auth', PINS.sign, '1470')).id).toBe('K7');
    expect(await verifies(sb, card.id, 'auth', '1470')).toBe(true);
  });

  it('券面事項入力補助 and 住基 PINs: only at the counter', async () => {
    const { card } = await issue(sb, { initialTries: { kenhojo: 0, juki: 0 } });
    await expectCatalogError(reserve(sb, card.id, 'kenhojo' as 'sign', PINS.auth), 'INVALID_ARGUMENT');
    const kiosk = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'd' });
    await kiosk.chooseAdministrativeServices();
    await kiosk.choosePasswordReset();
    expect((await kiosk.choosePinReset('kenhojo' as 'sign')).error?.code).toBe('INVALID_ARGUMENT');
    const { clerk } = await staff(sb);
    const c = sb.reset.counter;
    const res = await sb.municipality.resident(card.residentId);
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'holder' },
      pins: ['kenhojo', 'juki', 'common'],
    });
    await c.confirmIdentity(clerk, p.id, {
      selfie: SELFIE,
      photoId: { kind: 'passport', name: res.name, birthDate: res.birthDate },
    });
    await c.resetPins(clerk, p.id, { kenhojo: '1122', juki: '3344', common: '3344' });
    expect(await verifies(sb, card.id, 'kenhojo', '1122')).toBe(true);
    expect(await verifies(sb, card.id, 'juki', '3344')).toBe(true);
    expect(await verifies(sb, card.id, 'common', '3344')).toBe(true);
  });

  it('nobody without any PIN can use the kiosk route', async () => {
    // Both certificate PINs locked: the app cannot reserve either, nothing is spent.
    const { card } = await issue(sb, { initialTries: { sign: 0, auth: 0 } });
    await expectCatalogError(reserve(sb, card.id, 'sign', PINS.auth), 'PIN_BLOCKED');
    await expectCatalogError(reserve(sb, card.id, 'auth', PINS.sign), 'PIN_BLOCKED');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e' });
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'NEWSIGN2')).error?.id).toBe('E1');
    // Forgotten (wrong guesses): each guess costs a try, and the kiosk is never reached.
    const { card: other } = await issue(sb);
    await expectCatalogError(reserve(sb, other.id, 'sign', '0000'), 'PIN_WRONG');
    await expectCatalogError(reserve(sb, other.id, 'auth', 'WRONG999'), 'PIN_WRONG');
    expect([await tries(sb, other.id, 'auth'), await tries(sb, other.id, 'sign')]).toEqual([2, 4]);
    expect(await sb.reset.store.listReservations(sb.id, other.id)).toEqual([]);
    // A face-authentication card has no PIN and no signature certificate.
    const { card: face } = await issue(sb, { faceAuth: true });
    const e = await expectCatalogError(reserve(sb, face.id, 'sign', PINS.auth), 'CERTIFICATE_INVALID');
    expect(e.details).toMatchObject({ certificate: 'sign', reason: 'absent' });
    // And a kiosk that skips K5 gets no consent from the authority.
    const { card: third } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, third.id, 'sign', PINS.auth);
    const t = await sb.connector.connect(third.id, 'kiosk:seven-eleven:rogue');
    try {
      const refused = await expectCatalogError(
        sb.reset.authority.resetAtKiosk({
          transport: t,
          terminal: 'kiosk:seven-eleven:rogue',
          cardId: third.id,
          pin: 'sign',
          newValue: 'NEWSIGN3',
          kiosk: { chain: 'seven-eleven', storeId: 'rogue' },
        }),
        'RESET_PRECONDITION',
      );
      expect(refused.details).toMatchObject({ reason: 'other-pin-not-verified', pin: 'auth' });
    } finally {
      await t.close();
    }
    expect(await tries(sb, third.id, 'sign')).toBe(0);
    expect((await sb.reset.store.activeReservation(sb.id, third.id, 'sign'))?.status).toBe('active');
  });
});
