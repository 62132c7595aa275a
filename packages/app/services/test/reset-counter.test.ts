import { verify, X509Certificate } from 'node:crypto';
import { readSignCertificateHolder } from '@myna/pki';
import { type Sandbox, type StaffSession, withCard } from '@myna/services';
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

/** The municipal counter (pin-lifecycle.md §4, §5). */
let sb: Sandbox;
let clerk: StaffSession;
let supervisor: StaffSession;
beforeAll(async () => {
  sb = world();
  ({ clerk, supervisor } = await staff(sb));
});

async function idOf(cardResidentId: string) {
  const r = await sb.municipality.resident(cardResidentId);
  return { kind: 'driver-license' as const, name: r.name, birthDate: r.birthDate };
}

/** Opens a procedure for the holder in person and confirms identity (face + photo ID). */
async function inPerson(
  cardId: string,
  kind: Parameters<Sandbox['reset']['counter']['open']>[1]['kind'],
  pins?: ('auth' | 'sign' | 'kenhojo' | 'juki' | 'common')[],
) {
  const c = sb.reset.counter;
  const card = await sb.municipality.card(cardId);
  const p = await c.open(clerk, { cardId, kind, applicant: { role: 'holder' }, ...(pins ? { pins } : {}) });
  return c.confirmIdentity(clerk, p.id, { selfie: SELFIE, photoId: await idOf(card.residentId) });
}

