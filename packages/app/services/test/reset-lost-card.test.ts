import { readFileSync } from 'node:fs';
import type { Sandbox } from '@myna/services';
import { withCard } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pem, run, tempDir } from './helpers.js';
import { issue, kioskReset, PINS, reserve, SELFIE, staff, world } from './reset-helpers.js';

/** The lost-card line (pin-lifecycle.md §5.4): suspension around the clock, lifted only at the counter. */
let sb: Sandbox;
const tmp = tempDir();
beforeAll(() => {
  sb = world();
});
afterAll(() => tmp.cleanup());

/** What an OCSP client (openssl) hears about the card's user-auth certificate right now. */
async function ocsp(cardId: string, which: 'auth' | 'sign' = 'auth'): Promise<string> {
  const { leaf, ca } = await withCard(sb.connector, cardId, 'rp:ocsp-check', async (c) => {
    if (which === 'sign') await c.verifyPin('sign', PINS.sign);
    return {
      leaf: await c.readCertificate(which),
      ca: await c.readCertificate(which === 'auth' ? 'authCa' : 'signCa'),
    };
  });
  const tag = `${cardId}-${which}-${Math.random().toString(36).slice(2)}`;
  const caFile = tmp.file(`ca-${tag}.pem`, pem(ca));
  const leafFile = tmp.file(`leaf-${tag}.pem`, pem(leaf));
  const req = tmp.file(`req-${tag}.der`, new Uint8Array(0));
  await run('openssl', ['ocsp', '-issuer', caFile, '-cert', leafFile, '-reqout', req, '-no_nonce']);
  const resp = tmp.file(`resp-${tag}.der`, await sb.authority.ocsp(new Uint8Array(readFileSync(req))));
  const at = String(Math.floor(sb.clock.now().getTime() / 1000));
  const out = await run('openssl', [
    'ocsp',
    '-respin',
    resp,
    '-issuer',
    caFile,
    '-cert',
    leafFile,
    '-CAfile',
    caFile,
    '-attime',
    at,
    '-validity_period',
    '315360000',
  ]);
  return out.stdout + out.stderr;
}

describe('the lost-card line (0120-95-0178)', () => {
  it('suspends at 03:00 on a Sunday: certificates on hold (OCSP says so), the kiosk and the app refuse', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    expect(await ocsp(card.id)).toMatch(/: good/);
    await reserve(sb, card.id, 'sign', PINS.auth);

    sb.clock.set('2026-11-29T03:00:00+09:00');
    const r = await sb.reset.lostCardLine.reportLost({ cardId: card.id, reason: 'lost' });
    expect(r.onHold.map((c) => c.kind).sort()).toEqual(['auth', 'sign']);
    expect((await sb.municipality.card(card.id)).status).toBe('suspended');
    expect(await ocsp(card.id)).toMatch(/: revoked[\s\S]*Reason: certificateHold/);
    // The pending reservation was cancelled; a new one is refused; the kiosk shows E6 / E1.
    const [res] = await sb.reset.store.listReservations(sb.id, card.id);
    expect(res?.status).toBe('cancelled');
    await expectCatalogError(reserve(sb, card.id, 'sign', PINS.auth), 'CARD_SUSPENDED');
    sb.clock.set('2026-11-29T10:00:00+09:00');
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'lost' });
    expect((await kioskReset(k, card.id, 'sign', PINS.auth, 'FOUND123')).error?.id).toBe('E1');
    // Calling again changes nothing.
    await sb.reset.lostCardLine.reportLost({ cardId: card.id, reason: 'lost', caller: 'family' });
    const tl = await sb.reset.timeline(card.id);
    const calls = tl.filter((e) => e.kind === 'procedure' && e.step === 'suspended');
    expect(calls.map((e) => e.kind === 'procedure' && [e.actor, e.terminal])).toEqual([
      ['caller:holder', 'phone:0120-95-0178'],
      ['caller:family', 'phone:0120-95-0178'],
    ]);
    sb.clock.set('2026-11-24T10:00:00+09:00');
  });

  it('a reservation made before the loss cannot be used at a kiosk (E6: certificates on hold)', async () => {
    const { card } = await issue(sb, { initialTries: { sign: 0 } });
    await reserve(sb, card.id, 'sign', PINS.auth);
    // A suspension that left the reservation in place (e.g. made from another sandbox tool) still fails at K4.
    await sb.authority.holdCard(card.id);
    const k = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 'hold' });
    const s = await kioskReset(k, card.id, 'sign', PINS.auth, 'FOUND123');
    expect(s.error).toMatchObject({ id: 'E6', details: { reason: 'hold' } });
    await sb.authority.releaseCard(card.id);
  });

  it('is lifted only at the counter, by a supervisor; the signature certificate needs the signature password', async () => {
    const { card } = await issue(sb);
    const { clerk, supervisor } = await staff(sb);
    await sb.reset.lostCardLine.reportLost({ cardId: card.id, reason: 'stolen' });
    const c = sb.reset.counter;
    // Other procedures wait until the suspension is lifted.
    await expectCatalogError(
      c.open(clerk, { cardId: card.id, kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['auth'] }),
      'CARD_SUSPENDED',
    );
    const res = await sb.municipality.resident(card.residentId);
    const p = await c.open(clerk, {
      cardId: card.id,
      kind: 'lift-suspension',
      applicant: { role: 'holder' },
    });
    await c.confirmIdentity(clerk, p.id, {
      selfie: SELFIE,
      photoId: { kind: 'passport', name: res.name, birthDate: res.birthDate },
    });
    await expectCatalogError(c.liftSuspension(clerk, p.id), 'STAFF_FORBIDDEN');
    // The holder does not need the signature certificate today: only the user-auth one is released.
    const first = await c.liftSuspension(supervisor, p.id);
    expect(first.released).toEqual(['auth']);
    expect((await sb.municipality.card(card.id)).status).toBe('active');
    expect(await ocsp(card.id)).toMatch(/: good/);
    expect(await ocsp(card.id, 'sign')).toMatch(/Reason: certificateHold/);
    // Another visit, with the signature password: released too.
    const q = await c.open(clerk, {
      cardId: card.id,
      kind: 'lift-suspension',
      applicant: { role: 'holder' },
    });
    await c.confirmIdentity(clerk, q.id, {
      selfie: SELFIE,
      photoId: { kind: 'passport', name: res.name, birthDate: res.birthDate },
    });
    await expectCatalogError(c.liftSuspension(supervisor, q.id, { signPin: 'WRONG999' }), 'PIN_WRONG');
    expect((await c.liftSuspension(supervisor, q.id, { signPin: PINS.sign })).released).toEqual(['sign']);
    expect(await ocsp(card.id, 'sign')).toMatch(/: good/);
    const steps = (await sb.reset.timeline(card.id)).flatMap((e) =>
      e.kind === 'procedure' ? [`${e.step}:${e.outcome}`] : [],
    );
    expect(steps).toContain('counter.lift-suspension:ok');
    expect(steps).toContain('lift-suspension:refused');
  });
});
