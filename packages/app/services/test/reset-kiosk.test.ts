import { toHex } from '@myna/apdu';
import { ERRORS } from '@myna/errors';
import { type KioskErrorId, kioskErrorText, type Sandbox, STORE_CHAINS } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  issue,
  kioskReset,
  PINS,
  reserve,
  SELFIE,
  staff,
  toK4,
  tries,
  verifies,
  world,
} from './reset-helpers.js';

/** The kiosk of pin-lifecycle.md §3: screens K1–K7, errors E1–E7, hours, the 24-hour reservation. */
let sb: Sandbox;
beforeAll(() => {
  sb = world();
});

const at = (jst: string) => sb.clock.set(`2026-11-24T${jst}:00+09:00`);

describe('errors E1–E7, each with its screen text (ja/en)', () => {
  it('every error id has Japanese and English text, and a catalog code', () => {
    for (const id of ['E0', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7'] as KioskErrorId[]) {
      for (const pin of ['sign', 'auth'] as const) {
        const t = kioskErrorText(id, pin, { triesLeft: 2 });
        expect(t.ja.length).toBeGreaterThan(10);
        expect(t.en.length).toBeGreaterThan(10);
      }
    }
    for (const code of [
      'RESERVATION_NOT_FOUND',
      'RESERVATION_EXPIRED',
      'PIN_WRONG',
      'PIN_BLOCKED',
      'STORE_CANNOT_RESET',
      'CERTIFICATE_INVALID',
      'KIOSK_CLOSED',
      'KIOSK_STEP',
    ])
      expect(ERRORS).toHaveProperty(code);
  });

  it('E1: no reservation for this card (the card is returned)', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e1' });
    const s = await kioskReset(k, card.id, 'sign', PINS.auth, 'NEWPASS1');
    expect(s).toMatchObject({
      id: 'ERROR',
      card: 'returned',
      error: { id: 'E1', code: 'RESERVATION_NOT_FOUND' },
    });
    expect(s.body.ja).toContain('JPKI暗証番号リセットアプリで予約');
    expect(s.body.en).toContain('JPKI PIN-reset app');
    expect(s.actions).toEqual(['removeCard']);
    expect((await k.removeCard()).id).toBe('K1');
    // A reservation for the other PIN type does not count.
    const { card: c2 } = await issue(sb);
    await reserve(sb, c2.id, 'auth', PINS.sign);
    const k2 = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e1' });
    expect((await kioskReset(k2, c2.id, 'sign', PINS.auth, 'NEWPASS1')).error?.id).toBe('E1');
  });

  it('E2: the 24-hour boundary — one minute before works, one minute after does not', async () => {
    at('09:00');
    const a = await issue(sb, { initialTries: { sign: 0 } });
    const b = await issue(sb, { initialTries: { sign: 0 } });
    const ra = await reserve(sb, a.card.id, 'sign', PINS.auth);
    const rb = await reserve(sb, b.card.id, 'sign', PINS.auth);
    // 23:59 after the face match
    sb.clock.set(new Date(Date.parse(ra.reservation.faceMatchedAt) + 24 * 3600_000 - 60_000));
    const ka = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e2' });
    expect((await kioskReset(ka, a.card.id, 'sign', PINS.auth, 'NEWPASS2')).id).toBe('K7');
    // 24:01 after the face match
    sb.clock.set(new Date(Date.parse(rb.reservation.faceMatchedAt) + 24 * 3600_000 + 60_000));
    const kb = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e2' });
    const s = await kioskReset(kb, b.card.id, 'sign', PINS.auth, 'NEWPASS2');
    expect(s.error).toMatchObject({ id: 'E2', code: 'RESERVATION_EXPIRED' });
    expect(s.body.ja).toContain('24時間');
    expect((await sb.reset.store.getReservation(sb.id, rb.reservation.id))?.status).toBe('expired');
    expect(await tries(sb, b.card.id, 'sign')).toBe(0);
    // A new reservation starts a new 24 hours.
    await kb.removeCard();
    await reserve(sb, b.card.id, 'sign', PINS.auth);
    expect((await kioskReset(kb, b.card.id, 'sign', PINS.auth, 'NEWPASS2')).id).toBe('K7');
  });

  it('E2 also when the 24 hours run out between K4 and K6', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    const { reservation } = await reserve(sb, card.id, 'sign', PINS.auth);
    sb.clock.set(new Date(Date.parse(reservation.expiresAt) - 30_000));
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e2b' });
    await toK4(k, 'sign');
    expect((await k.placeCard(card.id)).id).toBe('K5');
    expect((await k.enterOtherPin(PINS.auth)).id).toBe('K6');
    sb.clock.advance(60_000);
    expect((await k.enterNewPin('NEWPASS3', 'NEWPASS3')).error?.id).toBe('E2');
    expect(await tries(sb, card.id, 'sign')).toBe(0);
  });

  it('E3: a wrong other PIN spends a try, shows the tries left, and lets the holder try again', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e3' });
    await toK4(k, 'sign');
    await k.placeCard(card.id);
    const s = await k.enterOtherPin('0000');
    expect(s).toMatchObject({ id: 'K5', error: { id: 'E3', code: 'PIN_WRONG', details: { triesLeft: 2 } } });
    expect(s.error?.ja).toContain('あと2回');
    expect(s.error?.en).toContain('2 tries left');
    expect(await tries(sb, card.id, 'auth')).toBe(2);
    // The try counts everywhere: the app and other services see it too.
    expect((await k.enterOtherPin(PINS.auth)).id).toBe('K6');
    expect(await tries(sb, card.id, 'auth')).toBe(3);
  });

  it('E4: a locked other PIN ends the kiosk route and sends the holder to the counter', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    // The other PIN is locked elsewhere after the reservation (wrong entries add up).
    for (let i = 0; i < 3; i++) await verifies(sb, card.id, 'auth', '0000');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e4' });
    await toK4(k, 'sign');
    await k.placeCard(card.id);
    const s = await k.enterOtherPin(PINS.auth);
    expect(s).toMatchObject({ id: 'ERROR', card: 'returned', error: { id: 'E4', code: 'PIN_BLOCKED' } });
    expect(s.body.ja).toContain('市区町村の窓口');
    // Locking it at the kiosk itself (the last try spent, confirmed) gives E4 too.
    const { card: c2 } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, c2.id, 'sign', PINS.auth);
    await verifies(sb, c2.id, 'auth', '0000');
    await verifies(sb, c2.id, 'auth', '0000'); // one left
    const k2 = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e4' });
    await toK4(k2, 'sign');
    await k2.placeCard(c2.id);
    const last = await k2.enterOtherPin('0000');
    expect(last.notice?.code).toBe('PIN_LAST_TRY');
    expect(await tries(sb, c2.id, 'auth')).toBe(1);
    const locked = await k2.enterOtherPin('0000', { confirmLastTry: true });
    expect(locked.error).toMatchObject({ id: 'E4', details: { justBlocked: true } });
    // … and then only the counter helps: it resets both.
    const { clerk } = await staff(sb);
    const c = sb.reset.counter;
    const res = await sb.municipality.resident(c2.residentId);
    const p = await c.open(clerk, {
      cardId: c2.id,
      kind: 'pin-reset',
      applicant: { role: 'holder' },
      pins: ['auth', 'sign'],
    });
    await c.confirmIdentity(clerk, p.id, {
      selfie: SELFIE,
      photoId: { kind: 'driver-license', name: res.name, birthDate: res.birthDate },
    });
    await c.resetPins(clerk, p.id, { auth: '9753', sign: 'BACK2WORK' });
    expect(await verifies(sb, c2.id, 'auth', '9753')).toBe(true);
  });

  it('E5: the store cannot reset this PIN', async () => {
    at('10:00');
    for (const chain of STORE_CHAINS.filter((c) => !c.resets.includes('auth'))) {
      const k = sb.reset.kiosk({ chain: chain.id, storeId: 'e5' });
      const s = await toK4(k, 'auth');
      expect(s).toMatchObject({
        id: 'ERROR',
        pin: 'auth',
        card: 'none',
        error: { id: 'E5', code: 'STORE_CANNOT_RESET' },
      });
      expect(s.body.ja).toContain('利用者証明用パスワード');
      expect(s.actions).toEqual(['home']);
      expect((await k.home()).id).toBe('K1');
    }
  });

  it('E6: a certificate expired or revoked (moved house); on hold: see reset-lost-card', async () => {
    at('10:00');
    // Revoked by a change of address after the reservation.
    const { card, resident } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    await sb.municipality.changeResidentFacts(resident.id, { address: '東京都清瀬市元町２－２－２' });
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e6' });
    const s = await kioskReset(k, card.id, 'sign', PINS.auth, 'NEWPASS6');
    expect(s.error).toMatchObject({
      id: 'E6',
      code: 'CERTIFICATE_INVALID',
      details: { certificate: 'sign', reason: 'facts-changed' },
    });
    expect(s.body.ja).toContain('電子証明書');
    // Expired: the certificates end on the 5th birthday after issuance (23:59:59 JST).
    const { card: c2, certificates } = await issue(sb, { initialTries: { sign: 0 } });
    const end = Date.parse(certificates[0]!.notAfter);
    sb.clock.set(new Date(end - 3600_000));
    await reserve(sb, c2.id, 'sign', PINS.auth);
    sb.clock.set(new Date(end + 7 * 3600_000)); // 07:00 JST the next morning, within 24 hours
    const k2 = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e6' });
    const s2 = await kioskReset(k2, c2.id, 'sign', PINS.auth, 'NEWPASS6');
    expect(s2.error).toMatchObject({ id: 'E6', details: { certificate: 'sign', reason: 'expired' } });
    // … and the app refuses to reserve from then on.
    await expectCatalogError(reserve(sb, c2.id, 'sign', PINS.auth), 'CERTIFICATE_INVALID');
    at('10:00');
  });

  it('E7: outside 06:30–23:00 JST — at 06:29 and 23:00 closed, at 06:30 and 22:59 open', async () => {
    at('03:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    // Reservations are taken around the clock.
    await reserve(sb, card.id, 'sign', PINS.auth);
    for (const [time, open] of [
      ['06:29', false],
      ['06:30', true],
      ['22:59', true],
      ['23:00', false],
    ] as const) {
      at(time);
      const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e7' });
      const s = await k.chooseAdministrativeServices();
      if (open) expect(s.id, time).toBe('K2');
      else {
        expect(s, time).toMatchObject({ id: 'ERROR', error: { id: 'E7', code: 'KIOSK_CLOSED' } });
        expect(s.body.ja).toContain('6:30～23:00');
        expect(s.body.en).toContain('06:30–23:00');
      }
    }
    // Closing time arrives in the middle of the flow: E7, the card is returned.
    at('22:59');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'e7' });
    await toK4(k, 'sign');
    await k.placeCard(card.id);
    at('23:00');
    expect((await k.enterOtherPin(PINS.auth)).error?.id).toBe('E7');
    expect(await tries(sb, card.id, 'auth')).toBe(3);
    // The authority enforces the hours itself, whatever a kiosk does.
    at('23:30');
    await expectCatalogError(
      sb.reset.authority.kioskAdmission({
        cardId: card.id,
        pin: 'sign',
        kiosk: { chain: 'seven-eleven', storeId: 'e7' },
        terminal: 'kiosk:seven-eleven:e7',
      }),
      'KIOSK_CLOSED',
    );
    at('10:00');
  });
});

