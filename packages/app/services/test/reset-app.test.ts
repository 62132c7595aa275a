import { toHex } from '@myna/apdu';
import { matchFace, type Sandbox, selfieOf } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHOTO } from './helpers.js';
import { expectNoSecrets, issue, kioskReset, PINS, reserve, SELFIE, tries, world } from './reset-helpers.js';

/** The JPKI 暗証番号リセット app (pin-lifecycle.md §2): reservations and their preconditions. */
let sb: Sandbox;
beforeAll(() => {
  sb = world();
});

describe('face matching (deterministic)', () => {
  it('matches the selfie derived from the chip photo, nothing else; forceMismatch always fails', () => {
    expect(matchFace(selfieOf(PHOTO), PHOTO)).toEqual({ matched: true, score: 1 });
    expect(matchFace(selfieOf(PHOTO), PHOTO, { forceMismatch: true }).matched).toBe(false);
    expect(matchFace(selfieOf(new Uint8Array([1, 2, 3])), PHOTO).matched).toBe(false);
    expect(matchFace(PHOTO, PHOTO).matched).toBe(false);
  });
});

describe('making a reservation', () => {
  it('reads the card face with 照合番号B, verifies the other PIN, matches the face; valid 24 hours', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    const { reservation, replaced } = await reserve(sb, card.id, 'sign', PINS.auth, { device: 'pixel-8' });
    expect(replaced).toBeUndefined();
    expect(reservation).toMatchObject({
      cardId: card.id,
      pin: 'sign',
      status: 'active',
      terminal: 'app:jpki-reset:pixel-8',
      faceMatchedAt: sb.clock.now().toISOString(),
      expiresAt: new Date(sb.clock.now().getTime() + 24 * 3600_000).toISOString(),
    });
    const steps = (await sb.reset.timeline(card.id)).flatMap((e) => (e.kind === 'procedure' ? [e.step] : []));
    expect(steps).toEqual([
      'app.start',
      'app.card-face',
      'app.preconditions',
      'app.other-pin',
      'app.face-match',
      'reservation.made',
      'app.reservation',
    ]);
    await expectNoSecrets(sb, card.id, [PINS.auth, toHex(SELFIE), card.securityCode]);
  });

  it('a wrong other PIN is a real VERIFY: it spends a try and makes no reservation', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    const e = await expectCatalogError(reserve(sb, card.id, 'sign', '9999'), 'PIN_WRONG');
    expect(e.details).toMatchObject({ pin: 'auth', triesLeft: 2 });
    expect(await tries(sb, card.id, 'auth')).toBe(2);
    expect(await sb.reset.store.listReservations(sb.id, card.id)).toEqual([]);
    const last = (await sb.reset.timeline(card.id)).filter((e) => e.kind === 'procedure').at(-1);
    expect(last).toMatchObject({
      kind: 'procedure',
      step: 'app.other-pin',
      outcome: 'refused',
      code: 'PIN_WRONG',
      triesLeft: 2,
    });
    // One try left: the SDK's safe policy asks for a confirmation before spending it.
    await expectCatalogError(reserve(sb, card.id, 'sign', '9999'), 'PIN_WRONG');
    await expectCatalogError(reserve(sb, card.id, 'sign', PINS.auth), 'PIN_LAST_TRY');
    expect(await tries(sb, card.id, 'auth')).toBe(1);
    await reserve(sb, card.id, 'sign', PINS.auth, { confirmLastTry: true });
    expect(await tries(sb, card.id, 'auth')).toBe(3);
  });

  it('a face that does not match (another selfie, or forced) makes no reservation; no PIN try is lost', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await expectCatalogError(
      reserve(sb, card.id, 'sign', PINS.auth, { selfie: selfieOf(new Uint8Array(8)) }),
      'FACE_MISMATCH',
    );
    await expectCatalogError(
      reserve(sb, card.id, 'sign', PINS.auth, { forceFaceMismatch: true }),
      'FACE_MISMATCH',
    );
    expect(await tries(sb, card.id, 'auth')).toBe(3);
    expect(await sb.reset.store.listReservations(sb.id, card.id)).toEqual([]);
  });

  it('a mis-read card face is a wrong 照合番号B (one of its 10 tries), before any PIN is sent', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    const face = await sb.reset.printedFace(card.id);
    const wrong = { ...face, securityCode: face.securityCode === '0000' ? '0001' : '0000' };
    const e = await expectCatalogError(
      reserve(sb, card.id, 'sign', PINS.auth, { cardFace: wrong }),
      'PIN_WRONG',
    );
    expect(e.details).toMatchObject({ pin: 'kenkakuB', triesLeft: 9 });
    expect(await tries(sb, card.id, 'auth')).toBe(3);
  });
});

