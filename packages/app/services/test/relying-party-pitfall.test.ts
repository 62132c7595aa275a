import type { CardEvent } from '@myna/card';
import { MynaCardClient, type Transport } from '@myna/client';
import { readAuthCertificateIssueId } from '@myna/pki';
import {
  createSandbox,
  diagnose,
  inProcessOcspChecker,
  type RegistrationInput,
  type RegistrationOutcome,
  RelyingPartyDemo,
  readSandboxCardFacts,
  type Sandbox,
  SandboxClock,
  withCard,
} from '@myna/services';
import { beforeAll, describe, expect, it } from 'vitest';
import { ids, issue, NOW } from './support-helpers.js';

/**
 * The relying-party demo (a PocketSign-like sign-up) and the pitfall of seed 000 "新しい暗証番号を
 * 入れたのにロックされる", end to end on virtual cards: the risky mode (box ticked by default,
 * the user-auth PIN re-sent, no warning) locks 券面事項入力補助 after three sign-ups while the
 * user-auth PIN keeps verifying; the safe mode never does; the doctor then says "counter" and why.
 */

const DIFFERENT = { auth: '4567', sign: 'MISAKI95', kenhojo: '7654', juki: '4567' } as const;
const APP = 'pocketsign-like-app';

let sb: Sandbox;
let rp: RelyingPartyDemo;
const events: CardEvent[] = [];

function rpFor(s: Sandbox, anchors?: { auth: Uint8Array; sign: Uint8Array }) {
  return (async () =>
    new RelyingPartyDemo({
      random: s.random,
      clock: s.clock,
      ocsp: inProcessOcspChecker(s.authority, s.random, s.clock),
      trustAnchors: anchors ?? {
        auth: (await s.authority.ca('auth')).certDer,
        sign: (await s.authority.ca('sign')).certDer,
      },
    }))();
}

beforeAll(async () => {
  const clock = new SandboxClock();
  clock.freeze(NOW);
  sb = createSandbox({ clock, onEvent: (e) => events.push(e) });
  rp = await rpFor(sb);
});

function register(
  cardId: string,
  mode: 'risky' | 'safe',
  input: RegistrationInput,
  on: RelyingPartyDemo = rp,
  s: Sandbox = sb,
): Promise<RegistrationOutcome> {
  return withCard(s.connector, cardId, APP, (c) => on.registration(mode).register(c, input));
}

async function tries(cardId: string) {
  return withCard(sb.connector, cardId, 'test:status', async (c) => ({
    auth: (await c.pinStatus('auth')).triesLeft,
    kenhojo: (await c.pinStatus('kenhojo')).triesLeft,
    sign: (await c.pinStatus('sign')).triesLeft,
  }));
}

function warningIds(o: RegistrationOutcome): string[] {
  return 'warnings' in o ? ids(o.warnings) : [];
}

/** PIN events (not status queries) the app caused on a card since `from`. */
function verifies(cardId: string, from: number) {
  return events
    .slice(from)
    .filter((e) => e.cardId === cardId && e.terminal === APP && e.type !== 'pin.checked')
    .map((e) => `${e.type}:${e.pin}`);
}