describe('the state machine', () => {
  it('refuses actions of other screens (KIOSK_STEP) without changing anything', async () => {
    at('10:00');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'sm' });
    await expectCatalogError(k.agree(), 'KIOSK_STEP');
    await expectCatalogError(k.placeCard('card_x'), 'KIOSK_STEP');
    await expectCatalogError(k.removeCard(), 'KIOSK_STEP');
    await k.chooseAdministrativeServices();
    await expectCatalogError(k.choosePinReset('sign'), 'KIOSK_STEP');
    await expectCatalogError(k.enterNewPin('A1B2C3', 'A1B2C3'), 'KIOSK_STEP');
    expect(k.screen()).toMatchObject({
      id: 'K2',
      menu: 'services',
      actions: ['choosePasswordReset', 'home'],
    });
    expect((await k.home()).id).toBe('K1');
  });

  it('K6: entries that differ or break the rule stay on K6 with a notice; lower case is converted', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    const k = sb.reset.kiosk({ chain: 'ministop', storeId: 'k6' });
    await toK4(k, 'sign');
    await k.placeCard(card.id);
    await k.enterOtherPin(PINS.auth);
    expect((await k.enterNewPin('ABC1234', 'ABC1235')).notice).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'confirmation' },
    });
    const fmt = await k.enterNewPin('ABCDEFG', 'ABCDEFG');
    expect(fmt).toMatchObject({ id: 'K6', notice: { code: 'PIN_FORMAT' } });
    expect(JSON.stringify(fmt)).not.toContain('ABCDEFG');
    expect((await k.enterNewPin('lower123', 'LOWER123')).id).toBe('K7');
    expect(await verifies(sb, card.id, 'sign', 'LOWER123')).toBe(true);
  });

  it('a used reservation is gone: the same card cannot be reset twice', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'once' });
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'FIRST111')).id).toBe('K7');
    await k.removeCard();
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'SECOND22')).error?.id).toBe('E1');
  });
});