describe('preconditions (§2.2, JR-FAQ)', () => {
  it('under 15: no signature certificate; face-authentication card: none either', async () => {
    const { card } = await issue(sb, {
      birthDate: '2016-04-01',
      pins: { auth: '1234', kenhojo: '1234', juki: '1234' },
    });
    const e = await expectCatalogError(reserve(sb, card.id, 'auth', 'ABC123'), 'CERTIFICATE_INVALID');
    expect(e.details).toEqual({ certificate: 'sign', reason: 'absent' });
    expect(await tries(sb, card.id, 'auth')).toBe(3);
  });

  it('the basic four facts changed since issuance (moved house): the signature certificate is invalid', async () => {
    const { card, resident } = await issue(sb);
    await sb.municipality.changeResidentFacts(resident.id, { address: '東京都清瀬市下清戸１－１' });
    const e = await expectCatalogError(reserve(sb, card.id, 'auth', PINS.sign), 'CERTIFICATE_INVALID');
    expect(e.details).toEqual({ certificate: 'sign', reason: 'facts-changed' });
  });

  it('a revoked user-auth certificate, and a suspended card, are refused', async () => {
    const { card, certificates } = await issue(sb);
    const auth = certificates.find((c) => c.kind === 'auth')!;
    await sb.authority.revoke('auth', auth.serialHex, 'keyCompromise');
    expect(
      (await expectCatalogError(reserve(sb, card.id, 'sign', PINS.auth), 'CERTIFICATE_INVALID')).details,
    ).toEqual({
      certificate: 'auth',
      reason: 'revoked',
    });
    const { card: lost } = await issue(sb);
    await sb.reset.lostCardLine.reportLost({ cardId: lost.id, reason: 'lost' });
    await expectCatalogError(reserve(sb, lost.id, 'sign', PINS.auth), 'CARD_SUSPENDED');
  });
});

describe('one reservation per card and PIN type', () => {
  it('a new reservation replaces the active one; the old one no longer works at the kiosk', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    sb.clock.set('2026-11-24T10:00:00+09:00');
    const first = await reserve(sb, card.id, 'sign', PINS.auth);
    sb.clock.set('2026-11-25T08:00:00+09:00');
    const second = await reserve(sb, card.id, 'sign', PINS.auth);
    expect(second.replaced?.id).toBe(first.reservation.id);
    expect((await sb.reset.store.getReservation(sb.id, first.reservation.id))?.status).toBe('replaced');
    // The 24 hours start again from the new face match: 23 hours after it (45 after the first), it works.
    sb.clock.set('2026-11-26T07:00:00+09:00');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'replaced' });
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'AGAIN123')).id).toBe('K7');
    expect((await sb.reset.store.getReservation(sb.id, second.reservation.id))?.status).toBe('used');
    expect((await sb.reset.store.getReservation(sb.id, first.reservation.id))?.status).toBe('replaced');
    // A reservation for the other PIN type is separate.
    const { card: c2 } = await issue(sb);
    const a = await reserve(sb, c2.id, 'auth', PINS.sign);
    const b = await reserve(sb, c2.id, 'sign', PINS.auth);
    expect(b.replaced).toBeUndefined();
    expect((await sb.reset.store.getReservation(sb.id, a.reservation.id))?.status).toBe('active');
    sb.clock.set('2026-11-24T10:00:00+09:00');
  });

  it('a reservation can be cancelled; the kiosk then finds none (E1)', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    const { reservation } = await reserve(sb, card.id, 'sign', PINS.auth);
    const cancelled = await sb.reset.app.cancel({ cardId: card.id, pin: 'sign' });
    expect(cancelled).toMatchObject({ id: reservation.id, status: 'cancelled', closedBy: 'app:jpki-reset' });
    await expectCatalogError(sb.reset.app.cancel({ cardId: card.id, pin: 'sign' }), 'RESERVATION_NOT_FOUND');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'cancelled' });
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'NOPE1234')).error?.id).toBe('E1');
    const steps = (await sb.reset.timeline(card.id)).flatMap((e) => (e.kind === 'procedure' ? [e.step] : []));
    expect(steps).toContain('reservation.cancelled');
  });
});