describe('the pitfall of seed 000, end to end', () => {
  it('risky mode: three sign-ups lock 券面事項入力補助 while the user-auth PIN keeps verifying; the doctor says counter, and why', async () => {
    const { card } = await issue(sb, { pins: DIFFERENT });
    expect(rp.registration('risky').form().kenhojoSameAsAuthCheckbox).toMatchObject({
      defaultChecked: true,
      label: { ja: '券面事項入力補助APの暗証番号も同じ' },
    });
    const from = events.length;
    const outcomes: RegistrationOutcome[] = [];
    // The holder types only the (correct) user-auth PIN; the box stays ticked as the app ships it.
    for (let i = 0; i < 3; i++) {
      outcomes.push(await register(card.id, 'risky', { route: 'four-digit', authPin: DIFFERENT.auth }));
      expect((await tries(card.id)).auth).toBe(3);
    }
    expect(outcomes.map((o) => [o.status, 'pin' in o ? o.pin : null])).toEqual([
      ['pin-wrong', 'kenhojo'],
      ['pin-wrong', 'kenhojo'],
      ['pin-locked', 'kenhojo'],
    ]);
    // The risky app never shows the tries left, nor explains.
    for (const o of outcomes) {
      expect(o).not.toHaveProperty('triesLeft');
      expect(o).not.toHaveProperty('diagnosis');
    }
    expect(verifies(card.id, from)).toEqual([
      'pin.verified:auth',
      'pin.failed:kenhojo',
      'pin.verified:auth',
      'pin.failed:kenhojo',
      'pin.verified:auth',
      'pin.failed:kenhojo',
      'pin.blocked:kenhojo',
    ]);
    expect(await tries(card.id)).toEqual({ auth: 3, kenhojo: 0, sign: 5 });
    // A fourth sign-up cannot help any more.
    expect((await register(card.id, 'risky', { route: 'four-digit', authPin: DIFFERENT.auth })).status).toBe(
      'pin-locked',
    );

    const d = diagnose(await readSandboxCardFacts(sb, card.id));
    expect(d.route).toBe('counter');
    expect(ids(d.findings)).toEqual(
      expect.arrayContaining([
        'pin.kenhojo.locked',
        'cause.kenhojo-differs-from-auth',
        'kiosk.unavailable.pin-type',
      ]),
    );
    expect(d.resets).toEqual([{ pin: 'kenhojo', at: 'counter' }]);
    expect(d.findings.find((f) => f.id === 'cause.kenhojo-differs-from-auth')!.ja).toContain('初期状態');
  });

  it('safe mode: the same holder, the same mistake — warned, asked to confirm, never locked', async () => {
    const { card, resident, certificates } = await issue(sb, { pins: DIFFERENT });
    const safe = rp.registration('safe');
    expect(safe.form()).toMatchObject({
      kenhojoSameAsAuthCheckbox: { defaultChecked: false },
      showsTriesLeft: true,
    });
    const from = events.length;

    // Box unticked: the 券面事項入力補助 PIN is asked for separately; nothing has been sent yet.
    const ask = await register(card.id, 'safe', { route: 'four-digit', authPin: DIFFERENT.auth });
    expect(ask).toMatchObject({ status: 'needs-input', field: 'kenhojoPin', triesLeft: 3 });
    expect(verifies(card.id, from)).toEqual([]);

    // The holder believes the two PINs are the same and types the user-auth PIN again.
    const mistaken = { route: 'four-digit', authPin: DIFFERENT.auth, kenhojoPin: DIFFERENT.auth } as const;
    const first = await register(card.id, 'safe', mistaken);
    expect(first).toMatchObject({ status: 'pin-wrong', pin: 'kenhojo', triesLeft: 2 });
    expect(warningIds(first)).toContain('warn.pins-differ-between-applications');
    const second = await register(card.id, 'safe', mistaken);
    expect(second).toMatchObject({ status: 'pin-wrong', pin: 'kenhojo', triesLeft: 1 });
    expect(warningIds(second)).toContain('warn.one-try-left');
    expect((second as { message: { en: string } }).message.en).toBe(
      'Wrong 券面事項入力補助 PIN: 1 try left.',
    );

    // The last try is not spent without the holder's explicit confirmation — however often they retry,
    // and whether they type it or tick the box themselves.
    const before = events.length;
    for (const input of [
      mistaken,
      mistaken,
      { ...mistaken, kenhojoPin: undefined, kenhojoSameAsAuth: true },
    ]) {
      const o = await register(card.id, 'safe', input);
      expect(o).toMatchObject({ status: 'confirm-last-try', pin: 'kenhojo', triesLeft: 1 });
      expect((o as { message: { ja: string } }).message.ja).toContain('残り1回');
    }
    expect(verifies(card.id, before)).toEqual([]);
    expect(await tries(card.id)).toEqual({ auth: 3, kenhojo: 1, sign: 5 });

    // The doctor: nothing locked; one try left, and why it matters.
    const d = diagnose(await readSandboxCardFacts(sb, card.id));
    expect(d.route).toBe('change-pin');
    expect(ids(d.findings)).toContain('pin.kenhojo.one-left');
    expect(ids(d.warnings)).toEqual(
      expect.arrayContaining(['warn.one-try-left', 'warn.pins-differ-between-applications']),
    );

    // The holder finds the right number and confirms the last try: registered, counter back to full.
    const ok = await register(card.id, 'safe', {
      route: 'four-digit',
      authPin: DIFFERENT.auth,
      kenhojoPin: DIFFERENT.kenhojo,
      confirmLastTry: ['kenhojo'],
    });
    expect(ok.status).toBe('registered');
    if (ok.status !== 'registered') return;
    const authCert = certificates.find((c) => c.kind === 'auth')!;
    expect(ok.user).toMatchObject({
      route: 'four-digit',
      subjectId: readAuthCertificateIssueId(authCert.der),
      basicFour: { name: resident.name, address: resident.address, birthDate: resident.birthDate, sex: '1' },
      certificate: { kind: 'auth', serialHex: authCert.serialHex, ocsp: 'good' },
    });
    expect(ok.existing).toBe(false);
    expect(rp.user(ok.user.subjectId)).toEqual(ok.user);
    expect(await tries(card.id)).toEqual({ auth: 3, kenhojo: 3, sign: 5 });
    expect(JSON.stringify(ok)).not.toMatch(/4567|7654|MISAKI95/);
  });

  it('safe mode on a card already locked elsewhere: no PIN sent, the lock explained with the doctor’s diagnosis', async () => {
    const { card } = await issue(sb, { pins: DIFFERENT, initialTries: { kenhojo: 0 } });
    const from = events.length;
    const o = await register(card.id, 'safe', {
      route: 'four-digit',
      authPin: DIFFERENT.auth,
      kenhojoPin: DIFFERENT.kenhojo,
    });
    expect(o).toMatchObject({ status: 'pin-locked', pin: 'kenhojo', supportGuide: '/support' });
    if (o.status !== 'pin-locked') return;
    expect(o.diagnosis!.route).toBe('counter');
    expect(ids(o.diagnosis!.findings)).toContain('pin.kenhojo.locked');
    expect(o.message.ja).toContain('窓口');
    expect(verifies(card.id, from)).toEqual([]);
  });

  it('safe mode reads the tries first: one try left on the user-auth PIN stops before any PIN is sent', async () => {
    const { card } = await issue(sb, { pins: DIFFERENT, initialTries: { auth: 1 } });
    const from = events.length;
    const input = { route: 'four-digit', authPin: DIFFERENT.auth, kenhojoPin: DIFFERENT.kenhojo } as const;
    expect(await register(card.id, 'safe', input)).toMatchObject({ status: 'confirm-last-try', pin: 'auth' });
    expect(verifies(card.id, from)).toEqual([]);
    const ok = await register(card.id, 'safe', { ...input, confirmLastTry: ['auth'] });
    expect(ok.status).toBe('registered');
  });

  it('the signature route: the password alone gives the basic four facts from the certificate', async () => {
    const { card, resident, certificates } = await issue(sb, { pins: DIFFERENT });
    for (const mode of ['risky', 'safe'] as const) {
      const o = await register(card.id, mode, { route: 'signature', signPin: DIFFERENT.sign });
      expect(o.status).toBe('registered');
      if (o.status !== 'registered') continue;
      const sign = certificates.find((c) => c.kind === 'sign')!;
      expect(o.user).toMatchObject({
        route: 'signature',
        subjectId: `sign:${sign.serialHex}`,
        basicFour: {
          name: resident.name,
          address: resident.address,
          birthDate: resident.birthDate,
          sex: '1',
        },
        certificate: { kind: 'sign', serialHex: sign.serialHex },
      });
      expect(o.existing).toBe(mode === 'safe');
    }
    const wrong = await register(card.id, 'safe', { route: 'signature', signPin: 'WRONG99' });
    expect(wrong).toMatchObject({ status: 'pin-wrong', pin: 'sign', triesLeft: 4 });
  });

  it('a face-authentication card: unavailable, explained in safe mode', async () => {
    const { card } = await issue(sb, { profile: 'face-auth' });
    const safe = await register(card.id, 'safe', {
      route: 'four-digit',
      authPin: '1234',
      kenhojoPin: '1234',
    });
    expect(safe).toMatchObject({ status: 'unavailable', reason: 'pin-not-set' });
    if (safe.status === 'unavailable') expect(ids(safe.diagnosis!.findings)).toContain('card.face-auth');
    const risky = await register(card.id, 'risky', { route: 'four-digit', authPin: '1234' });
    expect(risky).toMatchObject({ status: 'unavailable', reason: 'pin-not-set' });
    expect(risky).not.toHaveProperty('diagnosis');
  });
});