describe('staff accounts', () => {
  it('the first account is a supervisor; only supervisors create accounts; passwords are scrypt hashes', async () => {
    const c = sb.reset.counter;
    await expectCatalogError(
      c.createStaff(null, { id: 'x.y', name: 'X', role: 'clerk', password: 'long enough pw' }),
      'STAFF_FORBIDDEN',
    );
    await expectCatalogError(
      c.createStaff(clerk, { id: 'x.y', name: 'X', role: 'clerk', password: 'long enough pw' }),
      'STAFF_FORBIDDEN',
    );
    await expectCatalogError(
      c.createStaff(supervisor, { id: 'x.y', name: 'X', role: 'clerk', password: 'short' }),
      'INVALID_ARGUMENT',
    );
    await expectCatalogError(
      c.createStaff(supervisor, { id: 'kato.clerk', name: 'X', role: 'clerk', password: 'long enough pw' }),
      'INVALID_ARGUMENT',
    );
    const stored = await sb.reset.store.getStaff(sb.id, 'kato.clerk');
    expect(stored?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain('staple');
    expect(stored).toMatchObject({ role: 'clerk', municipalityCode: '13221' });
  });

  it('login: a wrong password or id fails alike; logout ends the session', async () => {
    const c = sb.reset.counter;
    await expectCatalogError(c.login('kato.clerk', 'wrong password', '2'), 'STAFF_LOGIN_FAILED');
    await expectCatalogError(c.login('nobody', 'staple battery horse', '2'), 'STAFF_LOGIN_FAILED');
    const s = await c.login('kato.clerk', 'staple battery horse', '3');
    expect(s).toMatchObject({ role: 'clerk', terminal: 'counter:13221:3', window: '3' });
    const { card } = await issue(sb);
    await c.open(s, { cardId: card.id, kind: 'pin-change', applicant: { role: 'holder' }, pins: ['auth'] });
    await c.logout(s);
    await expectCatalogError(
      c.open(s, { cardId: card.id, kind: 'pin-change', applicant: { role: 'holder' }, pins: ['auth'] }),
      'STAFF_LOGIN_FAILED',
    );
    const office = await sb.reset.audit.officeEvents();
    expect(office.filter((e) => e.step === 'staff.login' && e.outcome === 'refused')).toHaveLength(2);
    expect(JSON.stringify(office)).not.toContain('staple battery horse');
    // The session lasts 8 hours.
    const late = await c.login('kato.clerk', 'staple battery horse', '4');
    sb.clock.set('2026-11-24T18:00:00+09:00');
    await expectCatalogError(c.procedure(late, 'prc_none'), 'STAFF_LOGIN_FAILED');
    sb.clock.set('2026-11-24T10:00:00+09:00');
  });
});

describe('office hours (configurable per municipality)', () => {
  it('default weekdays 08:30–17:00 JST', async () => {
    const { card } = await issue(sb);
    const open = (at: string) => {
      sb.clock.set(at);
      return sb.reset.counter.open(clerk, {
        cardId: card.id,
        kind: 'pin-change',
        applicant: { role: 'holder' },
        pins: ['auth'],
      });
    };
    await expectCatalogError(open('2026-11-24T08:29:00+09:00'), 'COUNTER_CLOSED');
    await open('2026-11-24T08:30:00+09:00');
    await open('2026-11-24T16:59:00+09:00');
    await expectCatalogError(open('2026-11-24T17:00:00+09:00'), 'COUNTER_CLOSED');
    sb.clock.set('2026-11-28T10:00:00+09:00'); // Saturday: log in (allowed), but no procedures
    const sat = await sb.reset.counter.login('kato.clerk', 'staple battery horse', '2');
    await expectCatalogError(
      sb.reset.counter.open(sat, {
        cardId: card.id,
        kind: 'pin-change',
        applicant: { role: 'holder' },
        pins: ['auth'],
      }),
      'COUNTER_CLOSED',
    );
    sb.clock.set('2026-11-24T10:00:00+09:00');
  });

  it('evening hours, a Sunday session and a holiday', async () => {
    const s2 = world('2026-11-24T10:00:00+09:00', {
      counter: {
        officeHours: {
          weekdays: [1, 2, 3, 4, 5],
          open: '08:30',
          close: '19:00',
          closedDates: ['2026-11-23'],
          extraSessions: [{ date: '2026-11-29', open: '09:00', close: '12:00' }],
        },
      },
    });
    const c = s2.reset.counter;
    expect(c.isOpen(new Date('2026-11-24T18:59:00+09:00'))).toBe(true);
    expect(c.isOpen(new Date('2026-11-24T19:00:00+09:00'))).toBe(false);
    expect(c.isOpen(new Date('2026-11-23T10:00:00+09:00'))).toBe(false); // 勤労感謝の日
    expect(c.isOpen(new Date('2026-11-29T11:59:00+09:00'))).toBe(true); // Sunday session
    expect(c.isOpen(new Date('2026-11-29T12:00:00+09:00'))).toBe(false);
    expect(c.isOpen(new Date('2026-11-22T10:00:00+09:00'))).toBe(false); // an ordinary Sunday
  });
});

describe('identity checks (§4.2)', () => {
  it('the card’s face against the person, and a photo ID matching the register', async () => {
    const { card } = await issue(sb);
    const c = sb.reset.counter;
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'holder' },
      pins: ['auth'],
    });
    // Nothing happens before identity is confirmed.
    await expectCatalogError(c.resetPins(clerk, p.id, { auth: '1111' }), 'IDENTITY_NOT_CONFIRMED');
    const id = await idOf(card.residentId);
    const mismatch = await expectCatalogError(
      c.confirmIdentity(clerk, p.id, { selfie: SELFIE, forceFaceMismatch: true, photoId: id }),
      'IDENTITY_NOT_CONFIRMED',
    );
    expect(mismatch.details).toEqual({ check: 'card-face-match', reason: 'mismatch' });
    expect(
      (await expectCatalogError(c.confirmIdentity(clerk, p.id, { selfie: SELFIE }), 'IDENTITY_NOT_CONFIRMED'))
        .details,
    ).toEqual({
      check: 'holder-photo-id',
      reason: 'missing',
    });
    await expectCatalogError(
      c.confirmIdentity(clerk, p.id, { selfie: SELFIE, photoId: { ...id, birthDate: '1999-01-01' } }),
      'IDENTITY_NOT_CONFIRMED',
    );
    const ok = await c.confirmIdentity(clerk, p.id, { selfie: SELFIE, photoId: id });
    expect(ok).toMatchObject({
      status: 'ready',
      checks: ['card-face-match', 'holder-photo-id:driver-license'],
    });
    await expectCatalogError(
      c.confirmIdentity(clerk, p.id, { selfie: SELFIE, photoId: id }),
      'PROCEDURE_STATE',
    );
    await c.resetPins(clerk, p.id, { auth: '1111' });
    await expectCatalogError(c.resetPins(clerk, p.id, { auth: '2222' }), 'PROCEDURE_STATE');
    await expectCatalogError(c.resetPins(clerk, 'prc_nope', { auth: '2222' }), 'PROCEDURE_NOT_FOUND');
    expect(await verifies(sb, card.id, 'auth', '1111')).toBe(true);
  });

  it('a municipality that asks for the card only (SANDA)', async () => {
    const s2 = world(undefined, { counter: { photoIdRequired: false } });
    const { clerk: k } = await staff(s2);
    const { card } = await issue(s2, { initialTries: { auth: 0 } });
    const c = s2.reset.counter;
    const p = await c.open(k, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'holder' },
      pins: ['auth'],
    });
    expect((await c.confirmIdentity(k, p.id, { selfie: SELFIE })).checks).toEqual(['card-face-match']);
    await c.resetPins(k, p.id, { auth: '4321' });
    expect(await verifies(s2, card.id, 'auth', '4321')).toBe(true);
  });
});

