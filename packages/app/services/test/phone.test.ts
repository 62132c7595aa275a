import type { CardEvent } from '@myna/card';
import {
  createSandbox,
  diagnose,
  diagnosePhone,
  MYNA_PORTAL_TERMINAL,
  readPhoneFacts,
  readSandboxCardFacts,
  type Sandbox,
  SandboxClock,
  sandboxRelyingParty,
  withCard,
} from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import { ADULT_PINS, issue, NOW } from './support-helpers.js';

/**
 * スマホ用電子証明書 (docs/phone.md): issuance from the card in the マイナポータル app (spending the
 * card's real tries), the phone's own counters, the reset channel with its preconditions, the
 * certificates following the card's suspension and revocation, expiry, and an RP login.
 */

const PHONE = { auth: '9876', sign: 'PHONE123' } as const;
let sb: Sandbox;
let events: CardEvent[];

beforeEach(() => {
  const clock = new SandboxClock();
  clock.freeze(NOW);
  events = [];
  sb = createSandbox({ clock, onEvent: (e) => events.push(e) });
});

async function issuePhone(cardId: string, platform: 'android' | 'iphone' = 'android') {
  return sb.mynaPortal.issue({ cardId, platform, cardSignPin: ADULT_PINS.sign, phonePins: PHONE });
}

const rp = () => sandboxRelyingParty(sb);

async function cardTries(cardId: string, pin: 'auth' | 'sign') {
  return withCard(sb.connector, cardId, 'test', async (c) => (await c.pinStatus(pin)).triesLeft);
}

describe('issuance in the マイナポータル app', () => {
  it('issues distinct certificates on a phone element with the Android token, capped by the card signature certificate', async () => {
    const { card, certificates } = await issue(sb);
    const v = await issuePhone(card.id);
    expect(v.phone.cardId).toBe(card.id);
    expect(v.phone.platform).toBe('android');
    expect(v.pins.auth).toMatchObject({ set: true, triesLeft: 3, maxTries: 3 });
    expect(v.pins.sign).toMatchObject({ set: true, triesLeft: 5, maxTries: 5 });
    expect(v.usable).toBe(true);
    const cardSerials = certificates.map((c) => c.serialHex);
    for (const c of v.certificates) {
      expect(c.status).toBe('good');
      expect(cardSerials).not.toContain(c.serialHex);
    }
    const cardSign = certificates.find((c) => c.kind === 'sign')!;
    // They end with the card's signature certificate (ITmedia 2023-05-15: 準用, docs/phone.md).
    for (const c of v.certificates) expect(c.notAfter).toBe(cardSign.notAfter);
    // The element answers as a jpki/myna reader expects.
    const token = await withCard(sb.connector, v.phone.id, 'test', (c) => c.tokenLabel());
    expect(token).toBe('JPKIAPGPSETOKEN');
    // The card's signature password was verified on the card, as the app's terminal.
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'pin.verified',
        cardId: card.id,
        pin: 'sign',
        terminal: MYNA_PORTAL_TERMINAL,
      }),
    );
  });

  it('a wrong card signature password spends a real try on the card and issues nothing', async () => {
    const { card } = await issue(sb);
    await expectCatalogError(
      () =>
        sb.mynaPortal.issue({
          cardId: card.id,
          platform: 'android',
          cardSignPin: 'WRONG999',
          phonePins: PHONE,
        }),
      'PIN_WRONG',
      { pin: 'sign', triesLeft: 4 },
    );
    expect(await cardTries(card.id, 'sign')).toBe(4);
    expect(await sb.mynaPortal.phonesOf(card.id)).toEqual([]);
  });

  it('checks the new phone passwords before touching the card', async () => {
    const { card } = await issue(sb);
    await expectCatalogError(
      () =>
        sb.mynaPortal.issue({
          cardId: card.id,
          platform: 'android',
          cardSignPin: ADULT_PINS.sign,
          phonePins: { auth: '12', sign: PHONE.sign },
        }),
      'PIN_FORMAT',
      { pin: 'auth' },
    );
    expect(events.filter((e) => e.cardId === card.id)).toEqual([]);
  });

  it('needs a card with a valid signature certificate (under 15: none)', async () => {
    const { card } = await issue(sb, { profile: 'under-15' });
    await expectCatalogError(() => issuePhone(card.id), 'PHONE_PRECONDITION', {
      reason: 'card-sign-certificate-invalid',
    });
  });

  it('iPhone only from 2025-06-24; then its element carries JPKIAPIOSTOKEN', async () => {
    const { card } = await issue(sb);
    sb.clock.freeze('2025-06-01T10:00:00+09:00');
    await expectCatalogError(() => issuePhone(card.id, 'iphone'), 'PHONE_PRECONDITION', {
      reason: 'platform-not-yet-available',
    });
    sb.clock.freeze(NOW);
    const v = await issuePhone(card.id, 'iphone');
    expect(await withCard(sb.connector, v.phone.id, 'test', (c) => c.tokenLabel())).toBe('JPKIAPIOSTOKEN');
  });

  it('one phone per card: a new phone replaces the old one (its certificates revoked as superseded)', async () => {
    const { card } = await issue(sb);
    const first = await issuePhone(card.id);
    await issuePhone(card.id);
    const old = await sb.mynaPortal.status(first.phone.id);
    expect(old.phone.status).toBe('revoked');
    expect(old.certificates.map((c) => [c.status, c.reason])).toEqual([
      ['revoked', 'superseded'],
      ['revoked', 'superseded'],
    ]);
  });
});