describe('the relying party verifies the holder: signature over its challenge, trust anchor, validity, OCSP', () => {
  it('a suspended card (certificates on hold): verification fails; the safe mode says why (counter)', async () => {
    const { card } = await issue(sb, { pins: DIFFERENT });
    await sb.authority.holdCard(card.id);
    await sb.store.setCardStatus(sb.id, card.id, 'suspended', sb.clock.now().toISOString());
    const input = { route: 'four-digit', authPin: DIFFERENT.auth, kenhojoPin: DIFFERENT.kenhojo } as const;
    const safe = await register(card.id, 'safe', input);
    expect(safe).toMatchObject({ status: 'verification-failed', reason: 'certificate-hold' });
    if (safe.status === 'verification-failed') {
      expect(safe.diagnosis!.route).toBe('counter');
      expect(ids(safe.diagnosis!.findings)).toContain('card.suspended');
    }
    expect(await register(card.id, 'risky', input)).toMatchObject({
      status: 'verification-failed',
      reason: 'certificate-hold',
    });
    // The PINs were right: no try lost.
    expect(await tries(card.id)).toEqual({ auth: 3, kenhojo: 3, sign: 5 });
  });

  it('a revoked signature certificate (the holder moved): the signature route fails by OCSP', async () => {
    const { card, resident } = await issue(sb, { pins: DIFFERENT });
    await sb.municipality.changeResidentFacts(resident.id, { address: '東京都清瀬市元町１－１' });
    const o = await register(card.id, 'safe', { route: 'signature', signPin: DIFFERENT.sign });
    expect(o).toMatchObject({ status: 'verification-failed', reason: 'certificate-revoked' });
    // The four-digit route still works: the user-auth certificate stays valid (§5.3).
    const four = await register(card.id, 'safe', {
      route: 'four-digit',
      authPin: DIFFERENT.auth,
      kenhojoPin: DIFFERENT.kenhojo,
    });
    expect(four.status).toBe('registered');
  });

  it('a certificate from a CA the RP does not trust, and a forged signature', async () => {
    const { card } = await issue(sb, { pins: DIFFERENT });
    const other = createSandbox({ clock: sb.clock });
    const stranger = await rpFor(sb, {
      auth: (await other.authority.ca('auth')).certDer,
      sign: (await other.authority.ca('sign')).certDer,
    });
    const input = { route: 'four-digit', authPin: DIFFERENT.auth, kenhojoPin: DIFFERENT.kenhojo } as const;
    expect(await register(card.id, 'safe', input, stranger)).toMatchObject({
      status: 'verification-failed',
      reason: 'certificate-chain',
    });
    // A transport that corrupts the card's signature (COMPUTE DIGITAL SIGNATURE, 80 2A).
    const forged = await withCard(sb.connector, card.id, APP, async (c) => {
      const inner = c.transport;
      const evil: Transport = {
        label: 'evil',
        async transmit(apdu) {
          const rsp = new Uint8Array(await inner.transmit(apdu));
          if (apdu[0] === 0x80 && apdu[1] === 0x2a && rsp.length > 2) rsp[10]! ^= 0xff;
          return rsp;
        },
      };
      return rp.registration('safe').register(new MynaCardClient(evil), input);
    });
    expect(forged).toMatchObject({ status: 'verification-failed', reason: 'signature' });
  });

  it('an expired certificate: verification fails; the doctor says renew at the counter', async () => {
    const clock = new SandboxClock();
    clock.freeze(NOW);
    const s = createSandbox({ clock });
    const { card } = await issue(s, { pins: DIFFERENT });
    const r = await rpFor(s);
    clock.set('2032-01-01T10:00:00+09:00'); // after the 5th birthday (certificates), before the 10th (card)
    const o = await register(
      card.id,
      'safe',
      { route: 'four-digit', authPin: DIFFERENT.auth, kenhojoPin: DIFFERENT.kenhojo },
      r,
      s,
    );
    expect(o).toMatchObject({ status: 'verification-failed', reason: 'certificate-expired' });
    if (o.status === 'verification-failed') {
      expect(o.diagnosis!.route).toBe('counter');
      expect(ids(o.diagnosis!.findings)).toContain('cert.auth.expired');
    }
  });
});