describe('resets and changes', () => {
  it('a holder who forgot every PIN: the counter resets all five, and every one works', async () => {
    const { card } = await issue(sb, { initialTries: { auth: 0, sign: 0, kenhojo: 0, juki: 0, common: 0 } });
    const all = ['auth', 'sign', 'kenhojo', 'juki', 'common'] as const;
    // The kiosk route is closed to them: no PIN to reserve with.
    await expectCatalogError(reserve(sb, card.id, 'sign', PINS.auth), 'PIN_BLOCKED');
    const p = await inPerson(card.id, 'pin-reset', [...all]);
    const c = sb.reset.counter;
    // Every PIN of the procedure must be given, each by its rule.
    await expectCatalogError(c.resetPins(clerk, p.id, { auth: '1357' }), 'INVALID_ARGUMENT');
    const bad = await expectCatalogError(
      c.resetPins(clerk, p.id, {
        auth: '1357',
        sign: 'lowercase',
        kenhojo: '2468',
        juki: '3579',
        common: '3579',
      }),
      'PIN_FORMAT',
    );
    expect(bad.details.pin).toBe('sign');
    expect((await sb.reset.store.getProcedure(sb.id, p.id))?.status).toBe('ready');
    const done = await c.resetPins(clerk, p.id, {
      auth: '1357',
      sign: 'FRESH2026',
      kenhojo: '2468',
      juki: '3579',
      common: '3579',
    });
    expect(done).toMatchObject({ status: 'completed', closedBy: 'staff:kato.clerk' });
    for (const [pin, v] of [
      ['auth', '1357'],
      ['sign', 'FRESH2026'],
      ['kenhojo', '2468'],
      ['juki', '3579'],
      ['common', '3579'],
    ] as const)
      expect(await verifies(sb, card.id, pin, v), pin).toBe(true);
    const tl = await sb.reset.timeline(card.id);
    const resets = tl.filter((e) => e.kind === 'pin' && e.type === 'pin.reset');
    expect(resets.map((e) => [e.kind === 'pin' && e.pin, e.terminal])).toEqual(
      all.map((p) => [p, 'counter:13221:2']),
    );
    const step = tl.find((e) => e.kind === 'procedure' && e.step === 'pin-reset' && e.outcome === 'ok');
    expect(step).toMatchObject({
      actor: 'staff:kato.clerk',
      terminal: 'counter:13221:2',
      procedureId: p.id,
      outcome: 'ok',
    });
    await expectNoSecrets(sb, card.id, ['1357', 'FRESH2026', '2468', '3579']);
  });

  it('PIN change with the current PIN (a wrong one spends a try; the procedure stays open for another go)', async () => {
    const { card } = await issue(sb);
    const p = await inPerson(card.id, 'pin-change', ['kenhojo']);
    const c = sb.reset.counter;
    await expectCatalogError(c.changePin(clerk, p.id, { current: '0000', next: '8080' }), 'PIN_WRONG');
    expect(await tries(sb, card.id, 'kenhojo')).toBe(2);
    expect((await sb.reset.store.getProcedure(sb.id, p.id))?.status).toBe('ready');
    expect((await c.changePin(clerk, p.id, { current: PINS.kenhojo, next: '8080' })).status).toBe(
      'completed',
    );
    expect(await verifies(sb, card.id, 'kenhojo', '8080')).toBe(true);
  });

  it('an unfinished procedure can be cancelled, once', async () => {
    const { card } = await issue(sb);
    const c = sb.reset.counter;
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'holder' },
      pins: ['juki'],
    });
    expect(await c.cancel(clerk, p.id)).toMatchObject({ status: 'cancelled', closedBy: 'staff:kato.clerk' });
    await expectCatalogError(c.cancel(clerk, p.id), 'PROCEDURE_STATE');
    await expectCatalogError(c.confirmIdentity(clerk, p.id, { selfie: SELFIE }), 'PROCEDURE_STATE');
  });

  it('the reset needs reference data: an under-15 card has no signature password to reset', async () => {
    const { card } = await issue(sb, {
      birthDate: '2016-04-01',
      pins: { auth: '1234', kenhojo: '1234', juki: '1234' },
    });
    const p = await inPerson(card.id, 'pin-reset', ['sign']);
    const e = await expectCatalogError(
      sb.reset.counter.resetPins(clerk, p.id, { sign: 'CHILD123' }),
      'RESET_PRECONDITION',
    );
    expect(e.details).toEqual({ reason: 'no-pin', pin: 'sign' });
    expect(await tries(sb, card.id, 'sign')).toBeNull();
  });
});