describe('the phone passwords lock on their own and are reset in the app', () => {
  async function lockPhoneAuth(phoneId: string) {
    const login = await rp();
    for (const triesLeft of [2, 1]) {
      // Named as the phone's password (スマホ用利用者証明用), not the card's: `element: 'phone'`.
      await expectCatalogError(() => sb.mynaPortal.relyingPartyLogin(phoneId, '0000', login), 'PIN_WRONG', {
        pin: 'auth',
        element: 'phone',
        triesLeft,
      });
    }
    await expectCatalogError(
      () => sb.mynaPortal.relyingPartyLogin(phoneId, '0000', login, { confirmLastTry: true }),
      'PIN_BLOCKED',
      { pin: 'auth', element: 'phone', justBlocked: true },
    );
  }

  it('the SDK tells a phone from a card by EF 0006 and names the phone password in its PIN errors', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    const onPhone = await withCard(sb.connector, v.phone.id, 'sdk-test', async (client) => {
      const element = await client.element();
      const e = await client.verifyPin('sign', 'WRONG999').catch((x: unknown) => x);
      return { element, e };
    });
    expect(onPhone.element).toBe('phone');
    expect(onPhone.e).toMatchObject({
      code: 'PIN_WRONG',
      details: { pin: 'sign', element: 'phone', triesLeft: 4 },
    });
    const onCard = await withCard(sb.connector, card.id, 'sdk-test', async (client) => {
      const element = await client.element();
      const e = await client.verifyPin('auth', '0000').catch((x: unknown) => x);
      return { element, e };
    });
    expect(onCard.element).toBe('card');
    expect(onCard.e).toMatchObject({ code: 'PIN_WRONG', details: { pin: 'auth', triesLeft: 2 } });
    expect((onCard.e as { details: object }).details).not.toHaveProperty('element');
  });

  it('three wrong phone PINs lock the phone user-auth password; the card user-auth PIN is untouched', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await lockPhoneAuth(v.phone.id);
    const after = await sb.mynaPortal.status(v.phone.id);
    expect(after.pins.auth).toMatchObject({ triesLeft: 0, blocked: true });
    expect(after.usable).toBe(false);
    expect(await cardTries(card.id, 'auth')).toBe(3);
  });

  it('resets the user-auth password with the phone signature password and the card, then the RP login works', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await lockPhoneAuth(v.phone.id);
    const after = await sb.mynaPortal.reset(v.phone.id, {
      pin: 'auth',
      phoneSignPin: PHONE.sign,
      newValue: '1357',
    });
    expect(after.pins.auth).toMatchObject({ triesLeft: 3, blocked: false });
    expect(after.usable).toBe(true);
    const login = await sb.mynaPortal.relyingPartyLogin(v.phone.id, '1357', await rp());
    expect(login.token).toBe('JPKIAPGPSETOKEN');
    expect(login.serialHex).toBe(v.certificates.find((c) => c.kind === 'auth')!.serialHex);
  });

  it('resets the signature password with the card signature password (a real card try when wrong)', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await expectCatalogError(
      () => sb.mynaPortal.reset(v.phone.id, { pin: 'sign', cardSignPin: 'WRONG999', newValue: 'NEWPASS1' }),
      'PIN_WRONG',
      { pin: 'sign', triesLeft: 4 },
    );
    expect(await cardTries(card.id, 'sign')).toBe(4);
    await sb.mynaPortal.reset(v.phone.id, {
      pin: 'sign',
      cardSignPin: ADULT_PINS.sign,
      newValue: 'newpass1',
    });
    expect(await cardTries(card.id, 'sign')).toBe(5);
    // The new value (upper-cased, as the card's rule) verifies on the phone.
    await withCard(sb.connector, v.phone.id, 'test', (c) => c.verifyPin('sign', 'NEWPASS1'));
  });

  it('refuses a user-auth reset when the phone signature password is wrong, spending a phone try', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await expectCatalogError(
      () => sb.mynaPortal.reset(v.phone.id, { pin: 'auth', phoneSignPin: 'WRONG999', newValue: '1357' }),
      'PIN_WRONG',
      { pin: 'sign', triesLeft: 4 },
    );
    expect((await sb.mynaPortal.status(v.phone.id)).pins.sign.triesLeft).toBe(4);
  });

  it('refuses when the card is suspended, or the phone revoked', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await sb.store.setCardStatus(sb.id, card.id, 'suspended', sb.clock.now().toISOString());
    await expectCatalogError(
      () =>
        sb.mynaPortal.reset(v.phone.id, { pin: 'sign', cardSignPin: ADULT_PINS.sign, newValue: 'NEWPASS1' }),
      'CARD_SUSPENDED',
    );
    await sb.store.setCardStatus(sb.id, card.id, 'active', sb.clock.now().toISOString());
    await sb.mynaPortal.revoke(v.phone.id);
    await expectCatalogError(
      () =>
        sb.mynaPortal.reset(v.phone.id, { pin: 'sign', cardSignPin: ADULT_PINS.sign, newValue: 'NEWPASS1' }),
      'PHONE_PRECONDITION',
      { reason: 'phone-revoked' },
    );
  });

  it('a bad new value is refused before any try is spent', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    const before = events.length;
    await expectCatalogError(
      () => sb.mynaPortal.reset(v.phone.id, { pin: 'auth', phoneSignPin: PHONE.sign, newValue: 'abcd' }),
      'PIN_FORMAT',
    );
    expect(events.slice(before).filter((e) => e.type !== 'pin.checked')).toEqual([]);
  });
});