describe('terminals cannot reset without the authority (the card answers 6982)', () => {
  it('00 2C sent through the kiosk’s own reader, with the other PIN verified, gets 6982', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'rogue' });
    await toK4(k, 'sign');
    await k.placeCard(card.id);
    await k.enterOtherPin(PINS.auth);
    const reader = k.reader!;
    const apdu = async (hex: string) => toHex(await reader.transmit(Buffer.from(hex, 'hex'))).toUpperCase();
    expect(await apdu('00A4040C0AD392F000260100000001')).toBe('9000');
    const newPin = Buffer.from('ROGUE123').toString('hex').toUpperCase();
    expect(await apdu(`002C029B08${newPin}`)).toBe('6982');
    expect(await apdu('002C039B')).toBe('6982');
    expect(await apdu('802C009B')).toBe('6982');
    // Guessing the issuer key does not help.
    await apdu('0084000010');
    expect(await apdu(`0082000020${'00'.repeat(32)}`)).toBe('6300');
    expect(await apdu(`002C029B08${newPin}`)).toBe('6982');
    expect(await tries(sb, card.id, 'sign')).toBe(0);
    // The kiosk itself, asking the authority, succeeds.
    await k.removeCard();
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'HONEST12')).id).toBe('K7');
  });

  it('a counter window’s reader gets 6982 too', async () => {
    at('10:00');
    const { card } = await issue(sb, { initialTries: { kenhojo: 0 } });
    const t = await sb.connector.connect(card.id, 'counter:13221:9');
    try {
      const apdu = async (hex: string) => toHex(await t.transmit(Buffer.from(hex, 'hex'))).toUpperCase();
      expect(await apdu('00A4040C0AD3921000310001010408')).toBe('9000');
      expect(await apdu(`002C029104${Buffer.from('1111').toString('hex')}`)).toBe('6982');
      expect(await apdu('002C0391')).toBe('6982');
    } finally {
      await t.close();
    }
    expect(await tries(sb, card.id, 'kenhojo')).toBe(0);
  });
});