describe('representatives (§4.3)', () => {
  it('a voluntary agent: two visits with the 照会書兼回答書 mailed in between', async () => {
    const { card, resident } = await issue(sb, { initialTries: { auth: 0 } });
    const c = sb.reset.counter;
    const agent = { kind: 'driver-license' as const, name: '代理　一郎', birthDate: '1970-01-01' };
    await expectCatalogError(
      c.open(clerk, {
        cardId: card.id,
        kind: 'pin-change',
        applicant: { role: 'voluntary-agent', name: agent.name },
        pins: ['auth'],
      }),
      'INVALID_ARGUMENT',
    );
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'voluntary-agent', name: agent.name },
      pins: ['auth'],
    });
    await expectCatalogError(
      c.confirmIdentity(clerk, p.id, { photoId: { ...agent, name: '別人　二郎' } }),
      'IDENTITY_NOT_CONFIRMED',
    );
    const v1 = await c.confirmIdentity(clerk, p.id, { photoId: agent });
    expect(v1).toMatchObject({ status: 'awaiting-answer', checks: ['agent-photo-id:driver-license'] });
    const [letter] = await c.mailbox(resident.id);
    expect(letter).toMatchObject({
      procedureId: p.id,
      kind: 'inquiry-and-answer',
      addressee: resident.name,
      address: resident.address,
      doNotForward: true,
    });
    expect(letter!.answerCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Never on the same day.
    sb.clock.set('2026-11-24T16:00:00+09:00');
    expect(
      (
        await expectCatalogError(
          c.secondVisit(clerk, p.id, { answerCode: letter!.answerCode, photoId: agent }),
          'PROCEDURE_STATE',
        )
      ).details,
    ).toMatchObject({
      reason: 'letter-still-in-the-mail',
    });
    await expectCatalogError(c.resetPins(clerk, p.id, { auth: '5050' }), 'IDENTITY_NOT_CONFIRMED');
    sb.clock.set('2026-11-26T10:00:00+09:00');
    const other = await c.login('sato.sup', 'correct horse battery', '5'); // another day, another window
    const wrong = await expectCatalogError(
      c.secondVisit(other, p.id, { answerCode: 'AAAA-AAAA', photoId: agent }),
      'ANSWER_CODE_INVALID',
    );
    expect(wrong.details).toEqual({ attemptsLeft: 2, voided: false });
    const v2 = await c.secondVisit(other, p.id, {
      answerCode: letter!.answerCode.toLowerCase(),
      photoId: agent,
    });
    expect(v2).toMatchObject({ status: 'ready', visits: 2 });
    await c.resetPins(other, p.id, { auth: '5050' });
    expect(await verifies(sb, card.id, 'auth', '5050')).toBe(true);
    await expectNoSecrets(sb, card.id, [letter!.answerCode, letter!.answerCode.replace('-', ''), '5050']);
    sb.clock.set('2026-11-24T10:00:00+09:00');
  });

  it('three wrong answer codes void the procedure', async () => {
    const { card } = await issue(sb);
    const c = sb.reset.counter;
    const agent = { kind: 'passport' as const, name: '代理　三郎', birthDate: '1975-05-05' };
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'voluntary-agent', name: agent.name },
      pins: ['juki'],
    });
    await c.confirmIdentity(clerk, p.id, { photoId: agent });
    sb.clock.set('2026-11-25T10:00:00+09:00');
    const k = await c.login('kato.clerk', 'staple battery horse', '2');
    await expectCatalogError(
      c.secondVisit(k, p.id, { answerCode: 'x', photoId: agent }),
      'ANSWER_CODE_INVALID',
    );
    await expectCatalogError(
      c.secondVisit(k, p.id, { answerCode: 'y', photoId: agent }),
      'ANSWER_CODE_INVALID',
    );
    expect(
      (
        await expectCatalogError(
          c.secondVisit(k, p.id, { answerCode: 'z', photoId: agent }),
          'ANSWER_CODE_INVALID',
        )
      ).details,
    ).toEqual({
      attemptsLeft: 0,
      voided: true,
    });
    expect((await c.procedure(k, p.id)).status).toBe('cancelled');
    await expectCatalogError(c.secondVisit(k, p.id, { answerCode: 'z', photoId: agent }), 'PROCEDURE_STATE');
    sb.clock.set('2026-11-24T10:00:00+09:00');
  });

  it('a legal representative of an under-15 holder: the same day, with proof of authority', async () => {
    const { card, resident } = await issue(sb, {
      birthDate: '2016-04-01',
      pins: { auth: '1234', kenhojo: '1234', juki: '1234' },
      initialTries: { auth: 0, kenhojo: 0 },
    });
    const c = sb.reset.counter;
    const parent = { kind: 'driver-license' as const, name: '試験　親', birthDate: '1985-03-03' };
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'pin-reset',
      applicant: { role: 'legal-representative', name: parent.name },
      pins: ['auth', 'kenhojo'],
    });
    await expectCatalogError(c.confirmIdentity(clerk, p.id, { photoId: parent }), 'IDENTITY_NOT_CONFIRMED');
    const proof = {
      kind: 'family-register' as const,
      holderName: resident.name,
      representativeName: parent.name,
    };
    await expectCatalogError(
      c.confirmIdentity(clerk, p.id, { proofOfAuthority: proof }),
      'IDENTITY_NOT_CONFIRMED',
    );
    const ok = await c.confirmIdentity(clerk, p.id, { proofOfAuthority: proof, photoId: parent });
    expect(ok).toMatchObject({
      status: 'ready',
      checks: ['proof:family-register', 'representative-photo-id:driver-license', 'card-read'],
    });
    await c.resetPins(clerk, p.id, { auth: '6060', kenhojo: '7070' });
    expect(await verifies(sb, card.id, 'auth', '6060')).toBe(true);
    expect(await verifies(sb, card.id, 'kenhojo', '7070')).toBe(true);
    // A family register does not make one the legal representative of an adult.
    const { card: adult, resident: r2 } = await issue(sb);
    const q = await c.open(clerk, {
      cardId: adult.id,
      kind: 'pin-reset',
      applicant: { role: 'legal-representative', name: parent.name },
      pins: ['auth'],
    });
    const e = await expectCatalogError(
      c.confirmIdentity(clerk, q.id, {
        proofOfAuthority: { ...proof, holderName: r2.name },
        photoId: parent,
      }),
      'IDENTITY_NOT_CONFIRMED',
    );
    expect(e.details).toEqual({ check: 'proof-of-authority', reason: 'holder-not-a-minor' });
  });
});