describe('the phone certificates follow the card', () => {
  it('suspension of the card holds them; lifting it releases them', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await sb.authority.holdCard(card.id);
    const held = await sb.mynaPortal.status(v.phone.id);
    expect(held.certificates.map((c) => c.status)).toEqual(['hold', 'hold']);
    expect(held.usable).toBe(false);
    await sb.authority.releaseCard(card.id);
    expect((await sb.mynaPortal.status(v.phone.id)).certificates.map((c) => c.status)).toEqual([
      'good',
      'good',
    ]);
  });

  it('an RP login with a held phone certificate fails its OCSP check', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await sb.authority.holdCard(card.id);
    const login = await rp();
    await expectCatalogError(
      () => sb.mynaPortal.relyingPartyLogin(v.phone.id, PHONE.auth, login),
      'RP_VERIFICATION_FAILED',
      { reason: 'certificate-hold' },
    );
  });

  it('revocation of the card signature certificate (a change of address) revokes them with the same reason', async () => {
    const { card, resident } = await issue(sb);
    const v = await issuePhone(card.id);
    await sb.municipality.changeResidentFacts(resident.id, { address: '東京都清瀬市元町１－１' });
    const after = await sb.mynaPortal.status(v.phone.id);
    expect(after.certificates.map((c) => [c.status, c.reason])).toEqual([
      ['revoked', 'affiliationChanged'],
      ['revoked', 'affiliationChanged'],
    ]);
    expect(after.usable).toBe(false);
  });

  it('the holder revokes the phone (失効手続)', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    const after = await sb.mynaPortal.revoke(v.phone.id);
    expect(after.phone.status).toBe('revoked');
    expect(after.certificates.every((c) => c.reason === 'cessationOfOperation')).toBe(true);
    // The card's own certificates stay good.
    const cardCerts = await sb.store.listCertificates(sb.id, { cardId: card.id });
    expect(cardCerts.every((c) => c.status === 'good')).toBe(true);
  });

  it('expiry: past the card signature certificate end the phone certificates are expired and the RP refuses', async () => {
    const { card, certificates } = await issue(sb);
    const v = await issuePhone(card.id);
    const end = Date.parse(certificates.find((c) => c.kind === 'sign')!.notAfter);
    sb.clock.freeze(new Date(end + 86_400_000).toISOString());
    const after = await sb.mynaPortal.status(v.phone.id);
    expect(after.certificates.every((c) => c.expired)).toBe(true);
    expect(after.usable).toBe(false);
    const login = await rp();
    await expectCatalogError(
      () => sb.mynaPortal.relyingPartyLogin(v.phone.id, PHONE.auth, login),
      'RP_VERIFICATION_FAILED',
      {
        reason: 'certificate-expired',
      },
    );
  });
});