describe('face-authentication cards and signature certificates (§1.3, §5.3)', () => {
  it('switching to a face-authentication card erases every PIN and revokes the signature certificate; switching back sets new PINs and a new certificate', async () => {
    const { card, certificates } = await issue(sb);
    await inPerson(card.id, 'to-face-auth').then((p) => sb.reset.counter.switchToFaceAuth(clerk, p.id));
    const status = await sb.municipality.cardStatus(card.id, sb.connector);
    expect(status.card.kind).toBe('face-auth');
    expect(Object.fromEntries(Object.entries(status.pins).map(([k, p]) => [k, p.set]))).toEqual({
      auth: false,
      sign: false,
      kenhojo: false,
      juki: false,
      common: false,
    });
    const oldSign = certificates.find((c) => c.kind === 'sign')!;
    expect((await sb.authority.certificateStatus('sign', oldSign.serialHex)).status).toBe('revoked');
    expect(status.certificates.find((c) => c.kind === 'auth')?.status).toBe('good');
    await withCard(sb.connector, card.id, 'test', async (c) => {
      expect(await c.certificateAvailability()).toEqual({ sign: false, auth: true });
    });
    // No PIN: no kiosk route, no app.
    await expectCatalogError(reserve(sb, card.id, 'sign', PINS.auth), 'CERTIFICATE_INVALID');
    // Switching again is refused; switching back needs the holder's new PINs.
    const again = await inPerson(card.id, 'to-face-auth');
    await expectCatalogError(sb.reset.counter.switchToFaceAuth(clerk, again.id), 'PROCEDURE_STATE');
    const back = await inPerson(card.id, 'from-face-auth');
    await expectCatalogError(
      sb.reset.counter.switchFromFaceAuth(clerk, back.id, { auth: '1111', kenhojo: '2222', juki: '3333' }),
      'INVALID_ARGUMENT',
    );
    const { certificates: fresh } = await sb.reset.counter.switchFromFaceAuth(clerk, back.id, {
      auth: '1111',
      kenhojo: '2222',
      juki: '3333',
      sign: 'BACKAGAIN1',
    });
    expect(fresh.map((c) => [c.kind, c.status])).toEqual([['sign', 'good']]);
    expect((await sb.municipality.card(card.id)).kind).toBe('adult');
    for (const [pin, v] of [
      ['auth', '1111'],
      ['kenhojo', '2222'],
      ['juki', '3333'],
      ['common', '3333'],
      ['sign', 'BACKAGAIN1'],
    ] as const)
      expect(await verifies(sb, card.id, pin, v), pin).toBe(true);
    await withCard(sb.connector, card.id, 'test', async (c) => {
      expect(await c.certificateAvailability()).toEqual({ sign: true, auth: true });
      await c.verifyPin('sign', 'BACKAGAIN1');
      const der = await c.readCertificate('sign');
      expect(Buffer.from(der).equals(Buffer.from(fresh[0]!.der))).toBe(true);
      const data = new TextEncoder().encode('署名');
      const sig = await c.sign('sign', data);
      expect(verify('sha256', data, new X509Certificate(Buffer.from(der)).publicKey, sig)).toBe(true);
    });
    // The kiosk route is open again.
    await reserve(sb, card.id, 'auth', 'BACKAGAIN1');
  });

  it('a card issued as a face-authentication card becomes a PIN card', async () => {
    const { card } = await issue(sb, { faceAuth: true });
    const p = await inPerson(card.id, 'from-face-auth');
    await sb.reset.counter.switchFromFaceAuth(clerk, p.id, {
      auth: '4444',
      kenhojo: '4444',
      juki: '4444',
      sign: 'FACEOFF44',
    });
    expect(await verifies(sb, card.id, 'sign', 'FACEOFF44')).toBe(true);
  });

  it('a new signature certificate after a change of address; then the kiosk route works again', async () => {
    const { card, resident } = await issue(sb, { initialTries: { auth: 0 } });
    await sb.municipality.changeResidentFacts(resident.id, { address: '東京都清瀬市梅園１－２－３' });
    await expectCatalogError(reserve(sb, card.id, 'auth', PINS.sign), 'CERTIFICATE_INVALID');
    const p = await inPerson(card.id, 'sign-certificate');
    const { certificate } = await sb.reset.counter.issueSignCertificate(clerk, p.id);
    expect(readSignCertificateHolder(certificate.der).address).toBe('東京都清瀬市梅園１－２－３');
    expect(await tries(sb, card.id, 'sign')).toBe(5);
    await reserve(sb, card.id, 'auth', PINS.sign);
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'moved' });
    expect((await kioskReset(k, card.id, 'auth', PINS.sign, '2580')).id).toBe('K7');
  });
});