describe('the support guide for a phone (docs/support.md)', () => {
  const facts = (phoneId: string) =>
    readPhoneFacts({
      mynaPortal: sb.mynaPortal,
      store: sb.store,
      connector: sb.connector,
      sandboxId: sb.id,
      now: sb.clock.now(),
      phoneId,
    });

  it('a locked phone user-auth password: reset in the マイナポータル app, never the counter; no try spent reading', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    const login = await rp();
    for (let i = 0; i < 3; i++)
      await sb.mynaPortal
        .relyingPartyLogin(v.phone.id, '0000', login, { confirmLastTry: true })
        .catch(() => undefined);
    const before = events.filter((e) => e.type !== 'pin.checked').length;
    const d = diagnosePhone(await facts(v.phone.id));
    expect(events.filter((e) => e.type !== 'pin.checked').length).toBe(before);
    expect(d.route).toBe('myna-portal-reset');
    expect(d.findings.map((f) => f.id)).toEqual(['phone.pin.auth.locked']);
    expect(d.steps.map((s) => s.id)).toEqual(['step.phone.reset.auth']);
    expect(d.warnings.map((w) => w.id)).toContain('warn.phone.not-at-counter');
    // The card's own diagnosis is untouched: its PINs are fine.
    const cardDiag = diagnose(await readSandboxCardFacts(sb, card.id), {});
    expect(cardDiag.route).toBe('change-pin');
  });

  it('both phone passwords forgotten and the card signature password forgotten too: the card first, then the app', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    const d = diagnosePhone(await facts(v.phone.id), {
      remembers: { auth: false, sign: false, cardSign: false },
    });
    expect(d.route).toBe('card-first');
    expect(d.steps.map((s) => s.id)).toEqual([
      'step.card.sign-reset',
      'step.phone.reset.sign',
      'step.phone.reset.auth',
    ]);
  });

  it('certificates held with the card: lift the suspension; revoked: apply again', async () => {
    const { card } = await issue(sb);
    const v = await issuePhone(card.id);
    await sb.authority.holdCard(card.id);
    expect(diagnosePhone(await facts(v.phone.id)).route).toBe('card-first');
    await sb.authority.releaseCard(card.id);
    await sb.mynaPortal.revoke(v.phone.id);
    const d = diagnosePhone(await facts(v.phone.id));
    expect(d.route).toBe('myna-portal-apply');
    expect(d.findings.map((f) => f.id)).toEqual(['phone.revoked']);
  });
});
